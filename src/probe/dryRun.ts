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

/**
 * The requests a probe would send, with an estimated token and cost budget (first try only: retries
 * can add requests); nothing is sent (`--dry-run`).
 */
export async function planDryRun(
  target: Target,
  suite: Suite,
): Promise<{
  data: {
    requests: PlannedRequest[];
    total_requests: number;
    est_input_tokens: number;
    max_output_tokens: number;
    est_cost?: { currency: string; amount: string };
  };
  text: string;
}> {
  const sheet = target.priceSheet ? await loadPriceSheet(target.priceSheet) : undefined;
  let cost = sheet ? Decimal.parse('0') : undefined;
  const requests: PlannedRequest[] = [];
  const add = (caseId: string, model: ModelProfile, kind: ExchangeKind, input: CaseInput): void => {
    const req = adapterFor(model.api).build(kind, model, input);
    if (!req) return;
    const inTok = estimate(model, kind, input);
    const outTok = kind === 'count' ? 0 : (input.max_tokens ?? DEFAULT_MAX_TOKENS);
    requests.push({
      case_id: caseId,
      exchange: kind,
      method: req.method,
      url: `${target.baseUrl}${req.path}`,
      body_bytes: Buffer.byteLength(JSON.stringify(req.body ?? '')),
      est_input_tokens: inTok,
      max_output_tokens: outTok,
    });
    if (sheet && cost && kind !== 'count') {
      const p = priceUsage(sheet, {
        model: model.id,
        at: new Date().toISOString(),
        usage: {
          cells: [
            { direction: 'input', cache: 'none', modality: 'text', tokens: inTok },
            { direction: 'output', cache: 'none', modality: 'text', phase: 'answer', tokens: outTok },
          ],
        },
      });
      cost = p.ok ? cost.add(Decimal.parse(p.total)) : cost;
    }
  };
  for (const u of expandUnits(suite, target)) for (const k of neededExchanges(u.c.checks, u.model, u.c.input)) add(u.id, u.model, k, u.c.input);
  if (suite.comparability)
    for (const s of loadWorkload().samples)
      add(`comparability/${s.id}`, target.models[0], 'plain', { messages: [{ role: 'user', content: s.text }], max_tokens: 1 });
  const estIn = requests.reduce((n, r) => n + r.est_input_tokens, 0);
  const maxOut = requests.reduce((n, r) => n + r.max_output_tokens, 0);
  const data = {
    requests,
    total_requests: requests.length,
    est_input_tokens: estIn,
    max_output_tokens: maxOut,
    ...(cost && sheet ? { est_cost: { currency: sheet.currency, amount: cost.toString() } } : {}),
  };
  const lines = requests.map(
    (r) => `${r.method} ${r.url}  [${r.case_id} ${r.exchange}] ${r.body_bytes} B, ~${r.est_input_tokens} in, ≤${r.max_output_tokens} out`,
  );
  for (const m of target.models) if (m.assumption) lines.push(m.assumption);
  lines.push(
    `dry run: ${requests.length} requests (before retries), ~${estIn} input tokens, ≤${maxOut} output tokens${data.est_cost ? `, ≈ ${data.est_cost.amount} ${data.est_cost.currency}` : ''}; nothing was sent`,
  );
  return { data, text: `${lines.join('\n')}\n` };
}
