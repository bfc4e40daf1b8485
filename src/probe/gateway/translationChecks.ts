import { parseSse, sseJson } from '../../io/parseSse.js';
import { cellKey } from '../../measure/usageTotals.js';
import { toCells } from '../../measure/usageConventions.js';
import type { Usage, UsageCell } from '../../schemas/types.gen.js';
import type { GatewayExchange } from './gatewayCases.js';
import { isRecord } from '../../io/isRecord.js';

/** What the upstream billed for one request, as its ledger reports it (GET /_tokencert/ledger). */
export interface LedgerEntry {
  readonly seq: number;
  readonly correlation: string | null;
  readonly model: string;
  readonly usage: Usage;
}

/** One client exchange through the gateway, with what the upstream billed for it. */
export interface ObservedExchange {
  readonly exchange: GatewayExchange;
  /** The gateway's answer, or why none came. */
  readonly response: { readonly ok: true; readonly status: number; readonly body: string } | { readonly ok: false; readonly error: string };
  /** Upstream ledger entries carrying this exchange's correlation id. */
  readonly billed: readonly LedgerEntry[];
}

/** A violation (or an undecidable exchange) found by a translation check, labelled by exchange. */
export interface Finding {
  readonly exchange: string;
  readonly kind: 'violation' | 'error';
  readonly message: string;
  readonly expected?: unknown;
  readonly observed?: unknown;
}

/** The translation checks and the requirements they verify (spec part G). */
export const translationChecks = {
  'cells-preserved': { title: 'Billable cells survive translation', requirements: ['TMS-G-001'] },
  'totals-consistent': { title: 'Totals stay sums after translation', requirements: ['TMS-G-002'] },
  'stream-usage-placed': { title: 'Streamed usage is delivered once, in the final chunk', requirements: ['TMS-G-003'] },
  'no-unrequested-usage': { title: 'No usage the client did not ask for', requirements: ['TMS-G-003'] },
  'one-upstream-request': { title: 'One upstream request per client request', requirements: ['TMS-G-004'] },
} as const;

/** A translation check's name. */
export type TranslationCheck = keyof typeof translationChecks;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (isRecord(v) ? v : undefined);

/** The chunks of an OpenAI Chat stream, or why it cannot be read. */
function chunksOf(body: string): { ok: true; chunks: Json[] } | { ok: false; error: string } {
  const sse = parseSse(body);
  if (!sse.ok) return { ok: false, error: `malformed stream: ${sse.error}` };
  const js = sseJson(sse.events, true);
  if (!js.ok) return { ok: false, error: `malformed stream: ${js.error}` };
  return { ok: true, chunks: js.values.map((v) => obj(v.json) ?? {}) };
}

/** The usage object the client received: a JSON answer's `usage`, or the last non-null usage of a stream. */
export function reportedUsage(x: ObservedExchange): { ok: true; usage: Json | undefined } | { ok: false; error: string } {
  if (!x.response.ok) return { ok: false, error: x.response.error };
  if (x.response.status !== 200) return { ok: false, error: `gateway answered HTTP ${x.response.status}: ${x.response.body.slice(0, 200)}` };
  if (x.exchange.kind === 'json') {
    try {
      return { ok: true, usage: obj(obj(JSON.parse(x.response.body))?.usage) };
    } catch {
      return { ok: false, error: 'gateway answered malformed JSON' };
    }
  }
  const c = chunksOf(x.response.body);
  if (!c.ok) return c;
  return {
    ok: true,
    usage: c.chunks
      .map((k) => obj(k.usage))
      .filter((u) => u !== undefined)
      .at(-1),
  };
}

/**
 * The billed cells as the client convention can state them: OpenAI Chat has no cache TTL, so writes
 * of every TTL fold into one write cell (TMS-G-001 lets an inexpressible cell fold, never vanish).
 */
export function foldForClient(usage: Usage): Usage {
  const byKey = new Map<string, UsageCell>();
  for (const c of usage.cells) {
    const { cache_ttl: _ttl, ...rest } = c;
    const k = cellKey(rest);
    const prev = byKey.get(k);
    byKey.set(k, prev ? { ...prev, tokens: prev.tokens + c.tokens } : { ...rest });
  }
  return { cells: [...byKey.values()].filter((c) => c.tokens > 0) };
}

