import { InputError } from '../errors/errors.js';
import { nearestNames } from './nearestNames.js';
import { parseTimestamp } from './timestamps.js';
import type { CompiledEntry, PriceSheet } from './types.js';
import { inWindows } from './windows.js';

/** The entry that prices a model at an instant for a service tier, or why there is none. */
export type Resolution = { ok: true; entry: CompiledEntry } | { ok: false; code: 'unknown-model' | 'no-price' | 'ambiguous-price'; message: string };

// One-entry memo: a settlement prices many records with the same timestamp text in a row. It starts
// empty (undefined), never '' — an empty time must be rejected, not answered from the memo.
let lastAt: string | undefined;
let lastMs = 0;

/** Epoch ms of an RFC 3339 request time; a malformed one is an InputError (bad input, not a pricing outcome). */
export function requestTime(at: string): number {
  if (lastAt !== undefined && at === lastAt) return lastMs;
  const ms = typeof at === 'string' ? parseTimestamp(at) : undefined;
  if (ms === undefined)
    throw new InputError('input-invalid', `request time ${JSON.stringify(at)} is not an RFC 3339 timestamp with offset (e.g. 2025-06-10T12:00:00Z)`);
  lastAt = at;
  lastMs = ms;
  return ms;
}

/**
 * Finds the one entry for (model, instant, service tier) (TMS-P-005, TMS-P-008, TMS-P-009,
 * TMS-P-010): exact name or alias; then the service tier (no fallback to another tier); then
 * the effective range [from, until) and the time-of-day windows. Zero matches is `no-price`,
 * more than one is `ambiguous-price` naming both entries.
 */
export function resolveEntry(sheet: PriceSheet, model: string, atMs: number, serviceTier: string): Resolution {
  const named = sheet.byName.get(model);
  if (!named) {
    const near = nearestNames(model, sheet.byName.keys());
    return {
      ok: false,
      code: 'unknown-model',
      message: `unknown model "${model}" in price sheet ${sheet.id}${near.length ? `; nearest known: ${near.join(', ')}` : ''}`,
    };
  }
  let found: CompiledEntry | undefined;
  let tierSeen = false;
  for (const e of named) {
    if (e.serviceTier !== serviceTier) continue;
    tierSeen = true;
    if (atMs < e.fromMs || atMs >= e.untilMs) continue;
    if (e.windows && !inWindows(e.windows, atMs, e.timeZone)) continue;
    if (found)
      return {
        ok: false,
        code: 'ambiguous-price',
        message: `entries "${found.id}" and "${e.id}" both price "${model}" (${serviceTier}) at ${new Date(atMs).toISOString()}`,
      };
    found = e;
  }
  if (found) return { ok: true, entry: found };
  if (!tierSeen) {
    const tiers = [...new Set(named.map((e) => e.serviceTier))].join(', ');
    return { ok: false, code: 'no-price', message: `no ${serviceTier} price for "${model}" in price sheet ${sheet.id} (service tiers priced: ${tiers})` };
  }
  return {
    ok: false,
    code: 'no-price',
    message: `no price for "${model}" (${serviceTier}) at ${new Date(atMs).toISOString()} in price sheet ${sheet.id}: no entry is effective then`,
  };
}
