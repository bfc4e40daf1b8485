import { toCells } from '../measure/usageConventions.js';
import { priceUsage } from '../pricing/priceUsage.js';
import type { PriceSheet } from '../pricing/types.js';
import { adapterFor } from './adapters/adapterFor.js';
import { type ExchangeRecord, type ModelProfile, usageApiOf } from './types.js';

/** The exact cost of an exchange: priced, not billed (an error or a count), or billed at a cost that cannot be computed, and why (TMS-C-116). */
export type ExchangeCost = { readonly kind: 'priced'; readonly total: string } | { readonly kind: 'free' } | { readonly kind: 'unknown'; readonly why: string };

/**
 * Prices the usage of one response under the sheet. Count requests and non-200 answers are not
 * billed. A stream without include_usage carries no usage by design (TMS-M-032): `twin` is the cost of
 * the same request's other form, which it is priced at when known.
 */
export function costOf(sheet: PriceSheet | undefined, model: ModelProfile, x: ExchangeRecord, twin?: ExchangeCost): ExchangeCost {
  if (x.kind === 'count' || !x.response.ok || x.response.status !== 200) return { kind: 'free' };
  if (x.kind === 'stream-bare') return twin ?? { kind: 'unknown', why: 'a stream without include_usage reports no usage and no priced twin was made' };
  if (!sheet) return { kind: 'unknown', why: 'the target names no price sheet' };
  const reply = adapterFor(model.api).parse(x.kind, x.response);
  if (!reply.ok) return { kind: 'unknown', why: reply.message };
  if (reply.usage === undefined || reply.usage === null) return { kind: 'unknown', why: 'the response carries no usage' };
  const cells = toCells(usageApiOf[model.api], reply.usage);
  if (!cells.ok) return { kind: 'unknown', why: `its usage cannot be read (${cells.message})` };
  const p = priceUsage(sheet, { model: model.id, at: new Date().toISOString(), usage: cells.usage });
  return p.ok ? { kind: 'priced', total: p.total } : { kind: 'unknown', why: p.message };
}
