import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InternalError } from '../../errors/errors.js';
import { isRecord } from '../../io/isRecord.js';
import { digestJson, sha256Hex } from '../../digest/sha256.js';
import { Decimal } from '../../money/Decimal.js';
import { priceUsage } from '../../pricing/priceUsage.js';
import type { PriceSheet } from '../../pricing/types.js';
import { fromRoot } from '../../paths.js';
import { Reporter } from '../../report/Reporter.js';
import type { UsageCell } from '../../schemas/types.gen.js';
import { specVersion, toolVersion } from '../../version.js';
import { requestDigest, responseDigest } from '../digests.js';
import { gatewayCases, type GatewayExchange, type GatewayUpstream } from './gatewayCases.js';
import {
  checkExchange,
  foldForClient,
  reportedCells,
  reportedUsage,
  translationChecks,
  type Finding,
  type LedgerEntry,
  type ObservedExchange,
  type TranslationCheck,
} from './translationChecks.js';

/** A gateway running in front of one upstream: where clients reach it, and how to stop it. */
export interface LaunchedGateway {
  readonly baseUrl: string;
  /** Extra headers every client request carries (e.g. a header-routed gateway's upstream URL). */
  readonly headers?: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** What a certification run needs; the caller (the CLI) starts upstreams and gateways, the probe never imports them. */
export interface CertifyOptions {
  readonly gatewayName: string;
  readonly upstreams: readonly GatewayUpstream[];
  /** Starts an honest upstream that bills in canonical cells and serves GET /_tokencert/ledger. */
  startUpstream(): Promise<{ url: string; close(): Promise<void> }>;
  /** Starts (or points at) the gateway for an upstream reachable at `upstreamUrl`. */
  launch(upstream: GatewayUpstream, upstreamUrl: string): Promise<LaunchedGateway>;
  /** Key the gateway requires, sent as a bearer token; scrubbed from every output. */
  readonly apiKey?: string;
  /** Prices differences; without it, money impact is left out. */
  readonly sheet?: PriceSheet;
  /** Directory (already staged) to write events.jsonl into. */
  readonly dir: string;
  readonly recordedOptions: Record<string, unknown>;
  /** Per-request timeout in milliseconds (default 60,000). */
  readonly timeoutMs?: number;
}

/** One row of the translation-fidelity table: per upstream and cell, billed against reported. */
export interface FidelityRow {
  upstream: GatewayUpstream;
  cell: string;
  billed: number;
  reported: number;
  difference: number;
  impact?: string;
}

/** What a certification run found, for the CLI's summary. */
export interface CertifyRun {
  readonly passed: boolean;
  readonly counts: Record<'pass' | 'fail' | 'error' | 'not_applicable', number>;
  readonly fidelity: readonly FidelityRow[];
  readonly currency?: string;
}

const CORRELATION = 'x-tokencert-correlation';

/**
 * Certifies a gateway (spec part G): for each upstream, the honest reference provider is started
 * behind the gateway, every case is sent through the gateway in OpenAI Chat style with a correlation
 * header, and what the client was told is compared with what the upstream billed for that very
 * request (its ledger). Writes the event stream; the caller renders the report.
 */
export async function runCertify(o: CertifyOptions): Promise<CertifyRun> {
  const started = Date.now();
  const run = randomUUID();
  const reporter = await Reporter.open(o.dir, { secrets: o.apiKey ? [o.apiKey] : [] });
  const counts = { pass: 0, fail: 0, error: 0, not_applicable: 0 };
  const fidelity = new Map<string, FidelityRow>();
  let currency: string | undefined;
  try {
    const allCases = o.upstreams.map((u) => ({ upstream: u, cases: gatewayCases(u) }));
    reporter.runStarted({
      run_id: run,
      kind: 'certify-gateway',
      tool: { name: 'tokencert', version: toolVersion },
      spec_version: specVersion,
      suite: { name: 'gateway-translation', version: specVersion, sha256: digestJson(allCases) },
      target: {
        name: o.gatewayName,
        api: 'openai-chat',
        models: [...new Set(allCases.flatMap((c) => c.cases.flatMap((k) => k.exchanges.map((x) => String(x.body.model)))))],
      },
      vectors_manifest_sha256: sha256Hex(readFileSync(fromRoot('vectors', 'MANIFEST.json'))),
      options: o.recordedOptions,
    });
    for (const { upstream, cases } of allCases) {
      const up = await o.startUpstream();
      let gw: LaunchedGateway | undefined;
      try {
        gw = await o.launch(upstream, up.url);
        for (const c of cases) {
          const caseId = `${upstream}/${c.id}`;
          reporter.caseStarted({ case_id: caseId, title: `${c.title} (${upstream} upstream)` });
          const observed: ObservedExchange[] = [];
          for (const x of c.exchanges) {
            const ob = await observe(reporter, o, gw, up.url, `${run.slice(0, 8)}/${caseId}/${x.label}`, caseId, x);
            observed.push(ob);
            const row = addFidelity(fidelity, upstream, ob, o.sheet);
            currency ??= row;
          }
          for (const r of judgeCase(caseId, observed, o.sheet)) {
            if (r.status !== 'skip') counts[r.status]++;
            reporter.result(r);
          }
        }
      } finally {
        await gw?.stop();
        await up.close();
      }
    }
    const rows = [...fidelity.values()];
    reporter.metric({ name: 'translation-fidelity', data: { ...(currency ? { currency } : {}), rows } });
    reporter.runFinished({ duration_ms: Date.now() - started, stopped: null });
    return { passed: counts.fail === 0 && counts.error === 0, counts, fidelity: rows, ...(currency ? { currency } : {}) };
  } finally {
    await reporter.close();
  }
}

/** Sends one client exchange through the gateway, records its exchange event and reads what the upstream billed for it. */
async function observe(
  reporter: Reporter,
  o: CertifyOptions,
  gw: LaunchedGateway,
  upstreamUrl: string,
  correlation: string,
  caseId: string,
  x: GatewayExchange,
): Promise<ObservedExchange> {
  const sent = await send(gw, x, correlation, o.apiKey, o.timeoutMs ?? 60_000);
  reporter.exchange({
    case_id: caseId,
    method: 'POST',
    url: `${gw.baseUrl}/v1/chat/completions`,
    status: sent.response.ok ? sent.response.status : null,
    duration_ms: sent.ms,
    request_sha256: requestDigest(sent.body),
    response_sha256: sent.response.ok
      ? responseDigest({ ok: true, status: sent.response.status, contentType: sent.contentType, body: sent.response.body, attempts: 1 })
      : null,
  });
  const billed = await ledger(upstreamUrl, correlation);
  return { exchange: x, response: sent.response, billed };
}

type Sent = { body: Record<string, unknown>; response: ObservedExchange['response']; contentType: string; ms: number };

async function send(gw: LaunchedGateway, x: GatewayExchange, correlation: string, apiKey: string | undefined, timeoutMs: number): Promise<Sent> {
  const body = {
    ...x.body,
    ...(x.kind === 'stream-usage' ? { stream: true, stream_options: { include_usage: true } } : x.kind === 'stream-bare' ? { stream: true } : {}),
  };
  const t0 = Date.now();
  try {
    const r = await fetch(`${gw.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CORRELATION]: correlation,
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        ...(gw.headers ?? {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.text();
    return { body, response: { ok: true, status: r.status, body: text }, contentType: r.headers.get('content-type') ?? '', ms: Date.now() - t0 };
  } catch (e) {
    return {
      body,
      response: { ok: false, error: `no answer from the gateway: ${e instanceof Error ? e.message : String(e)}` },
      contentType: '',
      ms: Date.now() - t0,
    };
  }
}

async function ledger(upstreamUrl: string, correlation: string): Promise<LedgerEntry[]> {
  const r = await fetch(`${upstreamUrl}/_tokencert/ledger?correlation=${encodeURIComponent(correlation)}`);
  const j: unknown = await r.json();
  if (!isLedger(j)) throw new InternalError(`the upstream ledger at ${upstreamUrl} did not answer { entries: [...] } with a model and usage cells per entry`);
  return j.entries;
}

/** Whether a ledger answer has the shape the reference provider writes (schemas/usage.json cells per entry). */
function isLedger(j: unknown): j is { entries: LedgerEntry[] } {
  return (
    isRecord(j) &&
    Array.isArray(j.entries) &&
    j.entries.every((e: unknown) => isRecord(e) && typeof e.model === 'string' && isRecord(e.usage) && Array.isArray(e.usage.cells))
  );
}

/** Money of a usage under the sheet (request fees left out), or undefined when it cannot be priced. */
function money(sheet: PriceSheet | undefined, model: string, cells: UsageCell[]): { amount: Decimal; currency: string } | undefined {
  if (!sheet) return undefined;
  const p = priceUsage(sheet, { model, at: new Date().toISOString(), usage: { cells }, request: false });
  return p.ok ? { amount: Decimal.parse(p.total), currency: p.currency } : undefined;
}

/** Adds one exchange's billed and reported cells to the fidelity table; returns the currency used, if priced. */
function addFidelity(table: Map<string, FidelityRow>, upstream: GatewayUpstream, x: ObservedExchange, sheet: PriceSheet | undefined): string | undefined {
  const entry = x.billed.at(-1);
  const rep = reportedUsage(x);
  if (!entry || !rep.ok || !rep.usage || x.exchange.kind === 'stream-bare') return undefined;
  const cells = reportedCells(rep.usage);
  if (!cells.ok) return undefined;
  const billed = foldForClient(entry.usage).cells;
  const seen = cells.usage.cells.filter((c) => c.tokens > 0);
  const key = (c: UsageCell) => `${c.direction}/${c.cache}/${c.modality}${c.phase ? `/${c.phase}` : ''}`;
  let cur: string | undefined;
  for (const k of new Set([...billed.map(key), ...seen.map(key)])) {
    const b = billed.filter((c) => key(c) === k);
    const s = seen.filter((c) => key(c) === k);
    const bt = b.reduce((a, c) => a + c.tokens, 0);
    const st = s.reduce((a, c) => a + c.tokens, 0);
    const row = table.get(`${upstream}|${k}`) ?? { upstream, cell: k, billed: 0, reported: 0, difference: 0 };
    row.billed += bt;
    row.reported += st;
    row.difference = row.reported - row.billed;
    const mb = money(sheet, entry.model, b);
    const ms = money(sheet, entry.model, s.length ? s : b.map((c) => ({ ...c, tokens: 0 })));
    if (mb && ms) {
      cur = mb.currency;
      row.impact = Decimal.parse(row.impact ?? '0')
        .add(ms.amount.sub(mb.amount))
        .toString();
    }
    table.set(`${upstream}|${k}`, row);
  }
  return cur;
}

type ResultInput = Parameters<Reporter['result']>[0];

/** One result per check of a case, listing every finding across the case's exchanges. */
function judgeCase(caseId: string, observed: readonly ObservedExchange[], sheet: PriceSheet | undefined): ResultInput[] {
  const byCheck = new Map<string, Finding[]>();
  for (const ob of observed) {
    for (const [check, findings] of Object.entries(checkExchange(ob))) if (findings) byCheck.set(check, [...(byCheck.get(check) ?? []), ...findings]);
  }
  const out: ResultInput[] = [];
  for (const [check, meta] of Object.entries(translationChecks)) {
    const findings = byCheck.get(check);
    const base: Pick<ResultInput, 'case_id' | 'check' | 'title' | 'requirements' | 'level' | 'classes'> = {
      case_id: caseId,
      check,
      title: meta.title,
      requirements: [...meta.requirements],
      level: 'MUST',
      classes: ['gateway'],
    };
    if (findings === undefined) {
      out.push({ ...base, status: 'not_applicable', reason: 'no exchange of this case exercises the check', evidence: {} });
      continue;
    }
    const violations = findings.filter((f) => f.kind === 'violation');
    const status = violations.length > 0 ? 'fail' : findings.length > 0 ? 'error' : 'pass';
    const impact = check === 'cells-preserved' ? caseImpact(observed, sheet) : undefined;
    out.push({
      ...base,
      status,
      ...(status !== 'pass' ? { reason: findings.map((f) => `${f.exchange}: ${f.message}`).join(' | ') } : {}),
      evidence: {
        ...(findings[0]?.expected !== undefined ? { expected: findings[0].expected as never } : {}),
        ...(findings[0]?.observed !== undefined ? { observed: findings[0].observed as never } : {}),
        ...(findings.length > 0 ? { details: { findings } } : {}),
        ...(impact && status === 'fail' ? { impact } : {}),
      },
    });
  }
  return out;
}

/** Money the case's reported usage differs from its billed usage by: positive when the client is told more than was billed. */
function caseImpact(observed: readonly ObservedExchange[], sheet: PriceSheet | undefined): { currency: string; amount: string } | undefined {
  let total = Decimal.zero;
  let currency: string | undefined;
  for (const x of observed) {
    const entry = x.billed.at(-1);
    const rep = reportedUsage(x);
    if (!entry || !rep.ok || !rep.usage || x.exchange.kind === 'stream-bare') continue;
    const cells = reportedCells(rep.usage);
    if (!cells.ok) continue;
    const b = money(sheet, entry.model, foldForClient(entry.usage).cells);
    const s = money(sheet, entry.model, cells.usage.cells);
    if (!b || !s) continue;
    currency = b.currency;
    total = total.add(s.amount.sub(b.amount));
  }
  return currency === undefined ? undefined : { currency, amount: total.toString() };
}
