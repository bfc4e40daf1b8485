import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sha256Hex } from '../digest/sha256.js';
import { toCells } from '../measure/usageConventions.js';
import { loadPriceSheet } from '../pricing/loadPriceSheet.js';
import { priceUsage } from '../pricing/priceUsage.js';
import type { PriceSheet } from '../pricing/types.js';
import { stageOutput } from '../io/outputDir.js';
import { fromRoot } from '../paths.js';
import type { ResultEvidence } from '../schemas/types.gen.js';
import { Reporter } from '../report/Reporter.js';
import { type ReportModel, writeReport } from '../report/writeReport.js';
import { specVersion, toolVersion } from '../version.js';
import { adapterFor } from './adapters/adapterFor.js';
import { measureComparability } from './comparability.js';
import { digestsOf, sendExchange } from './sendExchange.js';
import { checks } from './checks/index.js';
import { evaluateCase, neededExchanges } from './evaluateCase.js';
import { Budget } from './http/budget.js';
import { HttpClient, type HttpClientOptions } from './http/HttpClient.js';
import { Redactor } from './http/redactor.js';
import { impactOf } from './impactOf.js';
import { writeTranscript } from './transcripts.js';
import { type ExchangeRecord, type ModelProfile, type Suite, type SuiteCase, type Target, usageApiOf } from './types.js';

/** Options of one probe run. */
export interface ProbeOptions {
  readonly target: Target;
  readonly suite: Suite;
  /** The API key (from the environment variable the target names); never written anywhere. */
  readonly apiKey?: string;
  /** Run directory to produce (replaced atomically at the end). */
  readonly outDir: string;
  readonly concurrency?: number;
  readonly maxRequests?: number;
  readonly maxCost?: string;
  readonly keepTranscripts?: boolean;
  readonly signKey?: string;
  /** HTTP client options (tests shorten timeouts and backoff). */
  readonly http?: Omit<HttpClientOptions, 'budget' | 'redactor'>;
  /** Option values to record in run_started (secrets are redacted). */
  readonly recordedOptions?: Record<string, unknown>;
}

/** What a run produced. */
export interface ProbeRun {
  readonly dir: string;
  readonly report: ReportModel;
  readonly stopped: { reason: string; message: string } | null;
  readonly requests: number;
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

async function pool<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}

/**
 * Runs a suite against a target and writes the run directory: events.jsonl through the Reporter,
 * transcripts when kept, then report.json/html, junit.xml and summary.md. Everything is produced in a
 * temporary sibling directory renamed into place at the end, so a failed run never leaves a half
 * report (TMS-C-004). Secrets are scrubbed from every event and transcript (TMS-C-107).
 */
