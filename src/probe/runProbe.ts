import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sha256Hex } from '../digest/sha256.js';
import { InputError } from '../errors/errors.js';
import { loadPriceSheet } from '../pricing/loadPriceSheet.js';
import type { PriceSheet } from '../pricing/types.js';
import { stageOutput } from '../io/outputDir.js';
import { fromRoot } from '../paths.js';
import type { ResultEvent, ResultEvidence, RunStartedEvent } from '../schemas/types.gen.js';
import { type EventInput, Reporter } from '../report/Reporter.js';
import { type ReportModel, writeReport } from '../report/writeReport.js';
import { specVersion, toolVersion } from '../version.js';
import { measureComparability } from './comparability.js';
import { costOf, type ExchangeCost } from './costOf.js';
import { digestsOf, sendExchange } from './sendExchange.js';
import { checks } from './checks/index.js';
import type { Check } from './checks/types.js';
import { evaluateCase, neededExchanges } from './evaluateCase.js';
import { Budget } from './http/budget.js';
import { unreachable } from './http/reachable.js';
import { HttpClient, type HttpClientOptions } from './http/HttpClient.js';
import { Redactor } from './http/redactor.js';
import { impactOf } from './impactOf.js';
import { DEFAULT_DEADLINE_MS, RunLimits } from './runLimits.js';
import { writeTranscript } from './transcripts.js';
import { type Evidence, type ExchangeRecord, type ModelProfile, type LoadedSuite, type Suite, type SuiteCase, type Target, usageApiOf } from './types.js';

/** Options of one probe run. */
export interface ProbeOptions {
  readonly target: Target;
  readonly suite: LoadedSuite;
  /** The API key (from the environment variable the target names); never written anywhere. */
  readonly apiKey?: string;
  /** Run directory to produce (replaced atomically at the end). */
  readonly outDir: string;
  readonly concurrency?: number;
  readonly maxRequests?: number;
  readonly maxCost?: string;
  /** Overall deadline in milliseconds (TMS-C-118); default DEFAULT_DEADLINE_MS. */
  readonly deadlineMs?: number;
  readonly keepTranscripts?: boolean;
  readonly signKey?: string;
  /** HTTP client options (tests shorten timeouts and backoff). */
  readonly http?: Omit<HttpClientOptions, 'budget' | 'redactor' | 'signal'>;
  /** Option values to record in run_started (secrets are redacted). */
  readonly recordedOptions?: Record<string, unknown>;
  /** Called after each request and each finished case (the CLI draws its progress line from it). */
  readonly onProgress?: (p: ProbeProgress) => void;
}

/** How far a run is: cases (case × model) finished of all, and requests sent so far. */
export interface ProbeProgress {
  readonly casesDone: number;
  readonly cases: number;
  readonly requests: number;
}

/** What a run produced. */
export interface ProbeRun {
  readonly dir: string;
  readonly report: ReportModel;
  readonly stopped: { reason: string; message: string } | null;
  readonly requests: number;
  /** What tokenizer auto assumed for each model, and why (TMS-C-113). */
  readonly assumptions: readonly string[];
}

/** One case run on one model. */
interface Unit {
  readonly c: SuiteCase;
  readonly model: ModelProfile;
  readonly id: string;
}

/** The cases × models a suite runs on a target (TMS-C-101: a case runs only on the models it selects). */
export function expandUnits(suite: Suite, target: Target): Unit[] {
  const units: Unit[] = [];
  for (const c of suite.cases) {
    for (const model of target.models) {
      const sel = c.models;
      const tk = model.tokenizer === 'opaque' ? 'opaque' : 'public';
      if (sel?.tokenizer && sel.tokenizer !== 'any' && sel.tokenizer !== tk) continue;
      if (sel?.apis && !sel.apis.includes(model.api)) continue;
      if (sel?.ids && !sel.ids.includes(model.id)) continue;
      units.push({ c, model, id: `${c.id}/${model.id}` });
    }
  }
  return units;
}

/** The evidence with each violation's exchange digests (TMS-C-103), so every violation can be verified on its own. */
function withDigests(e: Evidence, exchanges: readonly ExchangeRecord[]): Evidence {
  if (!e.violations) return e;
  return {
    ...e,
    violations: e.violations.map((v) => {
      const x = exchanges.find((r) => r.kind === v.exchange);
      const d = x ? digestsOf(x) : undefined;
      return { ...v, ...(d?.request ? { request_sha256: d.request } : {}), ...(d?.response ? { response_sha256: d.response } : {}) };
    }),
  };
}

