import { createReadStream, readSync } from 'node:fs';
import { createGunzip, type Gunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { lineTooLong, openStream, splitLines } from '../../io/readLines.js';
import { errnoCode } from '../../io/errnoCode.js';
import { inputFileError } from '../../io/inputFile.js';

/** The format of a usage log: by its file name (sourceFormat), gzip also by its content (formatOf). */
export type SourceFormat = 'jsonl' | 'jsonl.gz' | 'csv' | 'csv.gz';

/** One physical line of a usage log as raw bytes, or the reason the stream ended early. */
export type SourceLine =
  | { readonly ok: true; readonly line: number; readonly bytes: Buffer; readonly offset: number }
  | { readonly ok: false; readonly line: number; readonly code: 'input-unreadable'; readonly message: string }
  /** A line over the per-line limit (TMS-C-012): an invalid line; reading goes on after it. */
  | { readonly ok: false; readonly line: number; readonly code: 'line-too-long'; readonly message: string };

/** The format of `path` by extension: `.csv`, `.csv.gz`, `.gz`/`.jsonl.gz`, anything else JSON lines. */
export function sourceFormat(path: string): SourceFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.csv.gz')) return 'csv.gz';
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.gz')) return 'jsonl.gz';
  return 'jsonl';
}

/** Whether bytes start with the gzip magic number, ID1 0x1f ID2 0x8b (RFC 1952 section 2.3.1). */
export function isGzipHead(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The format a log is read in, from its name and its first bytes: gzip content is decompressed
 * whatever the name, since exporters write compressed parts named `part-00000.jsonl` or `.csv`.
 */
export function formatOf(path: string, head: Uint8Array): SourceFormat {
  const f = sourceFormat(path);
  if (f.endsWith('.gz') || !isGzipHead(head)) return f;
  return f === 'csv' ? 'csv.gz' : 'jsonl.gz';
}

/**
 * Opens a log (or `-`) and picks its format (formatOf) from its first two bytes: the one place
 * every reader of a log (streaming, byte ranges, re-reads) learns it. Standard input is sniffed
 * alike, so `gzip -c log.jsonl | tokencert audit --records -` reads as the file does.
 */
export async function openSource(path: string): Promise<{ readonly raw: Readable; readonly format: SourceFormat }> {
  const raw = await openStream(path);
  if (path === '-') {
    let peeked: { readonly stream: Readable; readonly head: Buffer };
    try {
      peeked = await peekHead(raw, 2);
    } catch (e) {
      throw inputFileError(path, e);
    }
    return { raw: peeked.stream, format: formatOf(path, peeked.head) };
  }
  try {
    // A positional read on the stream's own descriptor: it leaves the stream's place alone, and
    // the file is opened once.
    const fd = 'fd' in raw ? raw.fd : undefined;
    if (typeof fd !== 'number') throw new TypeError('openSource: the stream has no file descriptor');
    const head = Buffer.alloc(2);
    const n = readSync(fd, head, 0, 2, 0);
    return { raw, format: formatOf(path, head.subarray(0, n)) };
  } catch (e) {
    raw.destroy();
    throw inputFileError(path, e);
  }
}

/**
 * The first `n` bytes of a stream that cannot seek (standard input), and the stream to read from
 * the start: the bytes taken are put back (`unshift`), or, when the stream already ended (fewer
 * than `n` bytes in all), handed over in a stream of their own.
 */
async function peekHead(stream: Readable, n: number): Promise<{ readonly stream: Readable; readonly head: Buffer }> {
  const got: Buffer[] = [];
  let length = 0;
  // The end may be emitted between a 'readable' event and the next read: asked after each read.
  while (length < n && !stream.readableEnded) {
    const chunk: unknown = stream.read();
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      got.push(b);
      length += b.length;
    } else if (!stream.readableEnded) await readableOrEnd(stream);
  }
  const head = Buffer.concat(got);
  if (stream.readableEnded) return { stream: Readable.from(head.length > 0 ? [head] : [], { objectMode: false }), head };
  // Put back in the same tick as the last read, before the stream could emit its end.
  if (head.length > 0) stream.unshift(head);
  return { stream, head };
}

/** Resolves at the stream's next 'readable' or 'end', rejects at its 'error'. */
function readableOrEnd(stream: Readable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (e?: Error) => {
      stream.off('readable', done);
      stream.off('end', done);
      stream.off('error', done);
      if (e) reject(e);
      else resolve();
    };
    stream.on('readable', done);
    stream.on('end', done);
    stream.on('error', done);
  });
}

/**
 * Streams the physical lines of a usage log with exact 1-based line numbers (of the decompressed
 * text); `onChunk` sees the file's bytes as stored (compressed for gzip), for its digest and progress. A damaged gzip stream (truncated, corrupt)
 * ends with one error line naming the line after the last complete one, so no line is lost
 * silently (TMS-C-003): the partial line before the damage is reported, not used. `copy` names a
 * file holding standard input's bytes as read (StdinCopy), for reading them again (recoverTail).
 */
