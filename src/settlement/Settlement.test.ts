import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../digest/canonicalJson.js';
import { Decimal } from '../money/Decimal.js';
import { priceUsage } from '../pricing/priceUsage.js';
import type { MeasurementRecord } from '../schemas/types.gen.js';
import { compilePriceSheet } from '../pricing/compilePriceSheet.js';
import { sampleRecord, sampleRecords, sampleSheet, sampleSheetSource } from '../testing/sampleRecords.js';
import { settleValues } from './settleValues.js';

const sheet = sampleSheet();
const period = { from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' };
const pool = sampleRecords(60, 7, true);
const opts = (rounding?: { mode?: string; level?: string; scale?: number }) => ({ sheet, ...period, rounding });
const bytes = (rs: readonly unknown[], rounding?: { mode?: string; level?: string }) => canonicalJson(settleValues(rs, opts(rounding)).statement);

/** A subset of the pool, as an arbitrary. */
const subset = fc.subarray(pool, { minLength: 0, maxLength: 40 });
/**
 * A subset, plus duplicates of some of its records, in a random order: built by arbitraries alone
 * (no sampling inside the property), so a failure shrinks to the fewest records and duplicates.
 */
const withDupsShuffled = subset.chain((rs) =>
  fc.array(fc.nat(), { maxLength: 15 }).chain((dupIdx) => {
    const all = [...rs, ...(rs.length ? dupIdx.map((i) => structuredClone(rs[i % rs.length])) : [])];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }).map((shuffled) => ({ rs, shuffled }));
  }),
);
const cost = (r: MeasurementRecord) => {
  const p = priceUsage(sheet, { model: r.model, at: r.time, serviceTier: r.service_tier, usage: r.usage });
  if (!p.ok) throw new Error(p.message);
  return Decimal.parse(p.total);
};
const inPeriod = (r: MeasurementRecord) => r.time >= period.from && r.time < period.until;

