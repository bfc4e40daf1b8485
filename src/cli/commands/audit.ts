import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { digestJson } from '../../digest/sha256.js';
import { InputError, UsageError } from '../../errors/errors.js';
import { inputFileError } from '../../io/inputFile.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { checkPeriod, resolvePolicy } from '../../settlement/policy.js';
import { readStatement } from '../../settlement/readStatement.js';
import { checkStatementFits } from './checkStatementFits.js';
import { parseShard } from './parseShard.js';
import type { ShardSpec } from '../../audit/core/shardOf.js';
import { printOutcome } from './printAuditOutcome.js';
import { progressBar } from '../progressBar.js';
import { finalizeAudit } from '../../audit/core/finalizeAudit.js';
import { writePartial } from '../../audit/core/partial.js';
import { runAudit } from '../../audit/runAudit.js';
import { expandRecordPaths } from '../../audit/read/expandRecordPaths.js';
import { workerJudge, type WorkerJudge } from '../../audit/workers/workerJudge.js';
import { resolveConvention } from '../../measure/usageConventions.js';
import { writeOutputDir } from '../../io/outputDir.js';
import { defineCommand, type CliIo } from '../command.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { focusFile } from '../../settlement/focus/focusFile.js';
import { focusParties, oneOf, optionalInt, requiredString, type FlagValues } from '../flags.js';
import type { PriceSheet } from '../../pricing/types.js';
import type { Statement } from '../../schemas/types.gen.js';
import type { RoundingPolicy } from '../../settlement/policy.js';

const auditOptions = {
  records: { type: 'string', multiple: true },
  sheet: { type: 'string' },
  statement: { type: 'string' },
  transcripts: { type: 'string' },
  from: { type: 'string' },
  until: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  shard: { type: 'string' },
  'shard-index-env': { type: 'string' },
  shards: { type: 'string' },
  format: { type: 'string' },
  focus: { type: 'string' },
  'focus-account': { type: 'string' },
  'focus-provider': { type: 'string' },
  'spill-threshold': { type: 'string' },
  'fail-fast': { type: 'boolean' },
  'no-recount': { type: 'boolean' },
  convention: { type: 'string' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type AuditValues = FlagValues<typeof auditOptions>;

/** Everything an audit run needs, read and checked from the flags before any log is read. */
interface AuditPlan {
  files: string[];
  sheetPath: string;
  sheet: PriceSheet;
  workers: number;
  format: 'auto' | 'otlp-genai';
  shard: ShardSpec | null;
  convention: string | undefined;
  spillText: string | undefined;
  billed: { path: string; statement: Statement; sha256: string } | undefined;
  period: { from: string; until: string };
  rounding: RoundingPolicy;
  transcripts: string | null;
  recount: boolean;
  out: string;
  failFast: boolean;
}

/** The audit period: --from and --until together, or else the billed statement's own. */
function auditPeriod(values: AuditValues, billed: AuditPlan['billed']): { from: string; until: string } {
  let from = values.from;
  let until = values.until;
  if ((from === undefined) !== (until === undefined)) throw new UsageError('audit: give both --from and --until, or neither');
  if (from === undefined) {
    if (!billed) throw new UsageError('audit: give the period (--from T --until T) or a billed --statement to take it from');
    from = billed.statement.period.from;
    until = billed.statement.period.until;
  }
  checkPeriod(from, until!);
  return { from, until: until! };
}

/** The plan's flags, read and checked before any input file is opened. */
type AuditFlags = Omit<AuditPlan, 'sheet' | 'billed' | 'period' | 'rounding'>;

/** Reads and checks the flags, in the order their errors are reported. */
function planFlags(values: AuditValues, io: CliIo): AuditFlags {
  const given = values.records ?? [];
  if (given.length === 0) throw new UsageError('audit: give at least one --records FILE');
  // A directory stands for its log parts, in name order, partitions depth first (object-store exports).
  const files = expandRecordPaths(given);
  const sheetPath = requiredString('audit', 'sheet', values.sheet, 'SHEET');
  const workers = optionalInt('audit', 'workers', values.workers, { min: 1, max: 99 }) ?? 1;
  const format = oneOf('audit', 'format', values.format, ['auto', 'otlp-genai']) ?? 'auto';
  if (values.focus && (values.shard || values['shard-index-env']))
    throw new UsageError('audit: --focus needs the whole statement; give it to "tokencert audit merge" instead of a shard');
  const shard = parseShard(values, io.env);
  const convention = values.convention;
  const spillText = values['spill-threshold'];
  if (spillText !== undefined && !/^([1-9][0-9]{0,9}|none)$/.test(spillText))
    throw new UsageError(`audit: --spill-threshold must be a positive integer or none, got "${spillText}"`);
  if (convention !== undefined) resolveConvention(convention);
  const transcripts = values.transcripts ?? null;
  const recount = !values['no-recount'];
  const out = values.out ?? 'audit-out';
  const failFast = Boolean(values['fail-fast']);
  return { files, sheetPath, workers, format, shard, convention, spillText, transcripts, recount, out, failFast };
}

/** Reads and checks the price sheet and the billed statement, in the order their errors are reported. */
async function planInputs(values: AuditValues, flags: AuditFlags): Promise<AuditPlan> {
  const sheet = await loadPriceSheet(flags.sheetPath);
  // The billed statement, read by the settlement's one reader; its digest is recorded in the inputs.
  const statementPath = values.statement;
  const billed = statementPath
    ? await readStatement(statementPath).then((statement) => ({ path: statementPath, statement, sha256: digestJson(statement) }))
    : undefined;
  const period = auditPeriod(values, billed);
  if (billed) checkStatementFits(billed.statement, billed.path, period, sheet.currency);
  const rounding = billed ? billed.statement.rounding : resolvePolicy(sheet.currency, period.from);
  if (flags.transcripts !== null) checkTranscripts(flags.transcripts);
  return { ...flags, sheet, billed, period, rounding };
}

/**
 * Starts the worker threads, when the audit judges off the main thread, as soon as the flags are
 * read: each compiles the schemas and the sheet (~0.5 s) while this thread reads the same sheet
 * and the billed statement. The period, which may come from that statement, follows (setPeriod).
 * A sheet the workers cannot load is reported by this thread's own reading of it.
 */
function startJudge(flags: AuditFlags): Promise<WorkerJudge> | undefined {
  if (flags.workers === 1 && !offThread(flags.files)) return undefined;
  const started = workerJudge(flags.workers, {
    sheetPath: resolve(flags.sheetPath),
    shard: flags.shard,
    transcripts: flags.transcripts,
    recount: flags.recount,
    ...(flags.convention !== undefined ? { convention: flags.convention } : {}),
  });
  started.catch(() => {}); // awaited by the audit, or closed if the audit never starts
  return started;
}

/** `--transcripts` names a directory: a mistyped path would recount nothing from it, silently (TMS-A-004). */
function checkTranscripts(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw inputFileError(dir, e, 'directory');
  }
  if (!isDir) throw new InputError('input-unreadable', 'is not a directory; --transcripts names a directory of <request_sha256>.json files', { file: dir });
}

/** Logs at least this big are judged on a worker thread even with --workers 1. */
const OFF_THREAD_BYTES = 16 << 20;

/**
 * Whether `--workers 1` judges on a worker thread: for logs big enough that the main thread merging
 * outcomes while the worker judges the next range beats the worker's start-up (~0.3 s to compile
 * the schemas and the sheet). Outcomes, and so every output, are the same either way (TMS-A-010).
 */
function offThread(files: readonly string[]): boolean {
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += f === '-' ? 0 : statSync(f).size;
    } catch {
      // a missing file is reported by the reader, with its name
    }
  }
  return bytes >= OFF_THREAD_BYTES;
}

