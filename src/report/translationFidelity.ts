import type { Report } from '../schemas/types.gen.js';

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
  const data = m.data as { currency?: string; rows?: FidelityRow[] };
  return { ...(data.currency ? { currency: data.currency } : {}), rows: Array.isArray(data.rows) ? data.rows : [] };
}
