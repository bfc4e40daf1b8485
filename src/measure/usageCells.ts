import type { Usage, UsageCell } from '../schemas/types.gen.js';
import { cellKey } from './usageTotals.js';

/** Why a canonical cell set is invalid (TMS-M-020), or ok. */
export type CellCheck = { ok: true } | { ok: false; flags: string[]; message: string };

/** Checks TMS-M-020 beyond the schema: disjoint cells, integer tokens in range, output cells uncached. */
export function checkUsageCells(usage: Usage): CellCheck {
  const seen = new Set<string>();
  const flags = new Set<string>();
  const messages: string[] = [];
  usage.cells.forEach((c, i) => {
    const key = cellKey(c);
    if (seen.has(key)) {
      flags.add('duplicate-cell');
      messages.push(`/cells/${i}: duplicate cell ${key}`);
    }
    seen.add(key);
    if (!Number.isSafeInteger(c.tokens) || c.tokens < 0) {
      flags.add('bad-count');
      messages.push(`/cells/${i}/tokens: ${String(c.tokens)} is not a non-negative integer ≤ 2^53-1`);
    }
    if (c.direction === 'output' && c.cache !== 'none') {
      flags.add('cached-output');
      messages.push(`/cells/${i}: output cells have cache "none"`);
    }
  });
  return flags.size === 0 ? { ok: true } : { ok: false, flags: [...flags], message: messages.join('; ') };
}

/** Adds `tokens` to the cell with the given key fields, creating it when absent (keeps cells disjoint). */
export function addToCell(cells: UsageCell[], cell: Omit<UsageCell, 'tokens'>, tokens: number): void {
  const key = cellKey(cell);
  const found = cells.find((c) => cellKey(c) === key);
  if (found) found.tokens += tokens;
  else cells.push({ ...cell, tokens });
}

/** Cells sorted by key: the order-free form used to compare usages. */
export function sortedCells(usage: Usage): UsageCell[] {
  return [...usage.cells].sort((a, b) => (cellKey(a) < cellKey(b) ? -1 : cellKey(a) > cellKey(b) ? 1 : 0));
}
