// Money vector inputs and their independent expectations (scripts/vectors/pricing.ts writes them).

/** A group of money tests; `cited` is the value a source states or a hand derivation gives. */
export type MoneySpec = { comment: string; tests: { test: Record<string, unknown>; cited?: string | number }[] };

const javaInputs = ['5.5', '2.5', '1.6', '1.1', '1.0', '-1.0', '-1.1', '-1.6', '-2.5', '-5.5'];
// java.math.RoundingMode Javadoc, "Summary of Rounding Operations Under Different Rounding Modes".
const javaTable: Record<string, number[]> = {
  up: [6, 3, 2, 2, 1, -1, -2, -2, -3, -6],
  down: [5, 2, 1, 1, 1, -1, -1, -1, -2, -5],
  ceiling: [6, 3, 2, 2, 1, -1, -1, -1, -2, -5],
  floor: [5, 2, 1, 1, 1, -1, -2, -2, -3, -6],
  half_up: [6, 3, 2, 1, 1, -1, -1, -2, -3, -6],
  half_down: [5, 2, 2, 1, 1, -1, -1, -2, -2, -5],
  half_even: [6, 2, 2, 1, 1, -1, -1, -2, -2, -6],
};

// Per mode: [-0.0000005 at 6 digits, -7.777 at 1 digit], derived by hand (see the tests below).
const handRounding: Record<string, [string, string]> = {
  half_even: ['0.000000', '-7.8'],
  half_up: ['-0.000001', '-7.8'],
  half_down: ['0.000000', '-7.8'],
  up: ['-0.000001', '-7.8'],
  down: ['0.000000', '-7.7'],
  ceiling: ['0.000000', '-7.7'],
  floor: ['-0.000001', '-7.8'],
};

const round = (value: string, scale: number, mode: string, comment: string, flags: string[], cited?: string) => ({
  test: { comment, flags, result: 'valid', op: 'round', value, scale, mode },
  cited,
});