describe('Settlement (TMS-S part)', () => {
  it('TMS-S-014: the same records in any order, with any duplicates, give byte-identical statements', () => {
    fc.assert(
      fc.property(withDupsShuffled, ({ rs, shuffled }) => {
        expect(bytes(shuffled)).toBe(bytes(rs));
      }),
      { numRuns: 40 },
    );
  });

  it('TMS-S-004: an identical duplicate counts once (duplicate idempotency)', () => {
    fc.assert(
      fc.property(subset, (rs) => {
        const once = settleValues(rs, opts());
        const twice = settleValues([...rs, ...rs], opts());
        expect(canonicalJson(twice.statement)).toBe(canonicalJson(once.statement));
        expect(twice.tally.duplicates).toBe(rs.length);
      }),
      { numRuns: 30 },
    );
  });

  it('TMS-S-010, TMS-S-018: Σ line exact amounts = Σ per-record exact costs = totals.amount_exact', () => {
    fc.assert(
      fc.property(subset, (rs) => {
        const st = settleValues(rs, opts()).statement;
        const lines = st.line_items.reduce((a, l) => a.add(Decimal.parse(l.amount_exact)), Decimal.zero);
        const records = rs.filter(inPeriod).reduce((a, r) => a.add(cost(r)), Decimal.zero);
        expect(lines.toString()).toBe(records.toString());
        expect(st.totals.amount_exact).toBe(records.toString());
        for (const l of st.line_items) {
          // Each line is linear: quantity × unit price ÷ unit (TMS-S-006 groups by unit price).
          expect(Decimal.parse(l.quantity).mul(Decimal.parse(l.unit_price)).divInt(BigInt(l.unit), 30, 'down').toString()).toBe(
            Decimal.parse(l.amount_exact).toString(),
          );
        }
      }),
      { numRuns: 30 },
    );
  });

  it('TMS-S-008: each rounded line is within half a unit of its exact amount under the half-* modes, and the total is their sum', () => {
    fc.assert(
      fc.property(subset, fc.constantFrom('half_even', 'half_up', 'half_down'), fc.integer({ min: 0, max: 4 }), (rs, mode, scale) => {
        const st = settleValues(rs, opts({ mode, scale })).statement;
        const half = Decimal.parse('0.5').divInt(10n ** BigInt(scale), scale + 1, 'down');
        let sum = Decimal.zero;
        for (const l of st.line_items) {
          const d = Decimal.parse(l.amount!).sub(Decimal.parse(l.amount_exact));
          expect(d.sign() < 0 ? d.neg().cmp(half) : d.cmp(half)).toBeLessThanOrEqual(0);
          sum = sum.add(Decimal.parse(l.amount!));
        }
        expect(Decimal.parse(st.totals.amount).eq(sum)).toBe(true);
        expect(Decimal.parse(st.totals.rounding_difference).eq(sum.sub(Decimal.parse(st.totals.amount_exact)))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('TMS-S-009: level statement differs from level line only in rounded line amounts, total and rounding difference', () => {
    fc.assert(
      fc.property(subset, fc.constantFrom('half_even', 'half_up', 'up', 'floor'), (rs, mode) => {
        const line = settleValues(rs, opts({ mode, level: 'line' })).statement;
        const stmt = settleValues(rs, opts({ mode, level: 'statement' })).statement;
        const exact = Decimal.parse(stmt.totals.amount_exact);
        expect(stmt.totals.amount).toBe(exact.round(2, mode).toFixed(2));
        for (const l of stmt.line_items) expect(l.amount).toBeUndefined();
        const strip = (s: typeof line) => ({
          ...s,
          rounding: { ...s.rounding, level: 'x' },
          totals: { ...s.totals, amount: 'x', rounding_difference: 'x' },
          line_items: s.line_items.map(({ amount: _a, ...l }) => l),
        });
        expect(strip(stmt)).toEqual(strip(line));
      }),
      { numRuns: 30 },
    );
  });

  it("TMS-S-018: adding a record never changes other records' costs (lines change by exactly its own priced lines)", () => {
    fc.assert(
      fc.property(subset, fc.nat(1000), (rs, k) => {
        const extra = sampleRecord(900000 + k, { time: '2026-01-15T12:00:00Z', model: ['gpt-4o', 'mini', 'long'][k % 3], input: 300000 * (k % 2), output: k });
        const before = settleValues(rs, opts()).statement;
        const after = settleValues([...rs, extra], opts()).statement;
        expect(Decimal.parse(after.totals.amount_exact).sub(Decimal.parse(before.totals.amount_exact)).eq(cost(extra))).toBe(true);
        const p = priceUsage(sheet, { model: extra.model, at: extra.time, usage: extra.usage });
        if (!p.ok) throw new Error(p.message);
        const touched = new Set(p.lines.map((l) => `${extra.model}|${l.kind}|${l.tier ?? ''}|${l.unit_price}`));
        for (const l of before.line_items) {
          if (touched.has(`${l.model}|${l.kind}|${l.tier ?? ''}|${l.unit_price}`) && l.service_tier === 'standard') continue;
          expect(after.line_items).toContainEqual(l);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('TMS-S-005: a conflicting id bills no version, is listed with every version, and leaves the rest as if it were absent', () => {
    fc.assert(
      fc.property(
        subset.filter((rs) => rs.some(inPeriod)),
        fc.boolean(),
        (rs, conflictFirst) => {
          const victim = rs.find(inPeriod)!;
          const other: MeasurementRecord = { ...victim, usage: { cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: 1 }] } };
          const input = conflictFirst ? [other, ...rs] : [...rs, other];
          const st = settleValues(input, opts()).statement;
          const without = settleValues(
            rs.filter((r) => r.record_id !== victim.record_id),
            opts(),
          ).statement;
          expect(st.conflicts.map((c) => c.record_id)).toEqual([victim.record_id]);
          expect(st.conflicts[0].versions).toHaveLength(2);
          expect({ ...st, conflicts: [], counts: { ...st.counts, conflicting: 0 } }).toEqual(without);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('TMS-S-001, TMS-S-002: the period is half-open and compared to the nanosecond; outside records are listed by id and digest', () => {
    const at = (i: number, time: string) => sampleRecord(i, { time });
    const rs = [
      at(1, '2026-01-01T00:00:00Z'),
      at(2, '2025-12-31T23:59:59.999999999Z'),
      at(3, '2026-01-31T23:59:59.9999999Z'),
      at(4, '2026-02-01T00:00:00Z'),
      at(5, '2026-02-01T00:00:00.000000001Z'),
    ];
    const st = settleValues(rs, opts()).statement;
    expect(st.counts).toEqual({ billed: 2, excluded: 3, conflicting: 0 });
    expect(st.excluded.map((e) => [e.record_id, e.reason])).toEqual([
      ['rec-00000002', 'before-period'],
      ['rec-00000004', 'after-period'],
      ['rec-00000005', 'after-period'],
    ]);
    expect(() => settleValues([], { sheet, from: period.until, until: period.from })).toThrow(/period is empty/);
    expect(() => settleValues([], { sheet, from: '2026-01-01T00:00:00+01:00', until: period.until })).toThrow(/RFC 3339 UTC/);
  });

  it('TMS-S-019: an unpriceable in-period record stops the settlement with its place; the same out of period is only excluded', () => {
    const bad = sampleRecord(1, { time: '2026-01-02T00:00:00Z', model: 'gpt-4-o' });
    expect(() => settleValues([bad], opts(), 'r.jsonl')).toThrow(
      expect.objectContaining({ code: 'unknown-model', location: { file: 'r.jsonl', line: 1, pointer: '/model' } }),
    );
    expect(() => settleValues([bad], opts())).toThrow(/nearest known: gpt-4o/);
    expect(settleValues([{ ...bad, time: '2026-03-01T00:00:00Z' }], opts()).statement.counts.excluded).toBe(1);
    expect(() => settleValues([{ ...bad, model: 'gpt-4o', extra: 1 }], opts(), 'r.jsonl')).toThrow(
      expect.objectContaining({ code: 'input-invalid', location: expect.objectContaining({ line: 1, pointer: '/extra' }) }),
    );
  });

  it('TMS-S-012, TMS-S-021: an empty settlement commits to the empty tree and zero totals', () => {
    const st = settleValues([], opts()).statement;
    expect(st.merkle).toEqual({
      algorithm: 'rfc9162-sha256',
      leaves: 'sorted-record-sha256',
      size: 0,
      root: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect(st.totals).toEqual({ amount_exact: '0', amount: '0.00', rounding_difference: '0' });
  });

  it("TMS-P-012, TMS-S-018: a web search in a record's native usage is billed as in `tokencert price`; a bad count stops the run", () => {
    const base = sampleRecord(1, { time: '2026-01-02T00:00:00Z', model: 'gpt-4o' });
    const withSearch = {
      ...base,
      api: 'anthropic-messages' as const,
      native_usage: { input_tokens: 1000, output_tokens: 200, server_tool_use: { web_search_requests: 2 } },
    };
    const src = structuredClone(sampleSheetSource) as unknown as { entries: Record<string, unknown>[] };
    src.entries[0].fees = { web_search: '0.01' };
    const feeSheet = compilePriceSheet(src, { file: 'fee-sheet' });
    const st = settleValues([withSearch], { sheet: feeSheet, ...period }).statement;
    const fee = st.line_items.find((l) => l.kind === 'fee:web_search');
    // 2 searches × 0.01 (the fee set above), beside 1000 × 2.5 / 1e6 + 200 × 10 / 1e6 = 0.0045 of tokens.
    expect(fee).toMatchObject({ quantity: '2', unit_price: '0.01', amount_exact: '0.02' });
    expect(st.totals.amount_exact).toBe('0.0245');
    const bad = { ...withSearch, native_usage: { ...withSearch.native_usage, server_tool_use: { web_search_requests: 1.5 } } };
    expect(() => settleValues([bad], { sheet: feeSheet, ...period }, 'r.jsonl')).toThrow(
      expect.objectContaining({ code: 'input-invalid', location: { file: 'r.jsonl', line: 1, pointer: '/native_usage/server_tool_use/web_search_requests' } }),
    );
  });
});
