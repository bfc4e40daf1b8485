import type { Usage, UsageCell } from '../schemas/types.gen.js';

/**
 * The key of a canonical cell: `direction/cache[@ttl]/modality[/phase]`, e.g. `input/read/text`,
 * `input/write@5m/text`, `output/none/text/reasoning` (TMS-M-020). Price sheets name cells by it.
 */
export function cellKey(cell: Pick<UsageCell, 'direction' | 'cache' | 'cache_ttl' | 'modality' | 'phase'>): string {
  const ttl = cell.cache_ttl !== undefined ? `@${cell.cache_ttl}` : '';
  const phase = cell.phase !== undefined ? `/${cell.phase}` : '';
  return `${cell.direction}/${cell.cache}${ttl}/${cell.modality}${phase}`;
}

function sum(usage: Usage, direction: UsageCell['direction']): number {
  let n = 0;
  for (const c of usage.cells) if (c.direction === direction) n += c.tokens;
  return n;
}

/** Total input tokens: the sum of every input cell, cache reads and writes included (TMS-M-021). */
export function totalInput(usage: Usage): number {
  return sum(usage, 'input');
}

/** Total output tokens: the sum of every output cell, reasoning included (TMS-M-021). */
export function totalOutput(usage: Usage): number {
  return sum(usage, 'output');
}

/** Total tokens: total input plus total output (TMS-M-021). */
export function totalTokens(usage: Usage): number {
  return totalInput(usage) + totalOutput(usage);
}