/** The money test groups of vectors/money/rounding.json. */
export const moneyTests: MoneySpec[] = [
  {
    comment: 'Java RoundingMode table: every mode on ±5.5, ±2.5, ±1.6, ±1.1, ±1.0 to an integer',
    tests: Object.entries(javaTable).flatMap(([mode, outs]) =>
      javaInputs.map((v, i) =>
        round(
          v,
          0,
          mode,
          `${v} ${mode} → integer (Java RoundingMode table)`,
          [...(v.endsWith('.5') ? ['midpoint'] : []), ...(v.startsWith('-') ? ['negative'] : []), ...(v.endsWith('.0') ? ['exact'] : [])],
          String(outs[i]),
        ),
      ),
    ),
  },
  {
    comment: 'Midpoints at cent scale from billing systems',
    tests: [
      round('0.005', 2, 'half_up', 'grid-billing: round(0.005) = 0.01 (half away from zero)', ['midpoint'], '0.01'),
      round('-0.005', 2, 'half_up', 'grid-billing: round(-0.005) = -0.01 mirrors round(0.005)', ['midpoint', 'negative'], '-0.01'),
      round('0.005', 2, 'half_even', '0.005 half_even → 0.00', ['midpoint'], '0.00'),
      round('-0.005', 2, 'half_down', '-0.005 half_down → 0.00 (toward zero)', ['midpoint', 'negative'], '0.00'),
      round('123.425', 2, 'half_even', 'Oracle BankRound(123.425) = 123.42', ['midpoint'], '123.42'),
      round('123.425', 2, 'half_up', 'Oracle Round(123.425) = 123.43', ['midpoint'], '123.43'),
      round('1.5', 0, 'half_up', 'alpacadecimal "1.5".Round(0) = "2"', ['midpoint'], '2'),
      round('1.23456789', 2, 'half_up', 'OpenMeter USD 1.23456789 → 1.23', [], '1.23'),
      round('1.23556789', 2, 'half_up', 'OpenMeter USD 1.23556789 → 1.24', [], '1.24'),
      round('1.23456789', 0, 'half_up', 'OpenMeter JPY 1.23456789 → 1', [], '1'),
      round('1.9556789', 0, 'half_up', 'OpenMeter JPY 1.9556789 → 2', [], '2'),
      round('0.005615', 2, 'half_up', 'V1 settled per request in cents: $0.005615 → $0.01 (vectors/pricing/cost.json V1)', [], '0.01'),
      round('0.13058065', 2, 'half_up', 'V8 → $0.13 (vectors/pricing/cost.json V8)', [], '0.13'),
      round('1.51125', 2, 'half_up', 'V6 → $1.51 (vectors/pricing/cost.json V6)', [], '1.51'),
      round('0.00185', 2, 'half_up', 'V10 → $0.00 (vectors/pricing/cost.json V10)', [], '0.00'),
      round('0.0016150000000000001', 6, 'half_even', 'V16 float artefact rounded back to 6 digits (LiteLLM PR #9118 proposal)', [], '0.001615'),
      // Worked by hand from the mode definitions (Java RoundingMode): -0.0000005 is the midpoint of
      // -0.000001 and 0 (half_even picks 0, the even neighbour); -7.777 lies between -7.8 and -7.7.
      ...Object.entries(handRounding).flatMap(([m, [midpoint, sevens]]) => [
        round('-0.0000005', 6, m, `-0.0000005 ${m} at 6 digits`, ['midpoint', 'negative'], midpoint),
        round('0.12', 4, m, `0.12 ${m} at 4 digits is unchanged`, ['exact'], '0.1200'),
        round('-7.777', 1, m, `-7.777 ${m} at 1 digit`, ['negative'], sevens),
      ]),
    ],
  },
  {
    comment: 'Stripe, Chargebee and lare_round: where rounding happens',
    tests: [
      {
        test: {
          comment: 'V13 Stripe: 0.05¢ × 30 = 1.5¢ → 2¢ on the line',
          flags: [],
          result: 'valid',
          op: 'mul-round',
          a: '0.05',
          b: '30',
          scale: 0,
          mode: 'half_up',
        },
        cited: '2',
      },
      {
        test: {
          comment: 'V14: 0.05¢ × 50 = 2.5¢ → 3¢ half away from zero',
          flags: ['midpoint'],
          result: 'valid',
          op: 'mul-round',
          a: '0.05',
          b: '50',
          scale: 0,
          mode: 'half_up',
        },
        cited: '3',
      },
      {
        test: {
          comment: 'V14: 0.05¢ × 50 = 2.5¢ → 2¢ half even',
          flags: ['midpoint'],
          result: 'valid',
          op: 'mul-round',
          a: '0.05',
          b: '50',
          scale: 0,
          mode: 'half_even',
        },
        cited: '2',
      },
      {
        test: {
          comment: 'Chargebee: 4.4556 × 10.625 = 47.34075 → $47.34',
          flags: [],
          result: 'valid',
          op: 'mul-round',
          a: '4.4556',
          b: '10.625',
          scale: 2,
          mode: 'half_up',
        },
        cited: '47.34',
      },
      {
        test: {
          comment: 'Chargebee: 4.4556 × 10.625 → JPY 47',
          flags: [],
          result: 'valid',
          op: 'mul-round',
          a: '4.4556',
          b: '10.625',
          scale: 0,
          mode: 'half_up',
        },
        cited: '47',
      },
      {
        test: {
          comment: 'V15 lare_round: 3 × 0.3334 rounded per line = 0.99',
          flags: ['line-vs-total'],
          result: 'valid',
          op: 'lines',
          lines: ['0.3334', '0.3334', '0.3334'],
          level: 'line',
          scale: 2,
          mode: 'half_up',
        },
        cited: '0.99',
      },
      {
        test: {
          comment: 'V15 lare_round: 3 × 0.3334 rounded on the total = 1.00',
          flags: ['line-vs-total'],
          result: 'valid',
          op: 'lines',
          lines: ['0.3334', '0.3334', '0.3334'],
          level: 'total',
          scale: 2,
          mode: 'half_up',
        },
        cited: '1.00',
      },
      {
        test: {
          comment: 'Stripe: lines are rounded before summing (0.05¢ × 30 twice → 4¢, not 3¢)',
          flags: ['line-vs-total'],
          result: 'valid',
          op: 'lines',
          lines: ['1.5', '1.5'],
          level: 'line',
          scale: 0,
          mode: 'half_up',
        },
        cited: '4',
      },
      {
        test: {
          comment: 'Same two lines rounded on the total → 3¢',
          flags: ['line-vs-total'],
          result: 'valid',
          op: 'lines',
          lines: ['1.5', '1.5'],
          level: 'total',
          scale: 0,
          mode: 'half_up',
        },
        cited: '3',
      },
    ],
  },
  {
    comment: 'Decimal text: plain decimals only (TMS-P-001)',
    tests: [
      { test: { comment: 'trailing zeros are kept out of the canonical text', flags: [], result: 'valid', op: 'parse', value: '2.50' }, cited: '2.5' },
      { test: { comment: 'negative zero is zero', flags: ['negative'], result: 'valid', op: 'parse', value: '-0.00' }, cited: '0' },
      ...['1e-6', '2.5E+3', '+1', '.5', '5.', '1,000', '0x10', '01.5', ' 1', 'NaN', 'Infinity', ''].map((v) => ({
        test: { comment: `${JSON.stringify(v)} is not a plain decimal`, flags: ['not-decimal'], result: 'invalid', op: 'parse', value: v },
      })),
    ],
  },
  {
    comment: 'ISO 4217 minor units, versioned (checkdigit/currency src/currencies.ts)',
    tests: [
      ...(
        [
          ['USD', 2],
          ['JPY', 0],
          ['CNY', 2],
          ['BHD', 3],
          ['KWD', 3],
          ['KRW', 0],
          ['CLF', 4],
          ['UYW', 4],
        ] as const
      ).map(([c, n]) => ({
        test: { comment: `${c} has ${n} minor units`, flags: ['minor-units'], result: 'valid', op: 'minor-units', currency: c, at: '2025-10-01' },
        cited: n,
      })),
      {
        test: { comment: 'ISK had 2 minor units in 2020', flags: ['minor-units'], result: 'valid', op: 'minor-units', currency: 'ISK', at: '2020-06-01' },
        cited: 2,
      },
      {
        test: {
          comment: 'ISK has 0 minor units from 2023-04-15',
          flags: ['minor-units'],
          result: 'valid',
          op: 'minor-units',
          currency: 'ISK',
          at: '2023-04-15T00:00:00Z',
        },
        cited: 0,
      },
      {
        test: {
          comment: 'ISK the day before the change',
          flags: ['minor-units'],
          result: 'valid',
          op: 'minor-units',
          currency: 'ISK',
          at: '2023-04-14T23:59:59Z',
        },
        cited: 2,
      },
      ...['XXX', 'usd', 'US', 'XAU'].map((c) => ({
        test: {
          comment: `${c} is not a currency with minor units`,
          flags: ['unknown-currency'],
          result: 'invalid',
          op: 'minor-units',
          currency: c,
          at: '2025-01-01',
        },
      })),
    ],
  },
];
