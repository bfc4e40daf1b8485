import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { splitLines } from '../io/readLines.js';
import { isBlank, shrank } from './workers/judgeRange.js';
import { InputError } from '../errors/errors.js';
import type { AuditBook } from './core/AuditBook.js';
import type { AuditInputs } from './core/partial.js';
import { mergePacked, type OutcomeSeq } from './workers/packOutcomes.js';
import type { LineOutcome } from './core/processLine.js';
import { lineShardKey, shardOf } from './core/shardOf.js';
import { accountUnreadable, lineHead } from './auditStream.js';
import { looksLikeOtlp } from './read/otlpGenAi.js';
import { isJsonDocumentFile } from './read/otlpRawLines.js';
import { openSource, sourceFormat } from './read/readSourceLines.js';
import type { LineJudge, RunAuditOptions } from './runAudit.js';

/** Whether a file can be cut into byte ranges that workers read themselves: a plain, non-OTLP JSON-lines file. */
async function rangeable(file: string): Promise<number | undefined> {
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
  let src: Awaited<ReturnType<typeof openSource>>;
  try {
    src = await openSource(file);
  } catch {
    return undefined; // unreadable: the streaming path reports it with the file name
  }
  try {
    // Gzip content under any name is decompressed by one reader: not cut into ranges (openSource).
    if (src.format !== 'jsonl') return undefined;
    // OTLP exports are expanded on the reading thread: not cut into ranges. Detected by the stream
    // reader's own rule on its own lines (first non-blank line, lineHead), so a file is read the
    // same way for every --workers.
    for await (const l of splitLines(src.raw)) if (!isBlank(l.bytes)) return looksLikeOtlp(lineHead(l.bytes)) ? undefined : size;
  } catch {
    return undefined; // unreadable: the streaming path reports it with the file name
  } finally {
    src.raw.destroy();
  }
  return size;
}

/**
 * Feeds the first `size` bytes of the file to `hash` — the bytes the ranges cover, though a live
 * log grows meanwhile — through one reused 1 MiB buffer: a stream's fresh buffer per chunk made
 * the merging thread collect garbage for memory it had only read through (issue 11 profile).
 */
async function hashFile(file: string, size: number, hash: Hash): Promise<void> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let pos = 0; pos < size; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) throw shrank(file, pos, size);
      hash.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
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
  const size = await rangeable(file);
  if (size === undefined) return undefined;
  const step = o.rangeBytes ?? 256 << 10;
  const hash = createHash('sha256');
  const hashed = hashFile(file, size, hash);
  // Awaited after the last range; handled now, so a failure meanwhile is not an unhandled rejection.
  hashed.catch(() => {});
  const depth = (judge.parallelism ?? 1) * 2;
  const inflight: { bytes: number; outs: Promise<OutcomeSeq> }[] = [];
  let base = 0;
  let next = 0;
  const submit = () => {
    const start = next;
    const end = Math.min(size, start + step);
    next = end;
    const outs = judge.judgeRange!({ path: file, file: fi, start, end, size });
    // Awaited in order below; when an earlier range fails, the later ones are let go unawaited.
    outs.catch(() => {});
    inflight.push({ bytes: end - start, outs });
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
