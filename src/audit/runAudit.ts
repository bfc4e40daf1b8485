import { createHash } from 'node:crypto';
import { resolveConvention } from '../measure/usageConventions.js';
import { InputError } from '../errors/errors.js';
import { decodeUtf8 } from '../io/readText.js';
import type { PriceSheet } from '../pricing/types.js';
import { parseInstant } from '../settlement/instant.js';
import { AuditBook, type BilledHints } from './core/AuditBook.js';
import { DEFAULT_SPILL_THRESHOLD, SpillLevel, SpillRoot } from './core/spill.js';
import type { LeafRuns } from './core/LeafRuns.js';
import { partialOf, type AuditInputs, type AuditPartial } from './core/partial.js';
import { processLine, type LineContext, type LineOutcome, type RawLine } from './core/processLine.js';
import { lineShardKey, shardOf, type ShardSpec } from './core/shardOf.js';
import { parseCsvHeader, type CsvHeader } from './read/csvRecord.js';
import { parseCsvLine } from './read/parseCsvLine.js';
import { readSourceLines, sourceFormat } from './read/readSourceLines.js';
import { looksLikeOtlp } from './read/otlpGenAi.js';
import { isJsonDocumentFile, otlpRawLines } from './read/otlpRawLines.js';
import { isBlank, type ByteRange } from './workers/judgeRange.js';
import { readRanges } from './readRanges.js';
import type { OutcomeSeq } from './workers/packOutcomes.js';

/** Judges batches of lines; in-thread or spread over worker threads, always in input order. */
export interface LineJudge {
  /** How many batches it can work on at once. */
  readonly parallelism?: number;
  judge(batch: readonly RawLine[]): Promise<LineOutcome[]>;
  /** Reads and judges a byte range of a plain JSON-lines file itself (see judgeRange); line numbers relative to the range. */
  judgeRange?(range: ByteRange): Promise<OutcomeSeq>;
  close(): Promise<void>;
}

/** Progress callbacks for a terminal bar. */
export interface AuditProgress {
  lines(n: number): void;
  bytes(n: number): void;
}

/** What `runAudit` needs beyond the inputs record. */
export interface RunAuditOptions {
  readonly files: readonly string[];
  readonly sheet: PriceSheet;
  readonly inputs: Omit<AuditInputs, 'files'>;
  readonly shard: ShardSpec | null;
  readonly hints: BilledHints | undefined;
  readonly failFast: boolean;
  readonly judge?: LineJudge;
  readonly progress?: AuditProgress;
  readonly batch?: number;
  /** `--convention`: the usage convention variant native lines are read under (TMS-M-056). */
  readonly convention?: string;
  /** Input format: auto-detected per file (default), or every JSON input read as OTLP GenAI spans. */
  readonly format?: 'auto' | 'otlp-genai';
  /**
   * Distinct record ids deduplicated in memory before new ids spill to sorted runs on disk
   * (TMS-A-019; default DEFAULT_SPILL_THRESHOLD, Infinity never spills). Outputs do not depend on it.
   */
  readonly spillThreshold?: number;
  /** Bytes per range when workers read plain JSON-lines files themselves (default 256 KiB: smaller ranges keep fewer outcomes alive at once). */
  readonly rangeBytes?: number;
}

/** The in-thread judge. */
export function localJudge(ctx: LineContext): LineJudge {
  return { judge: async (batch) => batch.map((l) => processLine(l, ctx)), close: async () => {} };
}

/** The context every line is judged in. */
export function lineContext(
  sheet: PriceSheet,
  period: { from: string; until: string },
  shard: ShardSpec | null,
  transcripts: string | null,
  recount = true,
  convention?: string,
): LineContext {
  const declared = convention !== undefined ? { convention: resolveConvention(convention) } : {};
  return {
    sheet,
    from: parseInstant(period.from)!,
    until: parseInstant(period.until)!,
    shard: shard ?? undefined,
    transcripts: transcripts ?? undefined,
    recount,
    ...declared,
  };
}

