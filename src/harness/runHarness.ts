import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { sha256Hex } from '../digest/sha256.js';
import { canonicalJson } from '../digest/canonicalJson.js';
import { fromRoot, packageRoot } from '../paths.js';
import { type EventInput, Reporter } from '../report/Reporter.js';
import { writeReport, type ReportModel } from '../report/writeReport.js';
import type { HarnessHello, HarnessKind, ResultEvent, RunStartedEvent } from '../schemas/types.gen.js';
import { judgeAnswer } from '../vectors/harness/judgeAnswer.js';
import type { HarnessCase } from '../vectors/harness/harnessCases.js';
import { toolVersion, specVersion } from '../version.js';
import { type AskOutcome, ImplementationProcess } from './ImplementationProcess.js';
import type { ImplementationRef } from './resolveImplementation.js';

/** Options of runHarness. */
export interface HarnessRunOptions {
  /** Folder of the run (events.jsonl and the reports). */
  readonly outDir: string;
  /** Cases to offer; only those of kinds the implementation announces are sent. */
  readonly cases: readonly HarnessCase[];
  /** Time allowed per case in milliseconds (default 10 s). */
  readonly caseTimeoutMs?: number;
  /** Time allowed for start-up in milliseconds (default 60 s). */
  readonly startTimeoutMs?: number;
  /** Clock for events (tests pass a fixed one). */
  readonly now?: () => Date;
  /** Called after each case with the cases answered so far and the cases offered (the CLI's progress line). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Harness requirements every result of a kind verifies, beside those its vector file cites. */
const harnessRequirements: Record<HarnessKind, readonly [string, ...string[]]> = {
  'text-count': ['TMS-H-003'],
  'chat-count': ['TMS-H-003'],
  usage: ['TMS-H-003', 'TMS-H-005'],
  cost: ['TMS-H-003', 'TMS-H-006'],
  settlement: ['TMS-H-003'],
};

/** The requirements a case's result verifies: its vector file's, then the harness's own for its kind, each once. */
function requirementsOf(c: HarnessCase): [string, ...string[]] {
  const extra = harnessRequirements[c.kind];
  const [first = extra[0], ...rest] = new Set([...c.requirements, ...extra]);
  return [first, ...rest];
}

/** Conformance class each kind counts for. */
const classOf: Record<HarnessKind, ResultEvent['classes'][number]> = {
  'text-count': 'counter',
  'chat-count': 'counter',
  usage: 'record-producer',
  cost: 'pricer',
  settlement: 'settler',
};

/**
 * Runs one implementation through the harness (TMS-H-001..006): starts it, reads its announcement,
 * sends every case of a kind it implements, judges each answer against the vector and writes the
 * events, then report.json/html, junit.xml and summary.md through src/report.
 */
export async function runHarness(impl: ImplementationRef, opts: HarnessRunOptions): Promise<ReportModel> {
  const proc = new ImplementationProcess(impl.command, {
    cwd: packageRoot,
    caseTimeoutMs: opts.caseTimeoutMs ?? 10_000,
    startTimeoutMs: opts.startTimeoutMs ?? 60_000,
  });
  const rep = await Reporter.open(opts.outDir, { now: opts.now });
  const started = Date.now();
  const first = await proc.start();
  const hello = first.ok ? first.hello : undefined;
  const cases = hello ? casesSpoken(hello, opts.cases) : [];
  // The run is recorded even when the implementation did not start, so the report says why nothing ran.
  rep.runStarted(runStartedOf(impl, hello, cases));
  if (!first.ok) {
    rep.note({ level: 'warn', message: `the implementation did not start: ${first.reason}` });
    rep.runFinished({ duration_ms: Date.now() - started, stopped: { reason: 'implementation-failed-to-start', message: first.reason } });
    await rep.close();
    return writeReport(opts.outDir);
  }
  await askCases(proc, rep, cases, opts.onProgress);
  await proc.close();
  if (proc.starts > 1)
    rep.note({ level: 'warn', message: `the implementation was restarted ${proc.starts - 1} time(s) after a crash, timeout or malformed answer` });
  rep.runFinished({ duration_ms: Date.now() - started, stopped: null });
  await rep.close();
  return writeReport(opts.outDir);
}

/** The cases an implementation announced it can answer: of its kinds, and usage cases only in the APIs it names (all when it names none). */
function casesSpoken(hello: HarnessHello, offered: readonly HarnessCase[]): HarnessCase[] {
  const kinds = new Set<HarnessKind>(hello.kinds);
  const apis = hello.apis ? new Set<string>(hello.apis) : undefined;
  const speaks = (c: HarnessCase): boolean => c.kind !== 'usage' || !apis || apis.has(String(c.input.api));
  return offered.filter((c) => kinds.has(c.kind) && speaks(c));
}

/** The run_started event: the suite digest covers exactly the cases sent, and the target is what the implementation announced (or unknown). */
function runStartedOf(impl: ImplementationRef, hello: HarnessHello | undefined, cases: readonly HarnessCase[]): EventInput<RunStartedEvent> {
  return {
    run_id: `harness-${impl.name}`,
    kind: 'harness',
    tool: { name: 'tokencert', version: toolVersion },
    spec_version: specVersion,
    suite: { name: 'harness', version: '1', sha256: sha256Hex(canonicalJson(cases.map((c) => [c.id, c.kind, c.input, c.expected]))) },
    target: {
      name: hello?.implementation.name ?? impl.name,
      version: hello?.implementation.version ?? 'unknown',
      api: hello?.implementation.language ?? 'unknown',
      capabilities: [...new Set<HarnessKind>(hello?.kinds ?? [])].sort(),
    },
    vectors_manifest_sha256: sha256Hex(readFileSync(fromRoot('vectors', 'MANIFEST.json'))),
    options: {
      implementation: impl.name,
      command: impl.command.join(' '),
      ...(hello?.implementation.adapter ? { adapter: hello.implementation.adapter } : {}),
    },
  };
}

/** Sends the cases one at a time (the implementation is one child process answering one JSON line at a time) and records a result for each. */
async function askCases(proc: ImplementationProcess, rep: Reporter, cases: readonly HarnessCase[], onProgress: HarnessRunOptions['onProgress']): Promise<void> {
  let done = 0;
  for (const c of cases) {
    rep.caseStarted({ case_id: c.id, title: c.title });
    const t0 = Date.now();
    const asked = await proc.ask(c.id, c.kind, c.input);
    const base: Omit<EventInput<ResultEvent>, 'status' | 'reason' | 'evidence'> = {
      case_id: c.id,
      check: `harness-${c.kind}`,
      title: `${c.kind}: ${c.title}`,
      requirements: requirementsOf(c),
      level: 'MUST',
      classes: [classOf[c.kind]],
      duration_ms: Date.now() - t0,
    };
    rep.result({ ...base, ...verdictOf(c, asked) });
    onProgress?.(++done, cases.length);
  }
}

/** What a case's answer comes to: an error or skip as the implementation said, else the judgement against the vector. */
function verdictOf(c: HarnessCase, asked: AskOutcome): Pick<EventInput<ResultEvent>, 'status' | 'reason' | 'evidence'> {
  const location = { file: `vectors/${c.file}`, pointer: c.pointer };
  if (!asked.ok) return { status: 'error', reason: asked.reason, evidence: { expected: c.expected, location } };
  const a = asked.answer;
  if (a.status !== 'result')
    return { status: a.status === 'skip' ? 'skip' : 'error', reason: a.reason ?? a.status, evidence: { expected: c.expected, location } };
  // The response schema requires a result with status "result"; an empty one is judged (and fails) rather than crashing.
  const result = a.result ?? {};
  const j = judgeAnswer(c, result);
  const details: Record<string, unknown> = {
    ...(c.source ? { source: c.source } : {}),
    ...('not_expressible' in result ? { not_expressible: result.not_expressible } : {}),
    ...('library_output' in result ? { library_output: result.library_output } : {}),
  };
  if (j.status === 'pass')
    return { status: 'pass', ...(j.note ? { reason: j.note } : {}), evidence: { expected: j.expected, observed: j.observed, location, details } };
  return {
    status: 'fail',
    reason: j.message,
    evidence: { expected: j.expected, observed: j.observed, location, details, ...(j.impact ? { impact: j.impact } : {}) },
  };
}

/** The run folder of an implementation under `out`. */
export function runDir(out: string, impl: ImplementationRef): string {
  return join(out, impl.name);
}
