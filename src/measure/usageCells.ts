import type { Usage, UsageCell } from '../schemas/types.gen.js';
import { cellKey } from './usageTotals.js';

/** Cells sorted by key: the order-free form used to compare usages. */
export function sortedCells(usage: Usage): UsageCell[] {
  return [...usage.cells].sort((a, b) => (cellKey(a) < cellKey(b) ? -1 : cellKey(a) > cellKey(b) ? 1 : 0));
}