/**
 * Streams every log file once (TMS-A-001): lines go in batches to the judge (parse, validate,
 * recount, reprice) and their outcomes, in input order, to the book (dedup, period, line totals).
 * A first version later found in conflict is read once more to take its cost back (TMS-S-005).
 */
export async function runAudit(o: RunAuditOptions): Promise<{ partial: AuditPartial; leaves: LeafRuns }> {
  const judge = o.judge ?? localJudge(lineContext(o.sheet, o.inputs.period, o.shard, o.inputs.transcripts, o.inputs.recount, o.convention));
  const spill = Number.isFinite(o.spillThreshold ?? DEFAULT_SPILL_THRESHOLD) ? new SpillRoot(o.spillThreshold ?? DEFAULT_SPILL_THRESHOLD) : undefined;
  const book = new AuditBook(o.files, o.sheet.currency, o.hints, spill ? new SpillLevel(spill, 0) : undefined);
  const files: AuditInputs['files'] = [];
  // Small batches in-thread keep outcomes short-lived (scavenged young, so the heap stays small); workers need bigger ones.
  const size = o.batch ?? (o.judge?.parallelism ? 1000 : 128);
  const depth = (o.judge?.parallelism ?? 1) * 2;
  // Files read as OTLP exports, and whether as one document, so a re-read expands them alike.
  const otlpFiles = new Map<number, boolean>();
  try {
    for (let fi = 0; fi < o.files.length; fi++) {
      const file = o.files[fi];
      if (judge.judgeRange && o.format !== 'otlp-genai') {
        const done = await readRanges(o, book, judge, fi);
        if (done) {
          files.push(done);
          continue;
        }
      }
      const hash = createHash('sha256');
      let bytes = 0;
      const csv = sourceFormat(file).startsWith('csv');
      let header: CsvHeader | undefined;
      let batch: RawLine[] = [];
      let otlp: boolean | undefined = csv ? false : o.format === 'otlp-genai' ? true : undefined;
      const docFile = isJsonDocumentFile(file);
      let doc: Buffer[] | undefined;
      // Batches in flight, consumed strictly in submission order so the book sees input order.
      const inflight: { lines: RawLine[]; outs: Promise<LineOutcome[]> }[] = [];
      const consume = async (): Promise<void> => {
        const head = inflight.shift()!;
        const outs = await head.outs;
        for (let i = 0; i < outs.length; i++) {
          const out = outs[i];
          if (out.t === 'bad' && o.failFast)
            throw new InputError('input-invalid', `${out.message} (--fail-fast)`, { file, line: out.line, pointer: out.pointer });
          book.add(out, fi);
          if (out.t === 'skip') book.skipped(out.why ?? (isBlank(head.lines[i].bytes) ? 'blank' : 'other'));
        }
        o.progress?.lines(head.lines.length);
      };
      const flush = async (drain: boolean): Promise<void> => {
        if (batch.length > 0) {
          inflight.push({ lines: batch, outs: judge.judge(batch) });
          batch = [];
        }
        while (inflight.length > (drain ? 0 : depth)) await consume();
      };
      const onChunk = (c: Buffer): void => {
        hash.update(c);
        bytes += c.length;
        o.progress?.bytes(c.length);
      };
      for await (const l of readSourceLines(file, onChunk)) {
        if (!l.ok) {
          await flush(true);
          if (o.failFast) throw new InputError(l.code === 'line-too-long' ? 'input-invalid' : l.code, l.message, { file, line: l.line });
          book.tally.lines++;
          // Like any line without an id, the damage is reported by the shard its place hashes to.
          if (o.shard && shardOf(lineShardKey(undefined, fi, l.line), o.shard.count) !== o.shard.index) {
            book.tally.other_shards++;
            if (l.code === 'line-too-long') continue;
            break;
          }
          book.tally.invalid++;
          book.findings.push({
            kind: 'invalid-line',
            record_id: null,
            field: '(stream)',
            billed: null,
            recomputed: null,
            impact: null,
            location: { file, line: l.line },
            message: l.message,
          });
          // An over-long line is one invalid line; a damaged stream ends the file (TMS-C-012).
          if (l.code === 'line-too-long') continue;
          break;
        }
        if (csv && header === undefined) {
          book.tally.lines++;
          book.tally.blank++; // the header line: read and used, not a record
          let text: string;
          try {
            text = decodeUtf8(l.bytes, file);
          } catch (e) {
            throw new InputError('input-encoding', (e as Error).message, { file, line: 1 });
          }
          const f = parseCsvLine(text.replace(/^\uFEFF/, ''));
          if (!f.ok) throw new InputError('input-invalid', `malformed CSV header: ${f.message}`, { file, line: 1, column: f.column });
          header = parseCsvHeader(f.fields, file);
          continue;
        }
        if (otlp === undefined && !isBlank(l.bytes)) {
          // Auto-detection (TMS-A-015): an export starts with its resourceSpans member; a .json document may open with a lone brace.
          const head = Buffer.from(l.bytes.subarray(0, 64)).toString('utf8');
          otlp = looksLikeOtlp(head) || (docFile && head.trim() === '{');
        }
        if (otlp) {
          otlpFiles.set(fi, docFile);
          if (docFile) {
            (doc ??= []).push(Buffer.from(l.bytes), Buffer.from('\n'));
            continue;
          }
          for (const r of otlpRawLines(fi, l.line, l.bytes)) {
            batch.push(r);
            if (batch.length >= size) await flush(false);
          }
          continue;
        }
        batch.push({ file: fi, line: l.line, bytes: l.bytes, ...(header ? { csv: header } : {}) });
        if (batch.length >= size) await flush(false);
      }
      // A whole-document export is expanded once it is read; its spans are placed at line 1 and told apart by pointer.
      if (doc)
        for (const r of otlpRawLines(fi, 1, Buffer.concat(doc))) {
          batch.push(r);
          if (batch.length >= size) await flush(false);
        }
      await flush(true);
      if (csv && header === undefined) throw new InputError('input-invalid', 'empty CSV file: no header line', { file });
      // Digest of the file's bytes as stored: identical for every run over the same log.
      files.push({ path: file, sha256: hash.digest('hex'), bytes });
    }
    const pending = book.pendingWithdrawals();
    if (pending.length > 0) await rereadWithdrawals(o, book, judge, pending, otlpFiles);
    await judge.close();
    await book.settleSpill();
    // The leaves own the spilled runs from here: writing the statement or partial releases them.
    return partialOf(book, { files, ...o.inputs }, o.shard);
  } catch (e) {
    spill?.dispose();
    throw e;
  } finally {
    await judge.close();
  }
}

