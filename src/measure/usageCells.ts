import type { Usage, UsageCell } from '../schemas/types.gen.js';
import { cellKey } from './usageTotals.js';

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
