import { InputError } from '../errors/errors.js';

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; last = i; }
  }
  return { line, column: offset - last };
}

/**
 * Parses JSON text and turns a syntax error into an InputError with file, line and column.
 * `lineOffset` shifts line numbers for one line of a JSONL file.
 */
export function parseJson(text: string, file: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const { line, column } = m ? lineColumnAt(text, Number(m[1])) : { line: 1, column: undefined as number | undefined };
    const reason = msg.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    throw new InputError('input-syntax', `malformed JSON: ${reason}`, { file, line: line + lineOffset, column });
  }
}
