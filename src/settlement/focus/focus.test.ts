// FOCUS 1.2 rows of a statement (TMS-S-023): every row passes the FOCUS column rules, decimals are
// exact, and the rows reconcile to the statement: Σ BilledCost = totals.amount, Σ ListCost =
// totals.amount_exact. The rule checker itself is shown to fail on rows that break each rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../money/Decimal.js';
import { sampleRecords, sampleSheet } from '../../testing/sampleRecords.js';
import { settleValues } from '../settleValues.js';
import { checkFocusRows, checkOwnRows } from './checkFocusRows.js';
import { focusFile } from './focusFile.js';
import { FOCUS_COLUMNS, focusRows, type FocusRow } from './focusRows.js';

const FROM = '2026-01-01T00:00:00Z';
const UNTIL = '2026-02-01T00:00:00Z';
const sum = (rows: FocusRow[], c: keyof FocusRow) => rows.reduce((s, r) => s.add(Decimal.parse(r[c] ?? '0')), Decimal.zero);
const parties = { account: 'acct-1', provider: 'Example AI' };

/** A small RFC 4180 reader for the CSV the writer produces (quoted text, bare numbers, empty = null). */
function readCsv(text: string): { header: string[]; rows: Record<string, string | null>[] } {
  const split = (l: string): (string | null)[] => {
    const out: (string | null)[] = [];
    let i = 0;
    for (;;) {
      if (l[i] === '"') {
        let v = '';
        i++;
        while (!(l[i] === '"' && l[i + 1] !== '"')) (v += l[i] === '"' ? (i++, '"') : l[i]), i++;
        out.push(v);
        i++;
      } else {
        const end = l.indexOf(',', i) < 0 ? l.length : l.indexOf(',', i);
        out.push(end === i ? null : l.slice(i, end));
        i = end;
      }
      if (i >= l.length) return out;
      i++; // the comma
      if (i === l.length) return [...out, null];
    }
  };
  const lines = text.split('\r\n').filter(Boolean).map(split);
  const header = lines[0] as string[];
  return { header, rows: lines.slice(1).map((cells) => Object.fromEntries(header.map((h, k) => [h, cells[k] ?? null]))) };
}

describe('FOCUS rows of a statement (TMS-S-023)', () => {
  it('pass the FOCUS 1.2 column rules and reconcile to the statement at every rounding level and mode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('line', 'statement'),
        fc.constantFrom('half_even', 'up', 'down'),
        fc.integer({ min: 0, max: 4 }),
        (n, seed, level, mode, scale) => {
          const { statement } = settleValues(sampleRecords(n, seed), { sheet: sampleSheet(), from: FROM, until: UNTIL, rounding: { level, mode, scale } });
          const rows = focusRows(statement, parties);
          expect(checkOwnRows(rows)).toEqual([]);
          expect(sum(rows, 'BilledCost').eq(Decimal.parse(statement.totals.amount))).toBe(true);
          expect(
            sum(
              rows.filter((r) => r.ChargeCategory === 'Usage'),
              'ListCost',
            ).eq(Decimal.parse(statement.totals.amount_exact)),
          ).toBe(true);
          expect(rows.filter((r) => r.ChargeCategory === 'Usage').length).toBe(statement.line_items.length);
          // The CSV reads back to rows that pass the same rules.
          const { header, rows: back } = readCsv(focusFile(statement, parties).csv);
          expect(header).toEqual([...FOCUS_COLUMNS]);
          expect(checkFocusRows(header, back)).toEqual([]);
          expect(back).toEqual(rows);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('states pricing quantities per pricing unit exactly, with the SKU, currency and period (TMS-S-023)', () => {
    const { statement } = settleValues(sampleRecords(3, 7), { sheet: sampleSheet(), from: FROM, until: UNTIL });
    const l = statement.line_items[0];
    const r = focusRows(statement, parties)[0];
    expect(r.PricingUnit).toBe(`${l.unit} Tokens`);
    expect(r.ConsumedQuantity).toBe(l.quantity);
    expect(
      Decimal.parse(r.PricingQuantity!)
        .mul(Decimal.fromBigInt(BigInt(l.unit)))
        .eq(Decimal.parse(l.quantity)),
    ).toBe(true);
    expect(r.SkuId).toBe(l.price_entry);
    expect(r.BillingCurrency).toBe(statement.currency);
    expect([r.ChargePeriodStart, r.ChargePeriodEnd]).toEqual([FROM, UNTIL]);
  });

  it('the rule checker finds rows that break FOCUS rules (TMS-S-023)', () => {
    const { statement } = settleValues(sampleRecords(5, 3), { sheet: sampleSheet(), from: FROM, until: UNTIL });
    const good = focusRows(statement, parties)[0];
    const broken: [string, Partial<FocusRow>, string][] = [
      ['P × Q ≠ ListCost', { ListCost: '999' }, 'ListCost'],
      ['a plus sign', { BilledCost: '+1' }, 'BilledCost'],
      ['a thousands separator', { EffectiveCost: '1,000' }, 'EffectiveCost'],
      ['a null mandatory value', { ServiceName: null }, 'ServiceName'],
      ['a date with an offset', { ChargePeriodStart: '2026-01-01T00:00:00+01:00' }, 'ChargePeriodStart'],
      ['an unknown charge category', { ChargeCategory: 'Fee' }, 'ChargeCategory'],
      ['a Usage row without SKU', { SkuId: null }, 'SkuId'],
      ['a unit without its quantity', { PricingUnit: null }, 'PricingUnit'],
      ['a lower-case unit', { ConsumedUnit: 'tokens' }, 'ConsumedUnit'],
      ['a negative unit price', { ListUnitPrice: '-1', ListCost: Decimal.parse(good.PricingQuantity!).neg().toString() }, 'ListUnitPrice'],
      ['an end before the start', { ChargePeriodEnd: '2025-12-01T00:00:00Z' }, 'ChargePeriodEnd'],
      ['a currency that is not ISO 4217', { BillingCurrency: 'usd' }, 'BillingCurrency'],
    ];
    for (const [why, change, column] of broken) {
      const found = checkOwnRows([{ ...good, ...change }]);
      expect(
        found.map((v) => v.column),
        why,
      ).toContain(column);
    }
    const { BilledCost: _drop, ...rest } = good;
    expect(
      checkFocusRows(
        FOCUS_COLUMNS.filter((c) => c !== 'BilledCost'),
        [rest],
      ).map((v) => v.column),
    ).toContain('BilledCost');
  });

  it('refuses a statement whose period the FOCUS date format cannot state, naming the rule (TMS-S-023)', () => {
    const { statement } = settleValues(sampleRecords(2, 1), { sheet: sampleSheet(), from: '2026-01-01T00:00:00.5Z', until: UNTIL });
    expect(() => focusFile(statement, parties, 'x.csv')).toThrow(/datetime_format\.md/);
  });
});
