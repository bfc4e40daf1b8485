import type { UsageCell } from '../schemas/types.gen.js';

// A cell's own key is measure's cellKey (src/measure/usageTotals.ts): one key for the usage model.

/**
 * The price keys tried for a cell, most specific first (TMS-P-006): the phase before no phase
 * (`answer` and unspecified are the same), then the cache lifetime before the plain cache state,
 * then the exact modality before `*`; the first candidate is the cell's own key. The first key the
 * price map holds prices the cell; none means `no-price`. Cache state and direction never fall back: a cache read without a read price
 * is not silently priced as fresh input.
 */
export function candidatePriceKeys(cell: UsageCell): string[] {
  const phases = cell.phase === undefined || cell.phase === 'answer' ? (cell.phase === 'answer' ? ['/answer', ''] : ['']) : [`/${cell.phase}`, ''];
  const caches = cell.cache_ttl !== undefined ? [`${cell.cache}@${cell.cache_ttl}`, cell.cache] : [cell.cache];
  const out: string[] = [];
  for (const p of phases) for (const c of caches) for (const m of [cell.modality, '*']) out.push(`${cell.direction}/${c}/${m}${p}`);
  return out;
}