async function rereadWithdrawals(
  o: RunAuditOptions,
  book: AuditBook,
  judge: LineJudge,
  pending: { id: string; file: number; line: number }[],
  otlpFiles: ReadonlyMap<number, boolean>,
): Promise<void> {
  const byFile = new Map<number, Set<number>>();
  for (const p of pending) (byFile.get(p.file) ?? byFile.set(p.file, new Set()).get(p.file)!).add(p.line);
  for (const [fi, lines] of [...byFile.entries()].sort(([a], [b]) => a - b)) {
    const file = o.files[fi];
    const csv = sourceFormat(file).startsWith('csv');
    let header: CsvHeader | undefined;
    const otlpDoc = otlpFiles.get(fi);
    const doc: Buffer[] = [];
    for await (const l of readSourceLines(file)) {
      if (!l.ok) break;
      if (otlpDoc) {
        doc.push(Buffer.from(l.bytes), Buffer.from('\n'));
        continue;
      }
      if (csv && header === undefined) {
        const f = parseCsvLine(decodeUtf8(l.bytes, file).replace(/^\uFEFF/, ''));
        if (f.ok) header = parseCsvHeader(f.fields, file);
        continue;
      }
      if (!lines.has(l.line)) continue;
      const raws = otlpDoc === false ? otlpRawLines(fi, l.line, l.bytes) : [{ file: fi, line: l.line, bytes: l.bytes, ...(header ? { csv: header } : {}) }];
      for (const out of await judge.judge(raws)) book.withdraw(out, fi);
    }
    if (otlpDoc) for (const out of await judge.judge(otlpRawLines(fi, 1, Buffer.concat(doc)))) book.withdraw(out, fi);
  }
}