/** Runs the audit into the staging directory `dir`: a partial for a shard, else the finalized audit. */
async function auditInto(dir: string, plan: AuditPlan, bar: ReturnType<typeof progressBar> | undefined, workers: Promise<WorkerJudge> | undefined) {
  const { sheetPath, sheet, period, shard, transcripts, recount, convention, billed, spillText } = plan;
  const hints = billed
    ? { excluded: new Set(billed.statement.excluded.map((e) => e.record_id)), conflicts: new Set(billed.statement.conflicts.map((c) => c.record_id)) }
    : undefined;
  const judge = workers ? await workers : undefined;
  judge?.setPeriod(period);
  const result = await runAudit({
    files: plan.files,
    sheet,
    inputs: {
      period,
      sheet: { path: sheetPath, id: sheet.id, sha256: digestJson(sheet.source), currency: sheet.currency },
      statement: billed ? { path: billed.path, sha256: billed.sha256 } : null,
      rounding: plan.rounding,
      transcripts,
      recount,
    },
    shard,
    hints,
    failFast: plan.failFast,
    ...(spillText !== undefined ? { spillThreshold: spillText === 'none' ? Infinity : Number(spillText) } : {}),
    format: plan.format,
    ...(convention !== undefined ? { convention } : {}),
    judge,
    ...(bar ? { progress: bar } : {}),
  });
  bar?.done();
  if (shard) {
    await writePartial(dir, result);
    return { kind: 'partial', partial: result.partial } as const;
  }
  return { kind: 'audit', outcome: await finalizeAudit([result], dir, billed?.statement ?? null) } as const;
}

