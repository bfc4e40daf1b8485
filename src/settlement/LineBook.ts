import { Decimal } from '../money/Decimal.js';
import type { RoundingMode } from '../money/rounding.js';
import type { PriceLine } from '../pricing/types.js';
import type { LineItem } from '../schemas/types.gen.js';

/** What identifies a line item (TMS-S-006): records whose priced lines share all of these share a line. */
export interface LineKey {
  readonly model: string;
  readonly service_tier: string;
  readonly kind: string;
  readonly tier?: string;
  readonly price_entry: string;
  readonly unit: number;
  readonly unit_price: string;
}

/** A line item before rounding, as partial audits store it (mergeable across shards). */
export interface ExactLine extends LineKey {
  readonly quantity: string;
  readonly records: number;
  readonly amount_exact: string;
}

/** One line item's accumulator; callers hold it as a handle (LineBook.line) and add through the book. */
export interface LineHandle {
  readonly key: LineKey;
  quantity: bigint;
  records: number;
  /** The exact amount as coef / 10^scale, kept as BigInt so adding never re-parses or normalises. */
  coef: bigint;
  scale: number;
  /** Quantity applied since the last fold, as a plain integer (cheaper than BigInt per record). */
  pending: number;
  /** The line's unit price ÷ unit as coef / 10^scale: the amount of one unit of quantity. */
  readonly perUnit: { readonly coef: bigint; readonly scale: number };
}

type Acc = LineHandle;

/**
 * Folds an accumulator's pending quantity into its quantity and amount: the amount of a line is
 * its quantity × unit price ÷ unit exactly (TMS-S-006: every line is linear), so the amounts of
 * many records on one line are one multiplication of their summed quantity.
 */
function fold(a: Acc): void {
  if (a.pending === 0) return;
  const q = BigInt(a.pending);
  a.pending = 0;
  a.quantity += q;
  addTo(a, a.perUnit.coef * q, a.perUnit.scale);
}

/** The amount of one unit of quantity on a line: unit price ÷ unit, where unit is a power of ten. */
function perUnit(k: LineKey): Acc['perUnit'] {
  const exp = String(k.unit).length - 1;
  if (!Number.isSafeInteger(k.unit) || String(k.unit) !== `1${'0'.repeat(exp)}`) throw new RangeError(`LineBook: unit ${k.unit} is not a power of ten`);
  const p = Decimal.parse(k.unit_price);
  return { coef: p.coef, scale: p.scale + exp };
}

/** Orders line keys by their fields (code-unit order for text, numeric for unit and unit price): the line-item order of TMS-S-006. */
export function compareLineKeys(a: LineKey, b: LineKey): number {
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

const pow10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));
const p10 = (n: number): bigint => pow10[n] ?? 10n ** BigInt(n);

/** A plain decimal string (as priceUsage writes amounts) as signed coef and scale. */
function scaled(s: string): { coef: bigint; scale: number } {
  const dot = s.indexOf('.');
  return dot < 0 ? { coef: BigInt(s), scale: 0 } : { coef: BigInt(s.slice(0, dot) + s.slice(dot + 1)), scale: s.length - dot - 1 };
}

function addTo(a: Acc, coef: bigint, scale: number): void {
  if (scale > a.scale) {
    a.coef *= p10(scale - a.scale);
    a.scale = scale;
  }
  a.coef += scale < a.scale ? coef * p10(a.scale - scale) : coef;
}

/**
 * The running line items of a settlement or an audit — the one line-item engine (TMS-S-006): per
 * line, the summed quantity, the number of records and the exact amount. Memory grows with the
 * number of distinct lines, never with records (TMS-S-017). Amounts are added and taken back
 * exactly, so withdrawing a record restores the book; books of disjoint shards merge into the book
 * of one run (TMS-A-009).
 */
export class LineBook {
  /** Accumulators by model/tier/entry, then by kind/tier/unit/unit price: two short keys, not one long one per line. */
  private readonly bases = new Map<string, Map<string, Acc>>();