function cellMap(u: Usage): Record<string, number> {
  const m: Record<string, number> = {};
  for (const c of u.cells) if (c.tokens > 0) m[cellKey(c)] = (m[cellKey(c)] ?? 0) + c.tokens;
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The canonical cells of what the client was told, or why they cannot be read (the usage is not valid OpenAI Chat usage). */
export function reportedCells(usage: Json): { ok: true; usage: Usage } | { ok: false; message: string } {
  const r = toCells('openai-chat', usage);
  return r.ok ? { ok: true, usage: r.usage } : { ok: false, message: r.message };
}

/**
 * Runs every translation check over one exchange and returns its findings per check; a check that
 * does not apply to the exchange is absent from the result.
 */
export function checkExchange(x: ObservedExchange): Partial<Record<TranslationCheck, Finding[]>> {
  const out: Partial<Record<TranslationCheck, Finding[]>> = {};
  const label = x.exchange.label;
  // A check that applies gets a list even without findings: an empty list is a pass, a missing one "not applicable".
  const add = (check: TranslationCheck, f?: ExchangeFinding) => {
    const list = (out[check] ??= []);
    if (f) list.push({ exchange: label, ...f });
  };
  add('one-upstream-request', upstreamCountFinding(x.billed.length));
  const rep = reportedUsage(x);
  if (!rep.ok) {
    for (const c of ['cells-preserved', 'totals-consistent'] as const) add(c, { kind: 'error', message: rep.error });
    return out;
  }
  if (x.exchange.kind === 'stream-bare') {
    add('no-unrequested-usage', unrequestedUsageFinding(rep.usage));
    return out;
  }
  if (x.exchange.kind === 'stream-usage') add('stream-usage-placed', placement(x.response.ok ? x.response.body : ''));
  if (rep.usage === undefined) {
    add('cells-preserved', {
      kind: 'violation',
      message: 'the answer carries no usage at all',
      expected: x.billed[0] ? cellMap(foldForClient(x.billed[0].usage)) : undefined,
      observed: null,
    });
    return out;
  }
  add('totals-consistent', totalsFinding(rep.usage));
  if (x.billed.length === 0) {
    add('cells-preserved', { kind: 'error', message: 'no upstream bill to compare with' });
    return out;
  }
  add('cells-preserved', cellsFinding(x.billed[x.billed.length - 1].usage, rep.usage));
  return out;
}

/** A finding before it is labelled with its exchange. */
type ExchangeFinding = Omit<Finding, 'exchange'>;

/** TMS-G-004: one client request is one upstream request; none means the correlation header was lost, so nothing can be decided. */
function upstreamCountFinding(count: number): ExchangeFinding | undefined {
  if (count === 1) return undefined;
  if (count === 0)
    return { kind: 'error', message: "the upstream saw no request carrying this exchange's x-tokencert-correlation header (does the gateway forward it?)" };
  return { kind: 'violation', message: `one client request caused ${count} upstream requests`, expected: 1, observed: count };
}

/** TMS-G-003: a stream the client opened without include_usage must carry no usage. */
function unrequestedUsageFinding(usage: Json | undefined): ExchangeFinding | undefined {
  if (usage === undefined) return undefined;
  return { kind: 'violation', message: 'usage was streamed although the client did not ask for it', expected: null, observed: usage };
}

/** TMS-G-002: total_tokens is still prompt_tokens + completion_tokens after translation. */
function totalsFinding(usage: Json): ExchangeFinding | undefined {
  const total = usage.total_tokens;
  const sum = Number(usage.prompt_tokens) + Number(usage.completion_tokens);
  if (total === sum) return undefined;
  return { kind: 'violation', message: `total_tokens ${String(total)} ≠ prompt_tokens + completion_tokens = ${sum}`, expected: sum, observed: total };
}

/** TMS-G-001: the reported cells equal the last upstream bill's, folded to what OpenAI Chat can state; every differing cell is named. */
function cellsFinding(lastBill: Usage, usage: Json): ExchangeFinding | undefined {
  const billed = cellMap(foldForClient(lastBill));
  const cells = reportedCells(usage);
  if (!cells.ok)
    return {
      kind: 'violation',
      message: `the usage is not valid OpenAI Chat usage, so no bill can be read from it: ${cells.message}`,
      expected: billed,
      observed: usage,
    };
  const seen = cellMap(cells.usage);
  const keys = [...new Set([...Object.keys(billed), ...Object.keys(seen)])].sort();
  const diff = keys.filter((k) => (billed[k] ?? 0) !== (seen[k] ?? 0)).map((k) => `${k}: billed ${billed[k] ?? 0}, reported ${seen[k] ?? 0}`);
  return diff.length === 0 ? undefined : { kind: 'violation', message: diff.join('; '), expected: billed, observed: seen };
}

/** TMS-M-032 placement: exactly one usage, on the last chunk, with empty choices, after the finish chunk. */
function placement(body: string): ExchangeFinding | undefined {
  const c = chunksOf(body);
  if (!c.ok) return { kind: 'error', message: c.error };
  const withUsage = c.chunks.map((k, i) => (obj(k.usage) ? i : -1)).filter((i) => i >= 0);
  if (withUsage.length === 0)
    return {
      kind: 'violation',
      message: 'the client asked for usage (stream_options.include_usage) and no chunk carried it',
      expected: 'one final usage chunk',
      observed: 'none',
    };
  if (withUsage.length > 1)
    return { kind: 'violation', message: `${withUsage.length} chunks carried usage; the convention has one`, expected: 1, observed: withUsage.length };
  const at = withUsage[0];
  const chunk = c.chunks[at];
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  if (at !== c.chunks.length - 1 || choices.length !== 0) {
    return {
      kind: 'violation',
      message: `usage rode on chunk ${at + 1} of ${c.chunks.length}${choices.length ? ', one with choices (the finish chunk?)' : ''}, not on a final chunk with empty choices`,
      expected: 'final chunk, choices []',
      observed: { chunk: at + 1, of: c.chunks.length, choices: choices.length },
    };
  }
  return undefined;
}
