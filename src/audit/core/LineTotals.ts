import { Decimal } from '../../money/Decimal.js';
import { compareLineKeys } from '../../settlement/LineBook.js';
import type { RoundingMode } from '../../money/rounding.js';
import type { PriceLine } from '../../pricing/types.js';
import type { LineItem } from '../../schemas/types.gen.js';

/** A line item before rounding, as partial audits store it. */
export interface ExactLine {
  model: string;
  service_tier: string;
  kind: string;
  tier?: string;
  price_entry: string;
  unit: number;
  unit_price: string;
  quantity: string;
  records: number;
  amount_exact: string;
}

interface Acc {
  line: Omit<ExactLine, 'quantity' | 'records' | 'amount_exact'>;
  quantity: bigint;
  records: number;
  /** The exact amount as coef / 10^scale, kept as BigInt so adding never re-parses or normalises. */
  coef: bigint;
  scale: number;
}

const pow10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

/** Parses a plain decimal string to coef and scale (amounts from priceUsage are always plain). */
function scaled(s: string): { coef: bigint; scale: number } {
  const dot = s.indexOf('.');
  return dot < 0 ? { coef: BigInt(s), scale: 0 } : { coef: BigInt(s.slice(0, dot) + s.slice(dot + 1)), scale: s.length - dot - 1 };
}

function addTo(a: Acc, coef: bigint, scale: number): void {
  if (scale > a.scale) {
    a.coef *= pow10[scale - a.scale] ?? 10n ** BigInt(scale - a.scale);
    a.scale = scale;
  }
  a.coef += scale < a.scale ? coef * (pow10[a.scale - scale] ?? 10n ** BigInt(a.scale - scale)) : coef;
}

/**
 * Per-line-item totals of the records an audit bills (TMS-S-006): like the settlement's LineBook,
 * but mergeable, so partial audits of disjoint shards add up to the single run (TMS-A-009).
 * Memory grows with distinct line items, not records.
 */
export class LineTotals {
  /** Accumulators by model/tier/entry, then by kind/tier/unit/unit price: two short keys, not one long one per line. */
  private readonly bases = new Map<string, Map<string, Acc>>();

  private acc(l: Omit<ExactLine, 'quantity' | 'records' | 'amount_exact'>): Acc {
    const bk = `${l.model}\u0000${l.service_tier}\u0000${l.price_entry}`;
    let base = this.bases.get(bk);
    if (!base) this.bases.set(bk, (base = new Map()));
    const lk = `${l.kind}\u0000${l.tier ?? ''}\u0000${l.unit}\u0000${l.unit_price}`;
    let a = base.get(lk);
    if (!a) {
      a = { line: { model: l.model, service_tier: l.service_tier, kind: l.kind, ...(l.tier !== undefined ? { tier: l.tier } : {}), price_entry: l.price_entry, unit: l.unit, unit_price: l.unit_price }, quantity: 0n, records: 0, coef: 0n, scale: 0 };
      base.set(lk, a);
    }
    return a;
  }

  /** Adds (sign 1) or takes back (sign −1) one record's priced lines. */
  apply(base: { model: string; service_tier: string; price_entry: string }, priced: readonly PriceLine[], sign: 1 | -1): void {
    const bk = `${base.model}\u0000${base.service_tier}\u0000${base.price_entry}`;
    let lines = this.bases.get(bk);
    for (const p of priced) {
      const lk = `${p.kind}\u0000${p.tier ?? ''}\u0000${p.unit}\u0000${p.unit_price}`;
      // Fast path: the accumulator exists; only a new line builds its key object.
      const a = lines?.get(lk) ?? this.acc({ model: base.model, service_tier: base.service_tier, price_entry: base.price_entry, kind: p.kind, ...(p.tier !== undefined ? { tier: p.tier } : {}), unit: p.unit, unit_price: p.unit_price });
      lines ??= this.bases.get(bk);
      const amt = scaled(p.amount);
      a.quantity += sign === 1 ? BigInt(p.quantity) : -BigInt(p.quantity);
      a.records += sign;
      addTo(a, sign === 1 ? amt.coef : -amt.coef, amt.scale);
    }
  }

  /** Adds the stored lines of another partial. */
  merge(lines: readonly ExactLine[]): void {
    for (const l of lines) {
      const a = this.acc(l);
      const amt = scaled(l.amount_exact.startsWith('-') ? l.amount_exact.slice(1) : l.amount_exact);
      a.quantity += BigInt(l.quantity);
      a.records += l.records;
      addTo(a, l.amount_exact.startsWith('-') ? -amt.coef : amt.coef, amt.scale);
    }
  }

  private all(): Acc[] {
    const out: Acc[] = [];
    for (const m of this.bases.values()) for (const a of m.values()) out.push(a);
    return out;
  }

  /** The exact lines, sorted, without empty ones. */
  exact(): ExactLine[] {
    return this.all()
      .filter((a) => a.records !== 0)
      .sort((a, b) => compareLineKeys(a.line, b.line))
      .map((a) => ({ ...a.line, quantity: a.quantity.toString(), records: a.records, amount_exact: Decimal.fromScaled(a.coef, a.scale).toString() }));
  }

  /** The statement's line items under a rounding policy (TMS-S-008), with the exact and rounded sums. */
  items(rounding: { mode: RoundingMode; scale: number; level: 'line' | 'statement' }): { items: LineItem[]; exact: Decimal; roundedSum: Decimal } {
    let exact = Decimal.zero;
    let roundedSum = Decimal.zero;
    const items = this.exact().map((l): LineItem => {
      const amount = Decimal.parse(l.amount_exact);
      exact = exact.add(amount);
      const item: LineItem = { ...l };
      if (rounding.level === 'line') {
        const r = amount.round(rounding.scale, rounding.mode);
        roundedSum = roundedSum.add(r);
        item.amount = r.toFixed(rounding.scale);
      }
      return item;
    });
    return { items, exact, roundedSum };
  }
}
