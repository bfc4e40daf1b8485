import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../errors/errors.js';
import { inputFileError } from '../../io/inputFile.js';
import { lineTooLong, MAX_LINE_BYTES } from '../../io/readLines.js';
import { processLine, type LineContext, type LineOutcome } from '../core/processLine.js';

/** A byte range of a plain JSON-lines log that one worker reads and judges on its own (TMS-A-010). */
export interface ByteRange {
  readonly path: string;
  readonly file: number;
  readonly start: number;
  readonly end: number;
  /** The file's size when the audit began: nothing past it is read, though a live log grows. */
  readonly size: number;
}

const CHUNK = 64 * 1024;

/** The error for a log cut short while it is audited: its ranges and digest cover the size it had at the start. */
export function shrank(file: string, left: number, size: number): InputError {
  return new InputError('input-unreadable', `the file shrank while it was audited (${left} of its ${size} bytes are left)`, { file });
}

/**
 * Reads `n` bytes at `pos` of range `r`'s file. Every read lies below the size the file had when
 * the audit began, so a short read means the file was cut meanwhile (log rotation by truncation):
 * an input error, never lines silently missing.
 */
function readAt(fd: number, pos: number, n: number, r: ByteRange): Buffer {
  const buf = Buffer.allocUnsafe(n);
  let got = 0;
  while (got < n) {
    const k = readSync(fd, buf, got, n - got, pos + got);
    if (k === 0) throw shrank(r.path, pos + got, r.size);
    got += k;
  }
  return buf;
}

/** The offset just after the first LF in [from, limit); when there is none, an offset at or past `limit`. */
function afterNewline(fd: number, from: number, limit: number, r: ByteRange): number {
  for (let pos = from; ; pos += CHUNK) {
    const buf = readAt(fd, pos, Math.max(0, Math.min(CHUNK, limit - pos)), r);
    if (buf.length === 0) return pos;
    const i = buf.indexOf(10);
    if (i >= 0) return pos + i + 1;
  }
}

/** One line of a range: its bytes (a trailing CR removed), or its length when over the limit. */
type RangeLine = { readonly bytes: Buffer; readonly tooLong?: undefined } | { readonly bytes?: undefined; readonly tooLong: number };

/**
 * The lines that START in [start, end) of a plain JSON-lines file: a line straddling `start`
 * belongs to the range before, one straddling `end` to this one (read on past `end` to its LF),
 * so consecutive ranges split the file into its lines exactly once. Read synchronously: a worker
 * has nothing else to do meanwhile, and a range costs one read instead of a stream (issue 11).
 */
function rangeLines(fd: number, r: ByteRange): RangeLine[] {
  // Only an LF before `end` can start a line here: scanning on to the end of a long line cost every
  // range inside it a read to that end: quadratic in the line's length (8 GiB for a 64 MiB line).
  const from = r.start === 0 ? 0 : afterNewline(fd, r.start - 1, r.end, r);
  if (from >= r.end) return [];
  const body = readAt(fd, from, r.end - from, r);
  const out: RangeLine[] = [];
  // A line's length is checked before its CR goes, as splitLines counts it (TMS-C-012).
  const push = (b: Buffer) =>
    out.push(b.length > MAX_LINE_BYTES ? { tooLong: b.length } : { bytes: b.length > 0 && b[b.length - 1] === 13 ? b.subarray(0, b.length - 1) : b });
  let s = 0;
  for (let nl = body.indexOf(10); nl !== -1; nl = body.indexOf(10, s)) {
    push(body.subarray(s, nl));
    s = nl + 1;
  }
  if (s >= body.length) return out;
  // The last line starts here and ends past `end`: read on to its LF (or the end of the file as it was),
  // keeping at most MAX_LINE_BYTES of it (TMS-C-012).
  const parts = [body.subarray(s)];
  let length = body.length - s;
  for (let pos = r.end; pos < r.size; pos += CHUNK) {
    const buf = readAt(fd, pos, Math.min(CHUNK, r.size - pos), r);
    const nl = buf.indexOf(10);
    const piece = nl >= 0 ? buf.subarray(0, nl) : buf;
    length += piece.length;
    if (length <= MAX_LINE_BYTES) parts.push(piece);
    if (nl >= 0) break;
  }
  if (length > MAX_LINE_BYTES) out.push({ tooLong: length });
  else push(Buffer.concat(parts, length));
  return out;
}

/**
 * Judges the lines that start in a byte range (see rangeLines). Outcomes come back one per line,
 * in order, with line numbers relative to the range (1 = its first line); the caller adds the
 * lines of earlier ranges. A skipped line says why (blank, or another shard's), since the caller
 * never sees its bytes. Lines without a record id are not sharded here: their shard key is their
 * place, which only the caller knows (readRanges shards them).
 */
export function judgeRange(r: ByteRange, ctx: LineContext): LineOutcome[] {
  let fd: number;
  try {
    fd = openSync(r.path, 'r');
  } catch (e) {
    throw inputFileError(r.path, e); // removed or made unreadable during the audit
  }
  let lines: RangeLine[];
  try {
    lines = rangeLines(fd, r);
  } finally {
    closeSync(fd);
  }
  const placeless: LineContext = { ...ctx, shardPlaceless: false };
  return lines.map((l, i): LineOutcome => {
    if (l.bytes === undefined) return { t: 'bad', line: i + 1, pointer: '', message: lineTooLong(l.tooLong), tooLong: true };
    const o = processLine({ file: r.file, line: i + 1, bytes: l.bytes }, placeless);
    return o.t === 'skip' && o.why === undefined ? { t: 'skip', why: isBlank(l.bytes) ? 'blank' : 'other' } : o;
  });
}

/** A line of spaces, tabs and CRs only (blank, TMS-A-001). */
export function isBlank(b: Uint8Array): boolean {
  for (const c of b) if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  return true;
}
