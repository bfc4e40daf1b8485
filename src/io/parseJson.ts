import { InputError } from '../errors/errors.js';
import { jsonErrorOffset } from './jsonErrorOffset.js';
import { errorMessage } from './errnoCode.js';

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** V8's reason without the source excerpt or position it sometimes appends (keeps the error on one line). */
function reasonOf(message: string): string {
  return message
    .replace(/^JSON\.parse: /, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .split('\n')[0];
}

/**
 * Parses JSON text and turns a syntax error into an InputError with file, line and column.
 * `lineOffset` shifts line numbers for one line of a JSON-lines file.
 */
export function parseJson(text: string, file: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = errorMessage(e);
    const m = /position (\d+)/.exec(msg);
    const offset = m ? Number(m[1]) : jsonErrorOffset(text);
    const where = offset >= 0 ? lineColumnAt(text, offset) : { line: 1, column: undefined };
    throw new InputError('input-syntax', `malformed JSON: ${reasonOf(msg)}`, { file, line: where.line + lineOffset, column: where.column });
  }
}
