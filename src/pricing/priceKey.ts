import type { UsageCell } from '../schemas/types.gen.js';

/**
 * The key of a usage cell, `direction/cache[@ttl]/modality[/phase]`, e.g. `input/read/text`,
 * `input/write@5m/text`, `output/none/text/reasoning` — the same form as the measure part's
 * `cellKey` (TMS-M-020), rebuilt here because pricing imports measure for types only.
 */
export function cellPriceKey(cell: UsageCell): string {
  const cache = cell.cache_ttl !== undefined ? `${cell.cache}@${cell.cache_ttl}` : cell.cache;
  return cell.phase !== undefined ? `${cell.direction}/${cache}/${cell.modality}/${cell.phase}` : `${cell.direction}/${cache}/${cell.modality}`;
}

/**
 * The price keys tried for a cell, most specific first (TMS-P-006): the phase before no phase
 * (`answer` and unspecified are the same), then the cache lifetime before the plain cache state,
 * then the exact modality before `*`. The first key the price map holds prices the cell; none
 * means `no-price`. Cache state and direction never fall back: a cache read without a read price
 * is not silently priced as fresh input.
 */
export function candidatePriceKeys(cell: UsageCell): string[] {
  const phases = cell.phase === undefined || cell.phase === 'answer' ? (cell.phase === 'answer' ? ['/answer', ''] : ['']) : [`/${cell.phase}`, ''];
  const caches = cell.cache_ttl !== undefined ? [`${cell.cache}@${cell.cache_ttl}`, cell.cache] : [cell.cache];
  const out: string[] = [];
  for (const p of phases) for (const c of caches) for (const m of [cell.modality, '*']) out.push(`${cell.direction}/${c}/${m}${p}`);
  return out;
}