export async function* readSourceLines(path: string, onChunk?: (raw: Buffer) => void, copy?: string): AsyncGenerator<SourceLine> {
  const { raw, format } = await openSource(path);
  if (onChunk) raw.on('data', (c: Buffer | string) => onChunk(typeof c === 'string' ? Buffer.from(c) : c));
  const gz = format.endsWith('.gz');
  let stream: Readable = raw;
  let gunzip: Gunzip | undefined;
  if (gz) {
    const g = createGunzip();
    raw.on('error', (e) => g.destroy(e));
    stream = raw.pipe(g);
    gunzip = g;
  }
  let last = 0;
  let offset = 0;
  try {
    for await (const l of splitLines(decompressed(stream, gunzip, path === '-' ? copy : path))) {
      last = l.line;
      if (l.tooLong !== undefined) {
        yield { ok: false, line: l.line, code: 'line-too-long', message: lineTooLong(l.tooLong) };
        offset += l.tooLong + 1;
        continue;
      }
      yield { ok: true, line: l.line, bytes: l.bytes, offset };
      offset += l.bytes.length + 1;
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'Z_BUF_ERROR' || /unexpected end/i.test(err.message) ? 'gzip stream is truncated' : `gzip stream is corrupt (${err.code ?? err.message})`;
    // The file's digest and size cover all of its bytes, not the prefix read ahead when
    // decompression failed (that prefix depends on timing): read the rest through `onChunk`.
    if (onChunk && !raw.destroyed) {
      raw.unpipe();
      try {
        for await (const _ of raw);
      } catch {
        // a read error of the file itself: the damage below is reported all the same
      }
    }
    yield { ok: false, line: last + 1, code: 'input-unreadable', message: `${why}: line ${last + 1} and everything after it is lost` };
  } finally {
    raw.destroy();
  }
}

/**
 * The bytes of a log as text: `stream` passed through, a gunzip error surfacing inside the
 * caller's for-await. Node's gunzip drops the output of the step that fails (up to 16 KiB of it,
 * and what was read ahead but not yet taken): the lines before bytes that are not gzip after a
 * member, which `gzip -d` keeps. That output is decompressed again from `again` (the file, or
 * standard input's copy; recoverTail) before the error is thrown, so the damage is reported after
 * the last line that can be read.
 */
async function* decompressed(stream: Readable, gunzip: Gunzip | undefined, again: string | undefined): AsyncGenerator<Buffer> {
  let taken = 0;
  try {
    for await (const chunk of stream) {
      const c: Buffer = chunk; // a byte stream: no encoding is set on it
      taken += c.length;
      yield c;
    }
  } catch (e) {
    // A truncated stream loses no output of its own.
    if (gunzip !== undefined && again !== undefined && errnoCode(e) === 'Z_DATA_ERROR') yield* recoverTail(again, gunzip.bytesWritten, taken);
    throw e;
  }
}

/**
 * The decompressed bytes of the gzip file `path` after its first `skip`, up to where it cannot be
 * decompressed: a fresh gunzip takes the file's first `sound` bytes (those the failed gunzip
 * decompressed without error) as they come, then the rest one byte per step, so the step that fails
 * holds no output but that of its one byte. Only the input of the step that failed (at most one
 * read chunk, in practice what makes 16 KiB of output) goes byte by byte; the file is decompressed
 * twice on this path, as the failed gunzip's state cannot be had back.
 */
async function* recoverTail(path: string, sound: number, skip: number): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  let out: Buffer[] = [];
  let failed = false;
  gunzip.on('data', (c: Buffer) => out.push(c));
  gunzip.on('error', () => {
    failed = true;
  });
  const step = (b: Buffer) =>
    new Promise<void>((resolve) => {
      const done = () => {
        gunzip.off('error', done);
        resolve();
      };
      gunzip.once('error', done);
      gunzip.write(b, done);
    });
  let left = skip;
  /** The output since the last call, less the `skip` bytes already delivered. */
  const fresh = (): Buffer | undefined => {
    const b = Buffer.concat(out);
    out = [];
    const cut = Math.min(left, b.length);
    left -= cut;
    return b.length > cut ? b.subarray(cut) : undefined;
  };
  try {
    let at = 0;
    for await (const chunk of createReadStream(path)) {
      const c: Buffer = chunk; // a read stream without an encoding yields Buffers
      const whole = Math.max(0, Math.min(c.length, sound - at));
      if (whole > 0) await step(c.subarray(0, whole));
      for (let i = whole; i < c.length && !failed; i++) await step(c.subarray(i, i + 1));
      at += c.length;
      const b = fresh();
      if (b) yield b;
      if (failed) return;
    }
  } catch {
    // the file cannot be read again: what was recovered stands, the first error is reported
  } finally {
    gunzip.destroy();
  }
}
