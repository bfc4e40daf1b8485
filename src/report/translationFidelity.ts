import type { Report } from '../schemas/types.gen.js';
import { numberOr, recordsOf, stringOr } from './guards.js';

/** One row of a gateway certification's translation-fidelity table (metric `translation-fidelity`). */
export interface FidelityRow {
  readonly upstream: string;
  readonly cell: string;
  readonly billed: number;
  readonly reported: number;
  readonly difference: number;
  readonly impact?: string;
}

/** The translation-fidelity metric of a gateway certification, or null in other runs (TMS-G-001). */
export function translationFidelity(report: Report): { currency?: string; rows: FidelityRow[] } | null {
  const m = report.metrics.find((x) => x.name === 'translation-fidelity');
  if (!m) return null;
  const currency = stringOr(m.data.currency);
  const rows = recordsOf(m.data.rows).flatMap((r): FidelityRow[] => {
    const [upstream, cell, impact] = [stringOr(r.upstream), stringOr(r.cell), stringOr(r.impact)];
    const [billed, reported, difference] = [numberOr(r.billed), numberOr(r.reported), numberOr(r.difference)];
    if (upstream === undefined || cell === undefined || billed === undefined || reported === undefined || difference === undefined) return [];
    return [{ upstream, cell, billed, reported, difference, ...(impact !== undefined ? { impact } : {}) }];
  });
  return { ...(currency ? { currency } : {}), rows };
}
