import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputError } from '../errors/errors.js';
import { regularFileSize } from './inputFile.js';

/**
 * The longest line a line reader accepts, in bytes (TMS-C-012): 64 MiB. A longer line is reported
 * as an invalid line with its number, and skipped without being held in memory.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** The message for a line over the limit. */
export function lineTooLong(bytes: number, limit = MAX_LINE_BYTES): string {
  return `line is ${bytes} bytes, over the limit of ${limit} bytes per line; skipped`;
}

/** One line of a text file as raw bytes with its 1-based line number; `tooLong` (its length) when it exceeded the limit and was skipped. */
export interface RawLine {
  readonly line: number;
  readonly bytes: Buffer;
  readonly tooLong?: number;
}

/** Opens a regular file (or `-`) for streaming, turning open errors into InputErrors (TMS-C-014). */
export async function openStream(path: string): Promise<Readable> {
  if (path === '-') return process.stdin;
  await regularFileSize(path);
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
 * Linear in the input: a line's pieces are kept as a list and joined once, never re-copied per
 * chunk (TMS-C-012). A line longer than `maxLineBytes` is yielded empty with `tooLong` set.
 */
export async function* splitLines(stream: AsyncIterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let pending = 0; // bytes of the current line so far (also counted once it is over the limit)
  let line = 0;
  const finish = (tail: Buffer): RawLine => {
    line++;
    const total = pending + tail.length;
    let out: RawLine;
    if (total > maxLineBytes) out = { line, bytes: Buffer.alloc(0), tooLong: total };
    else {
      const data = parts.length === 0 ? tail : Buffer.concat([...parts, tail], total);
      const end = data.length > 0 && data[data.length - 1] === 13 ? data.length - 1 : data.length;
      out = { line, bytes: data.subarray(0, end) };
    }
    parts = [];
    pending = 0;
    return out;
  };
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      yield finish(buf.subarray(start, nl));
      start = nl + 1;
    }
    if (start < buf.length) {
      const rest = buf.subarray(start);
      if (pending + rest.length <= maxLineBytes) parts.push(rest);
      else parts = [];
      pending += rest.length;
    }
  }
  if (pending > 0) yield finish(Buffer.alloc(0));
}
