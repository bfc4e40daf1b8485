import { Decimal } from '../money/Decimal.js';
import type { RoundingMode } from '../money/rounding.js';
import type { PriceLine } from '../pricing/types.js';
import type { LineItem } from '../schemas/types.gen.js';

/** What identifies a line item (TMS-S-006): records whose priced lines share all of these share a line. */
export interface LineKey {
  readonly model: string;
  readonly service_tier: string;
  readonly kind: string;
  readonly tier: string | undefined;
  readonly price_entry: string;
  readonly unit: number;
  readonly unit_price: string;
}

interface LineAcc {
  readonly key: LineKey;
  quantity: bigint;
  records: number;
  amount: Decimal;
}

/** Orders line keys by their fields (code-unit order for text, numeric for unit and unit price): the line-item order of TMS-S-006. */
export function compareLineKeys(a: Omit<LineKey, 'tier'> & { readonly tier?: string }, b: Omit<LineKey, 'tier'> & { readonly tier?: string }): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    text(a.model, b.model) ||
    text(a.service_tier, b.service_tier) ||
    text(a.kind, b.kind) ||
    text(a.tier ?? '', b.tier ?? '') ||
    text(a.price_entry, b.price_entry) ||
    a.unit - b.unit ||
    Decimal.parse(a.unit_price).cmp(Decimal.parse(b.unit_price)) ||
    text(a.unit_price, b.unit_price)
  );
}

/**
 * The running line items of a settlement: per line, the summed quantity, the number of records and
 * the exact amount. Memory grows with the number of distinct lines, never with the number of
 * records (TMS-S-017). Amounts are added and subtracted exactly, so withdrawing a record restores
 * the book to what it would have been without it.
 */
export class LineBook {
  private readonly lines = new Map<string, LineAcc>();

  /** Adds (sign 1) or removes (sign −1) one record's priced lines. */
  apply(base: { model: string; service_tier: string; price_entry: string }, priced: readonly PriceLine[], sign: 1 | -1): void {
    for (const p of priced) {
      const id = `${base.model}\u0000${base.service_tier}\u0000${p.kind}\u0000${p.tier ?? ''}\u0001${base.price_entry}\u0000${p.unit}\u0000${p.unit_price}`;
      let acc = this.lines.get(id);
      if (!acc) {
        acc = { key: { ...base, kind: p.kind, tier: p.tier, unit: p.unit, unit_price: p.unit_price }, quantity: 0n, records: 0, amount: Decimal.zero };
        this.lines.set(id, acc);
      }
      const amount = Decimal.parse(p.amount);
      acc.quantity += sign === 1 ? BigInt(p.quantity) : -BigInt(p.quantity);
      acc.records += sign;
      acc.amount = sign === 1 ? acc.amount.add(amount) : acc.amount.sub(amount);
      if (acc.records === 0) this.lines.delete(id);
    }
  }

  /** Number of distinct line items so far. */
  get size(): number {
    return this.lines.size;
  }

  /**
   * The sorted line items with exact amounts and, at rounding level `line`, rounded amounts
   * (TMS-S-008), plus the exact sum and the sum of rounded lines.
   */
  items(rounding: { mode: RoundingMode; scale: number; level: 'line' | 'statement' }): { items: LineItem[]; exact: Decimal; roundedSum: Decimal } {
    const accs = [...this.lines.values()].sort((a, b) => compareLineKeys(a.key, b.key));
    let exact = Decimal.zero;
    let roundedSum = Decimal.zero;
    const items = accs.map((a): LineItem => {
      exact = exact.add(a.amount);
      const item: LineItem = {
        model: a.key.model,
        service_tier: a.key.service_tier,
        kind: a.key.kind,
        ...(a.key.tier !== undefined ? { tier: a.key.tier } : {}),
        price_entry: a.key.price_entry,
        unit: a.key.unit,
        unit_price: a.key.unit_price,
        quantity: a.quantity.toString(),
        records: a.records,
        amount_exact: a.amount.toString(),
      };
      if (rounding.level === 'line') {
        const r = a.amount.round(rounding.scale, rounding.mode);
        roundedSum = roundedSum.add(r);
        item.amount = r.toFixed(rounding.scale);
      }
      return item;
    });
    return { items, exact, roundedSum };
  }
}
