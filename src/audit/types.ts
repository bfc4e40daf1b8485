/** One discrepancy found by an audit (schemas/discrepancy.json, TMS-A-008). */
export interface Discrepancy {
  kind: 'invalid-line' | 'recount' | 'cost' | 'currency' | 'unpriced' | 'duplicate' | 'conflict' | 'out-of-period' | 'line' | 'total' | 'count' | 'root';
  record_id: string | null;
  field: string;
  billed: string | null;
  recomputed: string | null;
  impact: { currency: string; amount: string } | null;
  location: { file: string; line: number; pointer?: string } | null;
  line_item?: { model: string; service_tier: string; kind: string; tier?: string; price_entry: string; unit: number; unit_price: string };
  message: string;
}