  private acc(k: LineKey): Acc {
    const bk = `${k.model}\u0000${k.service_tier}\u0000${k.price_entry}`;
    let base = this.bases.get(bk);
    if (!base) this.bases.set(bk, (base = new Map()));
    const lk = `${k.kind}\u0000${k.tier ?? ''}\u0000${k.unit}\u0000${k.unit_price}`;
    let a = base.get(lk);
    if (!a) {
      a = {
        key: {
          model: k.model,
          service_tier: k.service_tier,
          kind: k.kind,
          ...(k.tier !== undefined ? { tier: k.tier } : {}),
          price_entry: k.price_entry,
          unit: k.unit,
          unit_price: k.unit_price,
        },
        quantity: 0n,
        records: 0,
        coef: 0n,
        scale: 0,
        pending: 0,
        perUnit: perUnit(k),
      };
      base.set(lk, a);
    }
    return a;
  }

  /**
   * Adds (sign 1) or removes (sign −1) one record's priced lines. Only quantities are summed: a
   * line's amount follows from them (fold), equal to the sum of the lines' own amounts, which are
   * quantity × unit price ÷ unit (priceUsage).
   */
  apply(base: { model: string; service_tier: string; price_entry: string }, priced: readonly PriceLine[], sign: 1 | -1): void {
    const lines = this.bases.get(`${base.model}\u0000${base.service_tier}\u0000${base.price_entry}`);
    for (const p of priced) {
      // Fast path: the accumulator exists; only a new line builds its key object.
      const a =
        lines?.get(`${p.kind}\u0000${p.tier ?? ''}\u0000${p.unit}\u0000${p.unit_price}`) ??
        this.acc({ ...base, kind: p.kind, ...(p.tier !== undefined ? { tier: p.tier } : {}), unit: p.unit, unit_price: p.unit_price });
      this.add(a, sign * p.quantity, sign);
    }
  }

  /**
   * The accumulator of one line, for a caller that adds many records of the same lines (the
   * auditor's packed outcomes): resolve once, then `add` per record.
   */
  line(base: { model: string; service_tier: string; price_entry: string }, p: Omit<PriceLine, 'quantity' | 'amount'>): LineHandle {
    return this.acc({ ...base, kind: p.kind, ...(p.tier !== undefined ? { tier: p.tier } : {}), unit: p.unit, unit_price: p.unit_price });
  }

  /** Adds `quantity` (negative to take back) and `records` (1 or −1) to a line. */
  add(line: LineHandle, quantity: number, records: number): void {
    // Fold first when the sum could leave the doubles' exact integers (a record may bring 2^53 − 1).
    if (Math.abs(line.pending) + Math.abs(quantity) > Number.MAX_SAFE_INTEGER) fold(line);
    line.pending += quantity;
    line.records += records;
  }

  /** Adds the exact lines of another book (a partial audit's). */
  merge(lines: readonly ExactLine[]): void {
    for (const l of lines) {
      const a = this.acc(l);
      const amt = scaled(l.amount_exact);
      a.quantity += BigInt(l.quantity);
      a.records += l.records;
      addTo(a, amt.coef, amt.scale);
    }
  }

  private live(): Acc[] {
    const out: Acc[] = [];
    for (const m of this.bases.values())
      for (const a of m.values()) {
        fold(a);
        if (a.records !== 0) out.push(a);
      }
    return out.sort((a, b) => compareLineKeys(a.key, b.key));
  }

  /** Number of distinct line items with records. */
  get size(): number {
    return this.live().length;
  }

  /** The exact lines, sorted, without empty ones. */
  exact(): ExactLine[] {
    return this.live().map((a) => ({
      ...a.key,
      quantity: a.quantity.toString(),
      records: a.records,
      amount_exact: Decimal.fromScaled(a.coef, a.scale).toString(),
    }));
  }

  /**
   * The sorted line items with exact amounts and, at rounding level `line`, rounded amounts
   * (TMS-S-008), plus the exact sum and the sum of rounded lines.
   */
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
