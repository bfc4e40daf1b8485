import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputError } from '../errors/errors.js';

/** One line of a text file as raw bytes with its 1-based line number. */
export interface RawLine {
  readonly line: number;
  readonly bytes: Buffer;
}

/** Opens a file (or `-`) for streaming, turning open errors into InputErrors. */
export async function openStream(path: string): Promise<Readable> {
  if (path === '-') return process.stdin;
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new InputError(
          e.code === 'ENOENT' ? 'input-missing' : 'input-unreadable',
          e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory, expected a file' : `cannot read file (${e.code})`,
          { file: path },
        ),
      ),
    );
  });
  return stream;
}

/**
 * Splits a byte stream into lines (LF, with a trailing CR removed) without decoding, so callers can
 * decode strictly and report the exact line of invalid UTF-8. The last line need not end in LF.
 */
export async function* splitLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<RawLine> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let data = carry.length ? Buffer.concat([carry, buf]) : buf;
    let start = 0;
    let nl = data.indexOf(10, start);
    while (nl !== -1) {
      line++;
      const end = nl > start && data[nl - 1] === 13 ? nl - 1 : nl;
      yield { line, bytes: data.subarray(start, end) };
      start = nl + 1;
      nl = data.indexOf(10, start);
    }
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length > 0) {
    line++;
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
    yield { line, bytes: carry.subarray(0, end) };
  }
}
