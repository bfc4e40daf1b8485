import type { Discrepancy } from '../types.js';

/** Canonical order of findings: unreadable lines by place, record findings by id, then the statement's. */
export function sortFindings(list: Discrepancy[], files: readonly string[]): Discrepancy[] {
  const fi = (d: Discrepancy) => (d.location ? files.indexOf(d.location.file) : -1);
  const group = (d: Discrepancy) => (d.kind === 'invalid-line' ? 0 : 1);
  return list.sort((a, b) => {
    const g = group(a) - group(b);
    if (g) return g;
    if (a.kind !== 'invalid-line') {
      const ia = a.record_id ?? '';
      const ib = b.record_id ?? '';
      if (ia !== ib) return ia < ib ? -1 : 1;
    }
    return (
      fi(a) - fi(b) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.field < b.field ? -1 : a.field > b.field ? 1 : 0)
    );
  });
}
