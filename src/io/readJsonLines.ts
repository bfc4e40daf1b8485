import { InputError } from '../errors/errors.js';
import { parseJson } from './parseJson.js';
import { decodeUtf8 } from './readText.js';
import { lineTooLong, openStream, splitLines } from './readLines.js';

/** One line of a JSON-lines file: either its value or the error that stopped it being read. */
export type JsonLine =
  | { readonly ok: true; readonly line: number; readonly value: unknown }
  | { readonly ok: false; readonly line: number; readonly error: InputError };

/**
 * Streams a JSON-lines file line by line. Blank lines are skipped; a malformed line or one that is
 * not UTF-8 is yielded as an error value (never dropped) so the caller decides whether to stop or go on.
 */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  const stream = await openStream(path);
  for await (const { line, bytes, tooLong } of splitLines(stream)) {
    if (tooLong !== undefined) {
      yield { ok: false, line, error: new InputError('input-invalid', lineTooLong(tooLong), { file: path, line }) };
      continue;
    }
    try {
      const text = decodeUtf8(bytes, path);
      if (text.trim() === '') continue;
      yield { ok: true, line, value: parseJson(text, path, line - 1) };
    } catch (e) {
      // decodeUtf8 and parseJson throw only InputErrors; anything else is a bug and propagates.
      if (!(e instanceof InputError)) throw e;
      const fixed = e.code === 'input-encoding' ? new InputError('input-encoding', e.message, { file: path, line }) : e;
      yield { ok: false, line, error: fixed };
    }
  }
}