/** `tokencert audit`: recounts, reprices and resettles usage logs and reconciles a billed statement. */
export const audit = defineCommand({
  name: 'audit',
  summary: 'Audit usage logs against a price sheet and a billed statement',
  usage: `Usage: tokencert audit --records FILE... --sheet SHEET [--statement BILLED] [--transcripts DIR]
                       [--from T --until T] [--out DIR] [--workers N] [--shard K/N | --shard env --shards N
                       | --shard-index-env VAR --shards N] [--format auto|otlp-genai] [--convention NAME]
                       [--focus FILE.csv] [--spill-threshold N|none] [--fail-fast] [--quiet] [--json]

Reads usage logs (JSON lines, gzip JSON lines, CSV; tokencert measurement records or OpenAI,
Anthropic, Gemini native usage lines; OpenTelemetry GenAI spans as OTLP/JSON trace exports), validates every line, deduplicates by record id, recounts
input tokens where the request or a transcript is available and the tokenizer is public, reprices
every record exactly, resettles the period and compares it with the billed statement line by line,
total by total and root by root. Writes to DIR (default audit-out): statement.json,
discrepancies.jsonl, events.jsonl, report.json, report.html, junit.xml, summary.md.
With --shard it writes a partial audit instead; combine the shards with "tokencert audit merge".
Exit 0: no discrepancy; 1: discrepancies found; 2: unusable input or usage error.
  --records FILE     a usage log (repeatable; .jsonl, .jsonl.gz/.gz, .csv; OTLP exports .jsonl or .json),
                     or a directory of log parts (read in name order, subdirectories depth first;
                     _* and .* files and directories are not parts)
  --format F         auto (default: OTLP exports are recognised by their resourceSpans member)
                     or otlp-genai (read every JSON input as OTLP GenAI spans)
  --sheet SHEET      price sheet (YAML or JSON)
  --statement FILE   the billed statement to reconcile (schemas/statement.json)
  --transcripts DIR  request bodies named <request_sha256>.json, for recounting
  --from T --until T the period [from, until), RFC 3339 UTC (default: the statement's)
  --out DIR          output directory (default audit-out): new, empty or an earlier tokencert output
  --workers N        worker threads that read, recount and reprice (default 1; below 16 MiB of
                     logs, 1 judges on the main thread)
  --shard K/N        audit only shard K (0-based) of N, by SHA-256 of the record id
  --shard env        take K from $JOB_COMPLETION_INDEX (Kubernetes Indexed Job); needs --shards N
  --shard-index-env VAR  take K from $VAR; needs --shards N
  --focus FILE.csv   also write the recomputed statement's line items as FOCUS 1.2 rows
                     (--focus-account ID, --focus-provider NAME as for settle)
  --no-recount       do not recount, even where content is available
  --convention NAME  read native lines of NAME's API under this usage convention variant, e.g.
                     openai-chat/reasoning-beside (xAI); records then name it (docs/measure.md)
  --spill-threshold N  distinct record ids deduplicated in memory before new ids spill to sorted
                     runs in a temporary directory (default 1048576; none: never); same outputs
  --fail-fast        stop at the first invalid line (exit 2) instead of reporting and going on
  --quiet            no progress bar
  --json             print the outcome as JSON
`,
  options: auditOptions,
  async run({ values }, io) {
    const flags = planFlags(values, io);
    const workers = startJudge(flags);
    try {
      return await audited(values, io, await planInputs(values, flags), workers);
    } finally {
      await workers?.then(
        (j) => j.close(),
        () => {},
      );
    }
  },
});

/** Runs the planned audit and prints its outcome; the exit code. */
async function audited(values: AuditValues, io: CliIo, plan: AuditPlan, workers: Promise<WorkerJudge> | undefined): Promise<number> {
  const { shard, out } = plan;
  const totalBytes = plan.files.reduce((n, f) => n + (f === '-' ? 0 : safeSize(f)), 0);
  const bar = io.isTTY && !values.quiet ? progressBar(io.err, totalBytes, !io.env.NO_COLOR) : undefined;
  const started = Date.now();
  // The output is checked before the logs are read, written into a staging directory and renamed
  // into place as a whole at the end (TMS-C-007).
  const done = await writeOutputDir(out, { kind: shard ? 'audit-partial' : 'audit' }, (dir) => auditInto(dir, plan, bar, workers));
  if (done.kind === 'partial') {
    const t = done.partial.tally;
    const text = `partial audit of shard ${shard!.index}/${shard!.count} written to ${out}: ${t.records} records, ${t.invalid} invalid lines, ${done.partial.discrepancies.length} record findings (${Date.now() - started} ms)\n`;
    io.out(values.json ? `${JSON.stringify({ shard, out, tally: t, findings: done.partial.discrepancies.length })}\n` : text);
    return 0;
  }
  if (values.focus) await writeAtomic(values.focus, focusFile(done.outcome.statement, focusParties(values), values.focus).csv);
  printOutcome(io, done.outcome, out, Boolean(values.json), Date.now() - started);
  return done.outcome.exitCode;
}

function safeSize(f: string): number {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
}