async function pool<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}

/** What every case of a run shares: options, output, HTTP client, limits, reporter and price sheet. */
interface RunContext {
  readonly o: ProbeOptions;
  readonly tmp: string;
  readonly client: HttpClient;
  readonly reporter: Reporter;
  readonly redactor: Redactor;
  readonly budget: Budget;
  readonly limits: RunLimits;
  readonly sheet: PriceSheet | undefined;
  /** TMS-C-115: a model that refused its output-limit parameter is sent the other one from then on. */
  readonly accepted: Map<string, ModelProfile>;
  /** Models whose cost could not be counted (noted once each). */
  readonly unpriced: Set<string>;
  /** Whether a refusal of the credentials was noted (once per run). */
  authNoted: boolean;
  /** Reports progress; `caseDone` counts one more finished case. */
  readonly tick: (caseDone?: boolean) => void;
}

/**
 * Runs a suite against a target and writes the run directory: events.jsonl through the Reporter,
 * transcripts when kept, then report.json/html, junit.xml and summary.md. Everything is produced in a
 * temporary sibling directory renamed into place at the end, so a failed run never leaves a half
 * report (TMS-C-004). Secrets are scrubbed from every event and transcript (TMS-C-107).
 */
export async function runProbe(o: ProbeOptions): Promise<ProbeRun> {
  const started = Date.now();
  await preflight(o);
  // Checked before any request is sent: --out must be new, empty or an earlier tokencert output (TMS-C-007).
  const staged = await stageOutput(o.outDir, { kind: 'probe' });
  const tmp = staged.path;
  const redactor = new Redactor([o.apiKey]);
  const budget = new Budget({ maxRequests: o.maxRequests, maxCost: o.maxCost });
  const limits = new RunLimits(budget, o.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const client = new HttpClient({ ...o.http, budget, redactor, signal: limits.signal, connections: Math.max(o.concurrency ?? 4, 1) });
  const reporter = await Reporter.open(tmp, { secrets: redactor.forms }).catch(async (e: unknown) => {
    limits.close();
    await staged.abort();
    throw e;
  });
  try {
    const t = o.target;
    reporter.runStarted(runStartedEvent(o, redactor));
    // TMS-C-113: what tokenizer auto assumed for each model, and why.
    for (const m of t.models) if (m.assumption) reporter.note({ level: 'info', message: redactor.text(m.assumption) });
    const sheet = await loadSheet(o, reporter, redactor);
    const units = expandUnits(o.suite, t);
    let casesDone = 0;
    const tick = (caseDone = false): void => {
      if (caseDone) casesDone++;
      o.onProgress?.({ casesDone, cases: units.length, requests: budget.requests });
    };
    const ctx: RunContext = { o, tmp, client, reporter, redactor, budget, limits, sheet, accepted: new Map(), unpriced: new Set(), authNoted: false, tick };
    await pool(units, o.concurrency ?? 4, async (u) => {
      await runUnit(ctx, u);
      tick(true);
    });
    if (limits.unreachable) throw new InputError('network', `cannot reach ${t.baseUrl}: ${limits.unreachable}; no report was written`);
    if (o.suite.comparability && !budget.stopped) await reportComparability(ctx);
    const stopped = budget.stopped ? { reason: budget.stopped.reason, message: budget.stopped.message } : null;
    reporter.runFinished({ duration_ms: Date.now() - started, stopped });
    await reporter.close();
    const report = await writeReport(tmp, o.signKey !== undefined ? { signKey: o.signKey } : {});
    await staged.commit();
    return { dir: resolve(o.outDir), report, stopped, requests: budget.requests, assumptions: t.models.flatMap((m) => (m.assumption ? [m.assumption] : [])) };
  } catch (e) {
    await reporter.close();
    await staged.abort();
    throw e;
  } finally {
    limits.close();
    await client.close();
  }
}

/** Input errors found before anything is sent or written. */
async function preflight(o: ProbeOptions): Promise<void> {
  // TMS-C-117: a target that cannot be reached at all is an input error; nothing is sent or written.
  const cause = o.target.baseUrl ? await unreachable(o.target.baseUrl, Math.min(o.http?.timeoutMs ?? 30_000, 10_000)) : undefined;
  if (cause !== undefined) throw new InputError('network', `cannot reach ${o.target.baseUrl} (${cause}); nothing was sent and no report was written`);
  // TMS-C-116: a cost cap needs prices, or it caps nothing.
  if (o.maxCost !== undefined && !o.target.priceSheet)
    throw new InputError('no-price', `--max-cost needs a price sheet, and target ${o.target.name} names none (price_sheet: in the profile, or --price-sheet)`);
}

/** The run_started event: tool, spec, suite, the target without secrets, and the redacted options. */
function runStartedEvent(o: ProbeOptions, redactor: Redactor): EventInput<RunStartedEvent> {
  const t = o.target;
  return {
    run_id: randomUUID(),
    kind: 'probe',
    tool: { name: 'tokencert', version: toolVersion },
    spec_version: specVersion,
    suite: { name: o.suite.name, version: o.suite.version, sha256: o.suite.sha256 },
    target: {
      name: t.name,
      ...(t.baseUrl ? { base_url: t.baseUrl } : {}),
      ...(new Set(t.models.map((m) => m.api)).size === 1 ? { api: t.models[0].api } : {}),
      models: t.models.map((m) => m.id),
      capabilities: Object.fromEntries(t.models.map((m) => [m.id, { api: m.api, tokenizer: m.tokenizer, ...m.capabilities }])),
      ...(t.version !== undefined ? { version: t.version } : {}),
    },
    vectors_manifest_sha256: sha256Hex(readFileSync(fromRoot('vectors', 'MANIFEST.json'))),
    options: redactor.value(o.recordedOptions ?? {}),
  };
}

/** The target's price sheet; one that cannot be used is a note, or an input error under --max-cost (TMS-C-116). */
async function loadSheet(o: ProbeOptions, reporter: Reporter, redactor: Redactor): Promise<PriceSheet | undefined> {
  if (!o.target.priceSheet) return undefined;
  try {
    return await loadPriceSheet(o.target.priceSheet);
  } catch (e) {
    if (o.maxCost !== undefined) throw new InputError('no-price', `--max-cost needs the price sheet, which cannot be used: ${redactor.error(e)}`);
    reporter.note({ level: 'warn', message: `price sheet not used: ${redactor.error(e)}` });
    return undefined;
  }
}

/** Counts one response's exact cost; under --max-cost a cost that cannot be computed stops the run (TMS-C-116). */
function spend(ctx: RunContext, caseId: string, model: ModelProfile, x: ExchangeRecord, twin?: ExchangeCost): ExchangeCost {
  const c = costOf(ctx.sheet, model, x, twin);
  if (c.kind === 'priced') ctx.budget.spend(c.total);
  else if (c.kind === 'unknown' && ctx.o.maxCost !== undefined)
    ctx.budget.stop(
      'cost-unknown',
      `the cost of the ${x.kind} response of ${caseId} cannot be computed (${c.why}), so --max-cost cannot be enforced; the run stopped and the remaining checks were not run`,
    );
  else if (c.kind === 'unknown' && ctx.sheet && !ctx.unpriced.has(model.id) && x.kind !== 'stream-bare') {
    ctx.unpriced.add(model.id);
    ctx.reporter.note({ level: 'warn', message: `cost of ${model.id} not counted: ${c.why}` });
  }
  return c;
}

/** The result event of one check of one unit: the one place a result is built, run or not. */
function resultEvent(u: Unit, check: Check, verdict: Pick<EventInput<ResultEvent>, 'status' | 'reason' | 'evidence'>): EventInput<ResultEvent> {
  return {
    case_id: u.id,
    check: check.name,
    title: check.title,
    requirements: [...check.requirements],
    level: check.level,
    classes: ['provider-api'],
    ...verdict,
  };
}

/** Runs one case on one model: its exchanges, their events, then every check's result. */
async function runUnit(ctx: RunContext, u: Unit): Promise<void> {
  const { reporter, redactor } = ctx;
  reporter.caseStarted({ case_id: u.id, title: `${u.c.title} (${u.model.id})` });
  const notRun = ctx.budget.stopped?.message ?? ctx.limits.unknownModel(u.model.id);
  if (notRun !== undefined) {
    // Every planned check still appears in the report, as not run and why (TMS-C-105, TMS-C-118, TMS-C-119).
    for (const name of u.c.checks) reporter.result(resultEvent(u, checks.get(name)!, { status: 'skip', reason: notRun, evidence: {} }));
    return;
  }
  const { model, exchanges } = await sendExchanges(ctx, u);
  const transcript = ctx.o.keepTranscripts
    ? await writeTranscript(ctx.tmp, { transcript_version: 1, case_id: u.id, checks: u.c.checks, model, input: u.c.input, exchanges }, redactor)
    : undefined;
  for (const x of exchanges) {
    const d = digestsOf(x);
    reporter.exchange({
      case_id: u.id,
      exchange: x.kind,
      method: x.request.method,
      url: x.request.url,
      status: x.response.status,
      duration_ms: x.durationMs,
      request_sha256: d.request,
      response_sha256: d.response,
      ...(transcript ? { transcript } : {}),
    });
  }
  for (const { check, outcome } of evaluateCase(u.c.checks, model, u.c.input, exchanges)) {
    const ev = withDigests(outcome.evidence, exchanges);
    const x = exchanges.find((e) => e.kind === outcome.evidence.exchange);
    const d = x ? digestsOf(x) : undefined;
    const impact = impactOf(check.name, outcome, ctx.sheet, u.model.id, new Date().toISOString());
    reporter.result(
      resultEvent(u, check, {
        status: outcome.status,
        ...(outcome.status !== 'pass' ? { reason: redactor.text(outcome.reason) } : {}),
        evidence: redactor.value<ResultEvidence>({
          ...(ev as ResultEvidence),
          ...(d?.request ? { request_sha256: d.request } : {}),
          ...(d?.response ? { response_sha256: d.response } : {}),
          ...(transcript ? { transcript } : {}),
          ...(impact ? { impact } : {}),
        }),
      }),
    );
  }
}

/** Makes the exchanges a unit's checks need, counting cost and noting refusals; stops at the budget. */
async function sendExchanges(ctx: RunContext, u: Unit): Promise<{ model: ModelProfile; exchanges: ExchangeRecord[] }> {
  let model = ctx.accepted.get(u.model.id) ?? u.model;
  const exchanges: ExchangeRecord[] = [];
  let twin: ExchangeCost | undefined;
  for (const kind of neededExchanges(u.c.checks, model, u.c.input)) {
    if (ctx.budget.stopped) break;
    const x = await sendExchange(ctx.client, ctx.o.target, model, kind, u.c.input, ctx.o.apiKey, (m) => {
      model = m;
      ctx.accepted.set(m.id, m);
    });
    ctx.tick();
    if (!x) continue;
    if (!x.response.ok && x.response.code === 'budget') break;
    exchanges.push(x);
    const c = spend(ctx, u.id, model, x, twin);
    if (kind === 'plain' || kind === 'stream') twin = c;
    noteExchange(ctx, u, model, x);
  }
  return { model, exchanges };
}

/** Notes what one exchange revealed about the target: an unknown model, a retried limit parameter, refused credentials. */
function noteExchange(ctx: RunContext, u: Unit, model: ModelProfile, x: ExchangeRecord): void {
  const { reporter, redactor } = ctx;
  const unknown = ctx.limits.observe(model, x, ctx.client.responded);
  if (unknown) reporter.note({ level: 'warn', case_id: u.id, message: redactor.text(unknown) });
  if (x.retried)
    reporter.note({
      level: 'warn',
      case_id: u.id,
      message: redactor.text(
        `${model.id}: the ${x.kind} request was refused with HTTP ${x.retried.status} naming its output-limit parameter (${x.retried.error.slice(0, 160)}); it was sent again with ${model.limitParam ?? 'the other parameter'} (TMS-C-115)`,
      ),
    });
  if (x.response.ok && (x.response.status === 401 || x.response.status === 403) && !ctx.authNoted) {
    ctx.authNoted = true;
    reporter.note({
      level: 'warn',
      case_id: u.id,
      message: `the target refused the credentials (HTTP ${x.response.status}); check the key in ${ctx.o.target.apiKeyEnv ?? 'the environment variable named by api_key_env'}`,
    });
  }
}

/** Measures the comparability workload and records it as a metric, or notes why it could not. */
async function reportComparability(ctx: RunContext): Promise<void> {
  const data = await measureComparability(ctx.client, ctx.o.target, ctx.o.apiKey, ctx.sheet);
  ctx.tick();
  if (data.ok) {
    ctx.reporter.metric({ name: 'comparability', data: { ...data.data } });
    if (data.note) ctx.reporter.note({ level: 'info', message: ctx.redactor.text(data.note) });
  } else ctx.reporter.note({ level: 'warn', message: `comparability not measured: ${ctx.redactor.text(data.reason)}` });
}
