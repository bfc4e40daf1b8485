import { isTokencertError } from '../../errors/errors.js';
import { toCells, type UsageApi } from '../../measure/usageConventions.js';
import { compilePriceSheet } from '../../pricing/compilePriceSheet.js';
import { priceUsage } from '../../pricing/priceUsage.js';
import type { PriceLine, PriceSheet } from '../../pricing/types.js';
import type { Usage } from '../../schemas/types.gen.js';
import type { VectorGroup, VectorOutcome, VectorRunner, VectorTest } from '../types.js';
import { errorMessage } from '../../io/errnoCode.js';

/** The fields of a price vector test. */
export interface PriceTest extends VectorTest {
  model: string;
  at: string;
  service_tier?: string;
  usage?: Usage;
  native?: { api: UsageApi; usage: Record<string, unknown> };
  events?: Record<string, number>;
  expected?: { entry: string; lines?: PriceLine[]; total: string };
  expected_error?: string;
}

/** What pricing a test produced: a priced result or an error code with its message. */
export type PriceTestOutcome = { ok: true; entry: string; lines: PriceLine[]; total: string } | { ok: false; code: string; message: string };

const sheets = new WeakMap<object, PriceSheet>();

/** Compiles a group's inline sheet once. */
export function groupSheet(group: VectorGroup): PriceSheet {
  let s = sheets.get(group);
  if (!s) sheets.set(group, (s = compilePriceSheet(group.sheet, { file: '(vector sheet)' })));
  return s;
}

/** Prices one test with the reference implementation (native usages go through the measure conventions first). */
export function computePrice(t: PriceTest, sheet: PriceSheet): PriceTestOutcome {
  let usage = t.usage;
  if (t.native) {
    const c = toCells(t.native.api, t.native.usage);
    if (!c.ok) return { ok: false, code: 'input-invalid', message: c.message };
    usage = c.usage;
  }
  try {
    const r = priceUsage(sheet, { model: t.model, at: t.at, serviceTier: t.service_tier, usage: usage as Usage, events: t.events });
    if (!r.ok) return { ok: false, code: r.code, message: r.message };
    return { ok: true, entry: r.entry.id, lines: r.lines, total: r.total };
  } catch (e) {
    if (isTokencertError(e)) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

/** Runs price vectors (TMS-P-005 … TMS-P-017). */
export const priceRunner: VectorRunner = {
  kind: 'price',
  run(test, group): VectorOutcome {
    const t = test as PriceTest;
    let got: PriceTestOutcome;
    try {
      got = computePrice(t, groupSheet(group));
    } catch (e) {
      return { status: 'fail', message: `unexpected error: ${errorMessage(e)}` };
    }
    if (t.result === 'invalid') {
      if (got.ok) return { status: 'fail', message: 'priced a usage that must be rejected', expected: t.expected_error, observed: got.total };
      return got.code === t.expected_error
        ? { status: 'pass' }
        : { status: 'fail', message: 'wrong error code', expected: t.expected_error, observed: `${got.code}: ${got.message}` };
    }
    if (!got.ok) return { status: 'fail', message: `pricing failed: ${got.code}: ${got.message}`, expected: t.expected };
    const e = t.expected!;
    if (got.entry !== e.entry || got.total !== e.total)
      return {
        status: 'fail',
        message: 'wrong entry or total',
        expected: { entry: e.entry, total: e.total },
        observed: { entry: got.entry, total: got.total },
      };
    if (e.lines && JSON.stringify(got.lines) !== JSON.stringify(e.lines))
      return { status: 'fail', message: 'wrong lines', expected: e.lines, observed: got.lines };
    return { status: 'pass' };
  },
};
