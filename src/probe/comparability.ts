import { readFileSync } from 'node:fs';
import { Decimal } from '../money/Decimal.js';
import { toCells } from '../measure/usageConventions.js';
import { priceUsage } from '../pricing/priceUsage.js';
import type { PriceSheet } from '../pricing/types.js';
import { fromRoot } from '../paths.js';
import { adapterFor } from './adapters/adapterFor.js';
import { nativeCounts } from './nativeCounts.js';
import { sendExchange } from './sendExchange.js';
import type { HttpClient } from './http/HttpClient.js';
import { type Target, usageApiOf } from './types.js';

/** The comparability metric's data (schemas/event.json $defs/comparability). */
export interface ComparabilityData {
  rows: { language: string; utf8_bytes: number; tokens: number; tokens_per_1000_bytes: number; source: string }[];
  cost?: { currency: string; amount: string };
}

/** One sample of the standard workload. */
export interface WorkloadSample {
  readonly id: string;
  readonly language: string;
  readonly kind: string;
  readonly utf8_bytes: number;
  readonly text: string;
}

/** The standard workload (vectors/workloads/standard.json). */
export function loadWorkload(): { version: string; samples: WorkloadSample[] } {
  return JSON.parse(readFileSync(fromRoot('vectors', 'workloads', 'standard.json'), 'utf8')) as { version: string; samples: WorkloadSample[] };
}

/**
 * Measures the standard workload on the target's first model: billed input tokens per sample (as one
 * user message), tokens per 1,000 UTF-8 bytes, and the exact cost of the whole workload under the
 * target's price sheet, so providers compare on the same work rather than per token.
 */
export async function measureComparability(
  client: HttpClient,
  target: Target,
  apiKey: string | undefined,
  sheet: PriceSheet | undefined,
): Promise<{ ok: true; data: ComparabilityData; note?: string } | { ok: false; reason: string }> {
  const model = target.models[0];
  const adapter = adapterFor(model.api);
  const rows: ComparabilityData['rows'] = [];
  let cost: Decimal | undefined = sheet ? Decimal.parse('0') : undefined;
  let costNote: string | undefined;
  for (const s of loadWorkload().samples) {
    const x = await sendExchange(client, target, model, 'plain', { messages: [{ role: 'user', content: s.text }], max_tokens: 1 }, apiKey);
    if (!x) return { ok: false, reason: `the ${model.api} adapter cannot send a plain request` };
    const reply = adapter.parse('plain', x.response);
    if (!reply.ok) return { ok: false, reason: `sample ${s.id}: ${reply.message}` };
    const input = nativeCounts(model.api, reply.usage).input;
    if (input === undefined) return { ok: false, reason: `sample ${s.id}: the response carries no input count` };
    // A hostile or broken count is a finding (usage-shape fails on it), never a metric (TMS-C-010).
    if (!Number.isSafeInteger(input) || input < 0)
      return { ok: false, reason: `sample ${s.id}: the input count ${String(input)} is not a non-negative integer ≤ 2^53-1` };
    const bytes = Buffer.byteLength(s.text, 'utf8');
    rows.push({
      language: s.language,
      utf8_bytes: bytes,
      tokens: input,
      tokens_per_1000_bytes: Math.round((input * 1000 * 100) / bytes) / 100,
      source: `usage:${model.id}`,
    });
    if (sheet && cost) {
      const cells = toCells(usageApiOf[model.api], reply.usage);
      const p = cells.ok ? priceUsage(sheet, { model: model.id, at: new Date().toISOString(), usage: cells.usage }) : undefined;
      if (p?.ok) cost = cost.add(Decimal.parse(p.total));
      else {
        costNote = p ? p.message : 'usage could not be normalised';
        cost = undefined;
      }
    }
  }
  const note =
    costNote !== undefined ? `workload cost not stated: ${costNote}` : sheet ? undefined : 'workload cost not stated: the target names no price sheet';
  return { ok: true, data: { rows, ...(cost && sheet ? { cost: { currency: sheet.currency, amount: cost.toString() } } : {}) }, ...(note ? { note } : {}) };
}