export async function runProbe(o: ProbeOptions): Promise<ProbeRun> {
  const started = Date.now();
  // Checked before any request is sent: --out must be new, empty or an earlier tokencert output (TMS-C-007).
  const staged = await stageOutput(o.outDir, { kind: 'probe' });
  const tmp = staged.path;
  const redactor = new Redactor([o.apiKey]);
  const budget = new Budget({ maxRequests: o.maxRequests, maxCost: o.maxCost });
  const client = new HttpClient({ ...o.http, budget, redactor, connections: Math.max(o.concurrency ?? 4, 1) });
  const reporter = await Reporter.open(tmp, { secrets: redactor.forms }).catch(async (e: unknown) => {
    await staged.abort();
    throw e;
  });
  let sheet: PriceSheet | undefined;
  try {
    const t = o.target;
    reporter.runStarted({
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
    });
    if (t.priceSheet) {
      try {
        sheet = await loadPriceSheet(t.priceSheet);
      } catch (e) {
        reporter.note({ level: 'warn', message: `price sheet not used: ${redactor.error(e)}` });
      }
    }
    const priced = new Set<string>();
    const spend = (model: ModelProfile, x: ExchangeRecord): void => {
      if (!sheet || !x.response.ok || x.response.status !== 200) return;
      const reply = adapterFor(model.api).parse(x.kind, x.response);
      if (!reply.ok || reply.usage === undefined || reply.usage === null) return;
      const cells = toCells(usageApiOf[model.api], reply.usage);
      if (!cells.ok) return;
      const p = priceUsage(sheet, { model: model.id, at: new Date().toISOString(), usage: cells.usage });
      if (p.ok) budget.spend(p.total);
      else if (!priced.has(model.id)) {
        priced.add(model.id);
        reporter.note({ level: 'warn', message: `cost of ${model.id} not counted against --max-cost: ${p.message}` });
      }
    };
    const units = expandUnits(o.suite, t);
    let authNoted = false;
    await pool(units, o.concurrency ?? 4, async (u) => {
      reporter.caseStarted({ case_id: u.id, title: `${u.c.title} (${u.model.id})` });
      if (budget.stopped) {
        // Every planned check still appears in the report, as not run and why (TMS-C-105).
        for (const name of u.c.checks) {
          const check = checks.get(name)!;
          reporter.result({ case_id: u.id, check: check.name, title: check.title, requirements: [...check.requirements] as [string, ...string[]], level: check.level, classes: ['provider-api'], status: 'skip', reason: budget.stopped.message, evidence: {} });
        }
        return;
      }
      const exchanges: ExchangeRecord[] = [];
      for (const kind of neededExchanges(u.c.checks, u.model)) {
        if (budget.stopped) break;
        const x = await sendExchange(client, t, u.model, kind, u.c.input, o.apiKey);
        if (!x) continue;
        if (!x.response.ok && x.response.code === 'budget') break;
        exchanges.push(x);
        spend(u.model, x);
        if (x.response.ok && (x.response.status === 401 || x.response.status === 403) && !authNoted) {
          authNoted = true;
          reporter.note({ level: 'warn', case_id: u.id, message: `the target refused the credentials (HTTP ${x.response.status}); check the key in ${t.apiKeyEnv ?? 'the environment variable named by api_key_env'}` });
        }
      }
      const transcript = o.keepTranscripts
        ? await writeTranscript(tmp, { transcript_version: 1, case_id: u.id, checks: u.c.checks, model: u.model, input: u.c.input, exchanges }, redactor)
        : undefined;
      for (const x of exchanges) {
        const d = digestsOf(x);
        reporter.exchange({ case_id: u.id, method: x.request.method, url: x.request.url, status: x.response.status, duration_ms: x.durationMs, request_sha256: d.request, response_sha256: d.response, ...(transcript ? { transcript } : {}) });
      }
      for (const { check, outcome } of evaluateCase(u.c.checks, u.model, u.c.input, exchanges)) {
        const { exchange, ...ev } = outcome.evidence;
        const x = exchanges.find((e) => e.kind === exchange);
        const d = x ? digestsOf(x) : undefined;
        const impact = impactOf(check.name, outcome, sheet, u.model.id, new Date().toISOString());
        reporter.result({
          case_id: u.id,
          check: check.name,
          title: check.title,
          requirements: [...check.requirements] as [string, ...string[]],
          level: check.level,
          classes: ['provider-api'],
          status: outcome.status,
          ...(outcome.status !== 'pass' ? { reason: redactor.text(outcome.reason) } : {}),
          evidence: redactor.value<ResultEvidence>({ ...(ev as ResultEvidence), ...(d?.request ? { request_sha256: d.request } : {}), ...(d?.response ? { response_sha256: d.response } : {}), ...(transcript ? { transcript } : {}), ...(impact ? { impact } : {}) }),
        });
      }
    });
    if (o.suite.comparability && !budget.stopped) {
      const data = await measureComparability(client, t, o.apiKey, sheet);
      if (data.ok) {
        reporter.metric({ name: 'comparability', data: data.data as unknown as Record<string, unknown> });
        if (data.note) reporter.note({ level: 'info', message: redactor.text(data.note) });
      }
      else reporter.note({ level: 'warn', message: `comparability not measured: ${redactor.text(data.reason)}` });
    }
    const stopped = budget.stopped ? { reason: budget.stopped.reason, message: budget.stopped.message } : null;
    reporter.runFinished({ duration_ms: Date.now() - started, stopped });
    await reporter.close();
    const report = await writeReport(tmp, o.signKey !== undefined ? { signKey: o.signKey } : {});
    await staged.commit();
    return { dir: resolve(o.outDir), report, stopped, requests: budget.requests };
  } catch (e) {
    await reporter.close();
    await staged.abort();
    throw e;
  } finally {
    await client.close();
  }
}
