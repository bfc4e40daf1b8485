import { countText } from '../measure/countText.js';
import { Decimal } from '../money/Decimal.js';
import { loadPriceSheet } from '../pricing/loadPriceSheet.js';
import { priceUsage } from '../pricing/priceUsage.js';
import { adapterFor } from './adapters/adapterFor.js';
import { DEFAULT_MAX_TOKENS } from './adapters/openaiChat.js';
import { messagesFor } from './adapters/types.js';
import { loadWorkload } from './comparability.js';
import { neededExchanges } from './evaluateCase.js';
import { expandUnits } from './runProbe.js';
import type { CaseInput, ExchangeKind, ModelProfile, Suite, Target } from './types.js';
import type { PriceSheet } from '../pricing/types.js';

/** One request a run would send. */
export interface PlannedRequest {
  readonly case_id: string;
  readonly exchange: ExchangeKind;
  readonly method: string;
  readonly url: string;
  readonly body_bytes: number;
  readonly est_input_tokens: number;
  readonly max_output_tokens: number;
}

function estimate(model: ModelProfile, kind: ExchangeKind, input: CaseInput): number {
  const enc = model.tokenizer === 'opaque' ? 'o200k_base' : model.tokenizer.encoding;
  const msgs = messagesFor(kind, input);
  // An estimate: text plus 4 framing tokens a message and the tool JSON; exact counts need the provider.
  return msgs.reduce((n, m) => n + countText(enc, m.content) + 4, 3) + (input.tools ? countText(enc, JSON.stringify(input.tools)) : 0);
}

/** The dry run's plan: every request, the budget it adds up to, and its text for the terminal. */
export interface DryRunPlan {
  data: {
    requests: PlannedRequest[];
    total_requests: number;
    est_input_tokens: number;
    max_output_tokens: number;
    est_cost?: { currency: string; amount: string };
  };
  text: string;
}

/** The request one exchange of one case would send (none when the API has no such exchange). */
function plannedRequest(target: Target, caseId: string, model: ModelProfile, kind: ExchangeKind, input: CaseInput): PlannedRequest | undefined {
  const req = adapterFor(model.api).build(kind, model, input);
  if (!req) return undefined;
  return {
    case_id: caseId,
    exchange: kind,
    method: req.method,
    url: `${target.baseUrl}${req.path}`,
    body_bytes: Buffer.byteLength(JSON.stringify(req.body ?? '')),
    est_input_tokens: estimate(model, kind, input),
    max_output_tokens: kind === 'count' ? 0 : (input.max_tokens ?? DEFAULT_MAX_TOKENS),
  };
}

/** A request's cost at the sheet's prices today, as plain input and answer tokens; undefined when the sheet cannot price it. */
function requestCost(sheet: PriceSheet, model: ModelProfile, r: PlannedRequest): Decimal | undefined {
  const p = priceUsage(sheet, {
    model: model.id,
    at: new Date().toISOString(),
    usage: {
      cells: [
        { direction: 'input', cache: 'none', modality: 'text', tokens: r.est_input_tokens },
        { direction: 'output', cache: 'none', modality: 'text', phase: 'answer', tokens: r.max_output_tokens },
      ],
    },
  });
  return p.ok ? Decimal.parse(p.total) : undefined;
}

/** The plan as text: one line a request, the models' tokenizer assumptions, and the budget. */
function dryRunText(target: Target, data: DryRunPlan['data']): string {
  const lines = data.requests.map(
    (r) => `${r.method} ${r.url}  [${r.case_id} ${r.exchange}] ${r.body_bytes} B, ~${r.est_input_tokens} in, ≤${r.max_output_tokens} out`,
  );
  for (const m of target.models) if (m.assumption) lines.push(m.assumption);
  lines.push(
    `dry run: ${data.requests.length} requests (before retries), ~${data.est_input_tokens} input tokens, ≤${data.max_output_tokens} output tokens${data.est_cost ? `, ≈ ${data.est_cost.amount} ${data.est_cost.currency}` : ''}; nothing was sent`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The requests a probe would send, with an estimated token and cost budget (first try only: retries
 * can add requests); nothing is sent (`--dry-run`).
 */
export async function planDryRun(target: Target, suite: Suite): Promise<DryRunPlan> {
  const sheet = target.priceSheet ? await loadPriceSheet(target.priceSheet) : undefined;
  let cost = sheet ? Decimal.parse('0') : undefined;
  const requests: PlannedRequest[] = [];
  const add = (caseId: string, model: ModelProfile, kind: ExchangeKind, input: CaseInput): void => {
    const r = plannedRequest(target, caseId, model, kind, input);
    if (!r) return;
    requests.push(r);
    if (!sheet || !cost || kind === 'count') return;
    const c = requestCost(sheet, model, r);
    if (c) cost = cost.add(c);
  };
  for (const u of expandUnits(suite, target)) for (const k of neededExchanges(u.c.checks, u.model, u.c.input)) add(u.id, u.model, k, u.c.input);
  if (suite.comparability)
    for (const s of loadWorkload().samples)
      add(`comparability/${s.id}`, target.models[0], 'plain', { messages: [{ role: 'user', content: s.text }], max_tokens: 1 });
  const data = {
    requests,
    total_requests: requests.length,
    est_input_tokens: requests.reduce((n, r) => n + r.est_input_tokens, 0),
    max_output_tokens: requests.reduce((n, r) => n + r.max_output_tokens, 0),
    ...(cost && sheet ? { est_cost: { currency: sheet.currency, amount: cost.toString() } } : {}),
  };
  return { data, text: dryRunText(target, data) };
}
