import { canonicalJson } from '../../digest/canonicalJson.js';
import { Decimal } from '../../money/Decimal.js';
import { compilePriceSheet } from '../../pricing/compilePriceSheet.js';
import { priceUsage } from '../../pricing/priceUsage.js';
import type { PriceSheet } from '../../pricing/types.js';
import { isRecord } from '../../io/isRecord.js';
import type { Answer, HarnessCostResult, HarnessUsageResult, UsageCell } from '../../schemas/types.gen.js';
import { mergeCells, parseCellKey } from './cellKeys.js';
import type { HarnessCase, ImpactPrices } from './harnessCases.js';

/** A JSON object: what a judgement shows as expected and observed. */
type JsonObject = Readonly<Record<string, unknown>>;

/** A judged answer: pass, or fail with what differed and, where the vector has prices, what it costs. */
export type Judgement =
  | { readonly status: 'pass'; readonly note?: string; readonly expected: JsonObject; readonly observed: JsonObject }
  | {
      readonly status: 'fail';
      readonly message: string;
      readonly expected: JsonObject;
      readonly observed: JsonObject;
      readonly impact?: { currency: string; amount: string };
    };

/** Relative tolerance granted to a library that declares float64 arithmetic: |Δ| × 10^9 ≤ |expected|. */
const FLOAT_EXPONENT = 9n;

const sheets = new WeakMap<object, PriceSheet>();

function sheetOf(source: unknown): PriceSheet {
  const compile = (): PriceSheet => compilePriceSheet(structuredClone(source), { file: '(vector sheet)' });
  // Only an object can key the cache; anything else is rejected by the compiler anyway.
  if (!isRecord(source)) return compile();
  let s = sheets.get(source);
  if (!s) sheets.set(source, (s = compile()));
  return s;
}

/** Prices keyed cells at the vector's prices with the reference pricer, or undefined when a cell has no price. */
function priceCells(p: ImpactPrices, cells: Readonly<Record<string, number>>): { currency: string; total: Decimal } | undefined {
  const list: UsageCell[] = [];
  for (const [k, n] of Object.entries(cells)) {
    const c = parseCellKey(k, n);
    if (!c) return undefined;
    list.push(c);
  }
  try {
    const sheet = sheetOf(p.sheet);
    const r = priceUsage(sheet, { model: p.model, at: p.at, serviceTier: p.service_tier, usage: { cells: list }, events: p.events });
    return r.ok ? { currency: sheet.currency, total: Decimal.parse(r.total) } : undefined;
  } catch {
    return undefined;
  }
}

function fail(message: string, expected: JsonObject, observed: JsonObject, impact?: { currency: string; amount: string }): Judgement {
  return { status: 'fail', message, expected, observed, ...(impact ? { impact } : {}) };
}

function judgeUsage(c: Extract<HarnessCase, { kind: 'usage' }>, r: HarnessUsageResult): Judgement {
  const merged = r.not_expressible ?? [];
  const expected = mergeCells(c.expected.cells, merged);
  const observed = mergeCells(r.cells, merged);
  if (canonicalJson(expected) === canonicalJson(observed)) return { status: 'pass', expected, observed };
  let impact: { currency: string; amount: string } | undefined;
  if (c.impact) {
    // A negative observed cell (the library's fields contradict each other) is priced as a credit:
    // what a pricer summing the library's cells would charge.
    const pos = Object.fromEntries(Object.entries(observed).filter(([, n]) => n > 0));
    const neg = Object.fromEntries(
      Object.entries(observed)
        .filter(([, n]) => n < 0)
        .map(([k, n]) => [k, -n]),
    );
    const want = priceCells(c.impact, expected);
    const got = priceCells(c.impact, pos);
    const credit = Object.keys(neg).length ? priceCells(c.impact, neg) : { currency: want?.currency ?? '', total: Decimal.zero };
    if (want && got && credit) impact = { currency: want.currency, amount: got.total.sub(credit.total).sub(want.total).toString() };
  }
  return fail('cells differ', expected, observed, impact);
}

function judgeCost(c: Extract<HarnessCase, { kind: 'cost' }>, r: HarnessCostResult): Judgement {
  const want = c.expected;
  const observed = { currency: r.currency, total: r.total };
  if (r.currency !== want.currency) return fail('currency differs', want, observed);
  const diff = Decimal.parse(r.total).sub(Decimal.parse(want.total));
  if (diff.isZero()) return { status: 'pass', expected: want, observed };
  const abs = (d: Decimal): Decimal => (d.sign() < 0 ? d.neg() : d);
  if (
    r.arithmetic === 'float64' &&
    abs(diff)
      .mul(Decimal.fromBigInt(10n ** FLOAT_EXPONENT))
      .cmp(abs(Decimal.parse(want.total))) <= 0
  ) {
    return { status: 'pass', note: `equal within float64 rounding (difference ${diff.toString()})`, expected: want, observed };
  }
  return fail('total differs', want, observed, { currency: want.currency, amount: diff.toString() });
}

/**
 * Compares an implementation's result with what the reference expects for the case (TMS-H-005,
 * TMS-H-006): counts exactly, usage cell by cell after merging what the library cannot express,
 * money as exact decimals (float64 libraries within relative 1e-9), statements byte for byte.
 */
export function judgeAnswer(c: HarnessCase, result: NonNullable<Answer['result']>): Judgement {
  // A copy as a plain JSON object: what the evidence shows as observed.
  const observed: JsonObject = { ...result };
  switch (c.kind) {
    case 'text-count':
      return 'count' in result && result.count === c.expected.count
        ? { status: 'pass', expected: c.expected, observed }
        : fail('count differs', c.expected, observed);
    case 'chat-count':
      return 'prompt_tokens' in result && result.prompt_tokens === c.expected.prompt_tokens
        ? { status: 'pass', expected: c.expected, observed }
        : fail('prompt_tokens differ', c.expected, observed);
    case 'usage':
      if (!('cells' in result) || typeof result.cells !== 'object' || result.cells === null) return fail('result has no cells', c.expected, observed);
      return judgeUsage(c, result);
    case 'cost':
      if (!('total' in result) || typeof result.total !== 'string' || !Decimal.isDecimalString(result.total))
        return fail('result has no decimal total', c.expected, observed);
      return judgeCost(c, result);
    case 'settlement': {
      const want = c.expected;
      const same = canonicalJson(want) === canonicalJson(result);
      return same
        ? { status: 'pass', expected: want, observed }
        : fail('refused' in want && want.refused !== undefined ? 'refusal differs' : 'statement differs', want, observed);
    }
  }
}
