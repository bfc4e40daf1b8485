import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { InputError } from '../errors/errors.js';
import type { AuditBook } from './core/AuditBook.js';
import type { AuditInputs } from './core/partial.js';
import { mergePacked, type OutcomeSeq } from './workers/packOutcomes.js';
import type { LineOutcome } from './core/processLine.js';
import { lineShardKey, shardOf } from './core/shardOf.js';
import { accountUnreadable, lineHead } from './auditStream.js';
import { looksLikeOtlp } from './read/otlpGenAi.js';
import { isJsonDocumentFile } from './read/otlpRawLines.js';
import { sourceFormat } from './read/readSourceLines.js';
import type { LineJudge, RunAuditOptions } from './runAudit.js';

/** Whether a file can be cut into byte ranges that workers read themselves: a plain, non-OTLP JSON-lines file. */
function rangeable(file: string): number | undefined {
  if (file === '-' || sourceFormat(file) !== 'jsonl' || isJsonDocumentFile(file)) return undefined;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return undefined;
    size = st.size;
  } catch {
    return undefined; // the streaming path reports the missing or unreadable file
  }
  if (size === 0) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined; // unreadable: the streaming path reports it with the file name
  }
  try {
    // OTLP exports are expanded on the reading thread: not cut into ranges. Judged exactly as the
    // stream reader judges it (auditStream), so a file is read the same way for every --workers.
    const head = firstLineHead(fd);
    return head !== undefined && looksLikeOtlp(lineHead(head)) ? undefined : size;
  } finally {
    closeSync(fd);
  }
}

/**
 * Feeds the file to `hash` through one reused 1 MiB buffer: a stream's fresh buffer per chunk
 * made the merging thread collect garbage for memory it had only read through (issue 11 profile).
 */
async function hashFile(file: string, hash: Hash): Promise<void> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return;
      hash.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/** A line of spaces, tabs and CRs only, as isBlank has it. */
const blankByte = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d;

/**
 * The start of the file's first non-blank line as the line reader delivers it (without its LF, and
 * without a CR just before the LF), at least its first 64 bytes; undefined when every line is blank.
 */
function firstLineHead(fd: number): Buffer | undefined {
  const chunk = Buffer.alloc(64 * 1024);
  let lineStart = 0;
  for (let pos = 0; ; pos += chunk.length) {
    const n = readSync(fd, chunk, 0, chunk.length, pos);
    if (n === 0) return undefined;
    for (let i = 0; i < n; i++) {
      const c = chunk[i];
      if (c === 0x0a) lineStart = pos + i + 1;
      else if (!blankByte(c)) {
        const head = Buffer.alloc(65);
        const got = readSync(fd, head, 0, head.length, lineStart);
        const lf = head.subarray(0, got).indexOf(0x0a);
        const line = lf >= 0 ? head.subarray(0, lf) : head.subarray(0, got);
        return lf >= 0 && line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
      }
    }
  }
}

/**
 * Audits one plain JSON-lines file by byte ranges that the workers read and judge themselves
 * (TMS-A-010): the main thread only hashes the file (one sequential read, for the inputs record)
 * and merges the outcomes range by range in file order, so the book sees exactly the sequence the
 * streaming path gives it, line numbers included. Returns undefined when the file is not rangeable.
 */
export async function readRanges(o: RunAuditOptions, book: AuditBook, judge: LineJudge, fi: number): Promise<AuditInputs['files'][number] | undefined> {
  const file = o.files[fi];
  const size = rangeable(file);
  if (size === undefined) return undefined;
  const step = o.rangeBytes ?? 256 << 10;
  const hash = createHash('sha256');
  const hashed = hashFile(file, hash);
  const depth = (judge.parallelism ?? 1) * 2;
  const inflight: { bytes: number; outs: Promise<OutcomeSeq> }[] = [];
  let base = 0;
  let next = 0;
  const submit = () => {
    const start = next;
    const end = Math.min(size, start + step);
    next = end;
    inflight.push({ bytes: end - start, outs: judge.judgeRange!({ path: file, file: fi, start, end }) });
  };
  while (next < size || inflight.length > 0) {
    while (next < size && inflight.length < depth) submit();
    const head = inflight.shift()!;
    const outs = await head.outs;
    const take = (out: LineOutcome) => {
      if (out.t === 'bad' && out.tooLong) {
        accountUnreadable({ o, book }, fi, { ok: false, line: base + out.line, code: 'line-too-long', message: out.message });
        return;
      }
      // A line without a record id is sharded by its place, known only here (judgeRange).
      if (out.t === 'bad' && out.id === undefined && o.shard && shardOf(lineShardKey(undefined, fi, base + out.line), o.shard.count) !== o.shard.index)
        out = { t: 'skip', why: 'other' };
      if (out.t === 'bad' && o.failFast)
        throw new InputError('input-invalid', `${out.message} (--fail-fast)`, { file, line: base + out.line, pointer: out.pointer });
      book.add(out, fi, base);
      if (out.t === 'skip') book.skipped(out.why ?? 'other');
    };
    if (outs.packed) {
      // Plain priced records are booked from their packed values; the rest as outcomes.
      const at = base;
      mergePacked(outs.packed, {
        shape: (s) => book.plainLines(s),
        plain: (lines, keys, k, line, nums, q) => lines !== undefined && book.addPlain(lines, keys, k, fi, at + line, nums, q),
        outcome: take,
      });
    } else for (const out of outs) take(out);
    base += outs.length;
    o.progress?.lines(outs.length);
    o.progress?.bytes(head.bytes);
  }
  await hashed;
  return { path: file, sha256: hash.digest('hex'), bytes: size };
}
