import { Decimal } from '../../money/Decimal.js';
import { minorUnits } from '../../money/currencies.js';
import type { RoundingMode } from '../../money/rounding.js';
import type { VectorOutcome, VectorRunner, VectorTest } from '../types.js';
import { errorMessage } from '../../io/errnoCode.js';

interface MoneyTest extends VectorTest {
  op: 'round' | 'mul-round' | 'lines' | 'parse' | 'minor-units';
  value?: string;
  a?: string;
  b?: string;
  lines?: string[];
  level?: 'line' | 'total';
  scale?: number;
  mode?: RoundingMode;
  currency?: string;
  at?: string;
  expected?: string | number;
}

/** Computes one money test with the reference implementation; throws on invalid input. */
export function computeMoney(t: MoneyTest): string | number {
  switch (t.op) {
    case 'parse':
      return Decimal.parse(t.value!).toString();
    case 'round':
      return Decimal.parse(t.value!).round(t.scale!, t.mode!).toFixed(t.scale!);
    case 'mul-round':
      return Decimal.parse(t.a!).mul(Decimal.parse(t.b!)).round(t.scale!, t.mode!).toFixed(t.scale!);
    case 'lines': {
      const ds = t.lines!.map((l) => Decimal.parse(l));
      const sum =
        t.level === 'line'
          ? ds.reduce((s, d) => s.add(d.round(t.scale!, t.mode!)), Decimal.zero)
          : ds.reduce((s, d) => s.add(d), Decimal.zero).round(t.scale!, t.mode!);
      return sum.toFixed(t.scale!);
    }
    case 'minor-units':
      return minorUnits(t.currency!, t.at);
  }
}

/** Runs money vectors (TMS-P-001, TMS-P-003, TMS-P-004). */
export const moneyRunner: VectorRunner = {
  kind: 'money',
  run(test): VectorOutcome {
    const t = test as MoneyTest;
    let got: string | number;
    try {
      got = computeMoney(t);
    } catch (e) {
      if (t.result === 'invalid' || t.result === 'acceptable') return { status: 'pass' };
      return { status: 'fail', message: `rejected a valid input: ${errorMessage(e)}` };
    }
    if (t.result === 'invalid') return { status: 'fail', message: 'accepted an invalid input', observed: got };
    return got === t.expected ? { status: 'pass' } : { status: 'fail', message: 'wrong result', expected: t.expected, observed: got };
  },
};
