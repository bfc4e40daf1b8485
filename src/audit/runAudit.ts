import { resolveConvention } from '../measure/usageConventions.js';
import type { PriceSheet } from '../pricing/types.js';
import { parseInstant } from '../settlement/instant.js';
import { AuditBook, type BilledHints } from './core/AuditBook.js';
import { DEFAULT_SPILL_THRESHOLD, SpillLevel, SpillRoot } from './core/spill.js';
import type { LeafRuns } from './core/LeafRuns.js';
import { partialOf, type AuditInputs, type AuditPartial } from './core/partial.js';
import { processLine, type LineContext, type LineOutcome, type RawLine } from './core/processLine.js';
import type { ShardSpec } from './core/shardOf.js';
import type { CsvHeader } from './read/csvRecord.js';
import { readSourceLines, sourceFormat } from './read/readSourceLines.js';
import { otlpRawLines } from './read/otlpRawLines.js';
import type { ByteRange } from './workers/judgeRange.js';
import { readRanges } from './readRanges.js';
import { auditStream, csvHeaderOf, type StreamContext } from './auditStream.js';
import type { StdinCopy } from './read/StdinCopy.js';
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
  // Standard input as read, for the second reading of withdrawn first versions.
  const stdinCopies = new Map<number, StdinCopy>();
  const streamCtx: StreamContext = { o, book, judge, size, depth, otlpFiles, stdinCopies };
  try {
    for (let fi = 0; fi < o.files.length; fi++) {
      if (judge.judgeRange && o.format !== 'otlp-genai') {
        const done = await readRanges(o, book, judge, fi);
        if (done) {
          files.push(done);
          continue;
        }
      }
      files.push(await auditStream(streamCtx, fi));
    }
    const pending = book.pendingWithdrawals();
    if (pending.length > 0) await rereadWithdrawals(o, book, judge, pending, otlpFiles, stdinCopies);
    await judge.close();
    await book.settleSpill();
    // The leaves own the spilled runs from here: writing the statement or partial releases them.
    return partialOf(book, { files, ...o.inputs }, o.shard);
  } catch (e) {
    spill?.dispose();
    throw e;
  } finally {
    for (const c of stdinCopies.values()) c.dispose();
    await judge.close();
  }
}

async function rereadWithdrawals(
  o: RunAuditOptions,
  book: AuditBook,
  judge: LineJudge,
  pending: { id: string; file: number; line: number }[],
  otlpFiles: ReadonlyMap<number, boolean>,
  stdinCopies: ReadonlyMap<number, StdinCopy>,
): Promise<void> {
  const byFile = new Map<number, Set<number>>();
  for (const p of pending) (byFile.get(p.file) ?? byFile.set(p.file, new Set()).get(p.file)!).add(p.line);
  for (const [fi, lines] of [...byFile.entries()].sort(([a], [b]) => a - b)) {
    const file = o.files[fi];
    const csv = sourceFormat(file).startsWith('csv');
    let header: CsvHeader | undefined;
    const otlpDoc = otlpFiles.get(fi);
    const doc: Buffer[] = [];
    for await (const l of readSourceLines(stdinCopies.get(fi)?.path ?? file)) {
      // A line over the limit was one invalid line and reading went on past it; damage ended the file.
      if (!l.ok) {
        if (l.code === 'line-too-long') continue;
        break;
      }
      if (otlpDoc) {
        doc.push(Buffer.from(l.bytes), Buffer.from('\n'));
        continue;
      }
      if (csv && header === undefined) {
        header = csvHeaderOf(l.bytes, file);
        continue;
      }
      if (!lines.has(l.line)) continue;
      const raws = otlpDoc === false ? otlpRawLines(fi, l.line, l.bytes) : [{ file: fi, line: l.line, bytes: l.bytes, ...(header ? { csv: header } : {}) }];
      for (const out of await judge.judge(raws)) book.withdraw(out, fi);
    }
    if (otlpDoc) for (const out of await judge.judge(otlpRawLines(fi, 1, Buffer.concat(doc)))) book.withdraw(out, fi);
  }
}
