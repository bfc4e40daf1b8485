// The line-item engine sums quantities and derives each line's amount (TMS-S-006): the result must
// equal the sum of the records' own line amounts, whatever the order, signs and unit prices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/Decimal.js';
import type { PriceLine } from '../pricing/types.js';
import { LineBook } from './LineBook.js';

const unitPrice = fc.tuple(fc.nat({ max: 99999 }), fc.nat({ max: 9 })).map(([c, s]) => Decimal.fromScaled(BigInt(c), s).toString());
const line = fc.record({
  kind: fc.constantFrom('input/none/text', 'output/none/text/answer', 'request-fee'),
  unit: fc.constantFrom(1, 1000, 1_000_000),
  unit_price: unitPrice,
  quantity: fc.oneof(fc.nat({ max: 5000 }), fc.constant(2 ** 52), fc.constant(2 ** 53 - 1)),
});
// A record's line as priceUsage writes it: amount = quantity × unit price ÷ unit, exactly.
const priced = (l: { kind: string; unit: number; unit_price: string; quantity: number }): PriceLine => ({
  ...l,
  amount: Decimal.fromScaled(Decimal.parse(l.unit_price).coef * BigInt(l.quantity), Decimal.parse(l.unit_price).scale + String(l.unit).length - 1).toString(),
});

describe('LineBook (TMS-S-006)', () => {
  it('TMS-S-006: each line item totals its records’ quantities and exact amounts, records added and withdrawn', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, fc.boolean()), { maxLength: 40 }), (ops) => {
        const book = new LineBook();
        const base = { model: 'm', service_tier: 'standard', price_entry: 'e' };
        const want = new Map<string, { q: bigint; n: number; amount: Decimal }>();
        for (const [l, withdrawAfter] of ops) {
          const p = priced(l);
          const signs: (1 | -1)[] = withdrawAfter ? [1, 1, -1] : [1];
          for (const sign of signs) {
            book.apply(base, [p], sign);
            const k = `${p.kind}|${p.unit}|${Decimal.parse(p.unit_price).toString()}`;
            const w = want.get(k) ?? { q: 0n, n: 0, amount: Decimal.zero };
            const amt = Decimal.parse(p.amount);
            want.set(k, { q: w.q + BigInt(sign) * BigInt(p.quantity), n: w.n + sign, amount: sign === 1 ? w.amount.add(amt) : w.amount.sub(amt) });
          }
        }
        const got = new Map<string, { q: bigint; n: number; amount: Decimal }>();
        for (const x of book.exact()) {
          const k = `${x.kind}|${x.unit}|${Decimal.parse(x.unit_price).toString()}`;
          const g = got.get(k) ?? { q: 0n, n: 0, amount: Decimal.zero };
          got.set(k, { q: g.q + BigInt(x.quantity), n: g.n + x.records, amount: g.amount.add(Decimal.parse(x.amount_exact)) });
        }
        for (const [k, w] of want) {
          if (w.n === 0) continue;
          const g = got.get(k);
          expect(g?.q, k).toBe(w.q);
          expect(g?.n, k).toBe(w.n);
          expect(g?.amount.eq(w.amount), k).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('TMS-S-006: stays exact when one line sums quantities beyond 2^53, added and withdrawn', () => {
    const book = new LineBook();
    const base = { model: 'm', service_tier: 'standard', price_entry: 'e' };
    const big = 2 ** 53 - 1;
    const line = (quantity: number): PriceLine => priced({ kind: 'input/none/text', unit: 1_000_000, unit_price: '3', quantity });
    for (const q of [2, big, big, 3]) book.apply(base, [line(q)], 1);
    book.apply(base, [line(big)], -1);
    const [x] = book.exact();
    const want = 5n + BigInt(big);
    expect(x.quantity).toBe(want.toString());
    expect(x.records).toBe(3);
    expect(x.amount_exact).toBe(Decimal.fromScaled(want * 3n, 6).toString());
  });
});
