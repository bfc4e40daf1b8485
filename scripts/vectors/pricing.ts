// Generates the money and pricing golden vectors (vectors/money/*.json, vectors/pricing/*.json)
// from the reference implementation (src/money, src/pricing), and cross-checks every expectation
// that a cited source states (reference pricing.md §7 V1–V15, genai-prices tests, Java's
// RoundingMode table, OpenMeter, Oracle, Stripe, Chargebee, lare_round) — refusing to write on
// any disagreement. Data-heavy by nature: the sheets and usages below are the vectors' inputs.
import { writeAtomic } from '../../src/io/writeAtomic.js';
import { fromRoot } from '../../src/paths.js';
import { specVersion, toolVersion } from '../../src/version.js';
import { computeMoney } from '../../src/vectors/runners/money.js';
import { computePrice, type PriceTest } from '../../src/vectors/runners/price.js';
import { checkSheetYaml } from '../../src/vectors/runners/priceSheet.js';
import { compilePriceSheet } from '../../src/pricing/compilePriceSheet.js';
import { Decimal } from '../../src/money/Decimal.js';

const source = (reference: string[]) => ({ name: 'tokencert reference implementation (src/money, src/pricing)', version: toolVersion, reference });

function fail(msg: string): never {
  throw new Error(`scripts/vectors/pricing.ts: ${msg} — refusing to write vectors`);
}

async function write(rel: string, file: Record<string, unknown>): Promise<string> {
  const groups = file.test_groups as { tests: unknown[] }[];
  const out = { ...file, number_of_tests: groups.reduce((n, g) => n + g.tests.length, 0) };
  const keys = ['schema', 'spec_version', 'kind', 'source', 'requirements', 'number_of_tests', 'notes', 'header', 'test_groups'];
  const ordered = Object.fromEntries(keys.filter((k) => k in out).map((k) => [k, (out as Record<string, unknown>)[k]]));
  await writeAtomic(fromRoot('vectors', rel), `${JSON.stringify(ordered, null, 2)}\n`);
  return `vectors/${rel}`;
}

async function genMoney(): Promise<string> {
  let id = 0;
  const groups = moneyTests.map((g) => ({
    comment: g.comment,
    tests: g.tests.map((t) => {
      const test = { tc_id: ++id, ...t.test } as Record<string, unknown>;
      let got: string | number | undefined;
      try { got = computeMoney(test as never); } catch { got = undefined; }
      if (test.result === 'invalid') {
        if (got !== undefined) fail(`money #${id} must be rejected but gave ${got}`);
      } else {
        if (got === undefined) fail(`money #${id} was rejected`);
        if (t.cited !== undefined && t.cited !== got) fail(`money #${id} (${String(test.comment)}): source says ${t.cited}, reference gives ${got}`);
        test.expected = got;
      }
      return test;
    }),
  }));
  return write('money/rounding.json', {
    schema: 'vectors-money.json', spec_version: specVersion, kind: 'money',
    source: source([
      'java.math.RoundingMode Javadoc table (docs.oracle.com/javase/8/docs/api/java/math/RoundingMode.html): 5.5, 2.5, 1.6, 1.1, 1.0 and negatives in all modes',
      'reference pricing.md §5.1 (checkdigit/currency:src/currencies.ts, ISO 4217 minor units; ISK 2 → 0 on 2023-04-15)',
      'reference pricing.md §5.2 (grid-billing rounding.rs; Oracle BankRound 123.425; alpacadecimal Round)',
      'reference pricing.md §4.1 (openmeterio/openmeter pkg/currencyx tests: USD 1.23456789 → 1.23, JPY 1.9556789 → 2)',
      'reference pricing.md §4.3 and §7 V13/V14 (stripe.com/docs/billing/subscriptions/decimal-amounts)',
      'reference pricing.md §5.2 (Chargebee 4.4556 × 10.625 = 47.34075 → 47.34 / JPY 47) and §7 V15 (lare_round gem)',
    ]),
    requirements: ['TMS-P-001', 'TMS-P-003', 'TMS-P-004'],
    notes: {
      midpoint: { description: 'The value lies exactly halfway between two neighbours; the half_* modes differ here.', bug_type: 'rounding' },
      negative: { description: 'Negative value: up/down are relative to zero, ceiling/floor to the number line.', bug_type: 'rounding' },
      exact: { description: 'Already representable at the scale; every mode must leave it unchanged.' },
      'line-vs-total': { description: 'Rounding each line then summing differs from rounding the sum.', bug_type: 'rounding-level' },
      'not-decimal': { description: 'Text that is not a plain decimal string (exponent, sign, separator) must be rejected.', bug_type: 'float-leak' },
      'minor-units': { description: 'ISO 4217 minor-unit exponent of a currency at a date.' },
      'unknown-currency': { description: 'A code not in the ISO 4217 minor-unit table must be rejected.' },
    },
    header: ['Money vectors: exact rounding in the seven modes, midpoints, negatives, line versus total rounding, decimal parsing and versioned minor units.', 'Figures a test comment attributes to a source are quoted from it and checked by the generator; the rest (e.g. the -0.0000005 and -7.777 series) are the reference implementation output for rules those sources fix.'],
    test_groups: groups,
  });
}

async function genPrice(rel: string, groupsSpec: GroupSpec[], header: string, reference: string[], requirements: string[], notes: Record<string, { description: string; bug_type?: string }>): Promise<string> {
  let id = 0;
  const groups = groupsSpec.map((g) => {
    const sheet = compilePriceSheet(g.sheet, { file: `${rel} sheet` });
    return {
      comment: g.comment,
      sheet: g.sheet,
      tests: g.tests.map((t) => {
        const test = { tc_id: ++id, flags: [], ...t.test } as unknown as PriceTest & Record<string, unknown>;
        const got = computePrice(test, sheet);
        if (test.result === 'invalid') {
          if (got.ok) fail(`${rel} #${id} (${test.comment}) must fail but priced ${got.total}`);
          test.expected_error = got.code;
          if (t.cited?.error !== undefined && t.cited.error !== got.code) fail(`${rel} #${id}: expected ${t.cited.error}, got ${got.code}`);
          return test;
        }
        if (!got.ok) fail(`${rel} #${id} (${test.comment}) failed: ${got.code}: ${got.message}`);
        const c = t.cited;
        if (c?.total !== undefined && c.total !== got.total) fail(`${rel} #${id} (${test.comment}): source says total ${c.total}, reference gives ${got.total}`);
        for (const [dir, want] of [['input/', c?.input], ['output/', c?.output]] as const) {
          if (want === undefined) continue;
          const amt = sumAmounts(got.lines.filter((l) => l.kind.startsWith(dir)).map((l) => l.amount));
          if (amt !== want) fail(`${rel} #${id} (${test.comment}): source says ${dir} ${want}, reference gives ${amt}`);
        }
        for (const [kind, want] of Object.entries(c?.lines ?? {})) {
          const l = got.lines.find((x) => x.kind === kind);
          if (!l || l.amount !== want) fail(`${rel} #${id}: source says line ${kind} = ${want}, reference gives ${l?.amount}`);
        }
        test.expected = { entry: got.entry, lines: got.lines, total: got.total };
        return test;
      }),
    };
  });
  return write(rel, { schema: 'vectors-price.json', spec_version: specVersion, kind: 'price', source: source(reference), requirements, notes, header: [header, expectationNote], test_groups: groups });
}

const expectationNote = 'Figures a test comment attributes to a source are quoted from it; other totals are hand arithmetic written in scripts/vectors/pricing.ts. The generator refuses to write when the reference implementation disagrees with either.';

function sumAmounts(xs: string[]): string {
  return xs.reduce((s, x) => s.add(Decimal.parse(x)), Decimal.zero).toString();
}

async function genSheets(): Promise<string> {
  let id = 0;
  const groups = sheetTests.map((g) => ({
    comment: g.comment,
    tests: g.tests.map((t) => {
      const test = { tc_id: ++id, ...t } as unknown as Record<string, unknown> & { yaml: string; result: string; expected_error?: Record<string, unknown> };
      const r = checkSheetYaml(test.yaml);
      if (test.result === 'valid') {
        if (!r.ok) fail(`sheets #${id} (${String(test.comment)}) must load: ${r.problem.message}`);
        return test;
      }
      if (r.ok) fail(`sheets #${id} (${String(test.comment)}) must be rejected`);
      const want = test.expected_error!;
      if (want.reason !== r.problem.reason) fail(`sheets #${id}: expected reason ${String(want.reason)}, got ${r.problem.reason}: ${r.problem.message}`);
      for (const n of (want.names as string[] | undefined) ?? []) if (!r.problem.message.includes(`"${n}"`)) fail(`sheets #${id}: message does not name ${n}`);
      test.expected_error = { code: r.problem.code, reason: r.problem.reason, pointer: r.problem.location.pointer ?? '', ...(r.problem.location.line !== undefined ? { line: r.problem.location.line } : {}), ...(want.names ? { names: want.names } : {}) };
      return test;
    }),
  }));
  return write('pricing/sheets.json', {
    schema: 'vectors-price-sheet.json', spec_version: specVersion, kind: 'price-sheet',
    source: source(['schemas/price-sheet.json', 'reference pricing.md §0.2, §1.7 (genai-prices#587), §8', 'Helicone/helicone#5766 (tier forgetting cache writes)']),
    requirements: ['TMS-P-001', 'TMS-P-002', 'TMS-P-004', 'TMS-P-007', 'TMS-P-009'],
    notes: {
      'price-is-number': { description: 'A price or fee written as a YAML/JSON number must be rejected with a hint to quote it.', bug_type: 'float-leak' },
      schema: { description: 'The sheet violates schemas/price-sheet.json.' },
      syntax: { description: 'The text is not well-formed YAML.' },
      'unknown-currency': { description: 'The currency is not an ISO 4217 code with minor units.' },
      'unit-not-power-of-ten': { description: 'Per-token amounts would not be exact decimals.' },
      'duplicate-entry-id': { description: 'Two entries share an id.' },
      ambiguous: { description: 'Two entries price the same name, tier and instant; both must be named.', bug_type: 'ambiguity' },
      'not-ambiguous': { description: 'Entries that look alike but never match the same instant and tier must load.' },
      'tier-keys-mismatch': { description: 'A tier level prices other cells than the base (e.g. forgets cache writes).', bug_type: 'tier' },
      'tier-order': { description: 'Tier thresholds must ascend strictly.' },
      'graduated-basis': { description: 'Graduated tiers must split each cell by its own count.' },
      'bad-time-zone': { description: 'Not an IANA time zone.' },
      'bad-window': { description: 'An empty time-of-day window.' },
      'bad-effective-range': { description: 'An empty or invalid effective range.' },
    },
    header: ['Price sheets that must load or be rejected, written as YAML so that quoting and line numbers are part of the test.'],
    test_groups: groups,
  });
}

/** Writes every money and pricing vector file; returns their paths. */
export async function generate(): Promise<string[]> {
  const out = [await genMoney(), await genSheets()];
  for (const f of priceGroups) out.push(await genPrice(f.file, f.groups, f.header, f.reference, f.requirements, f.notes));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Money tests. `cited` is the value a source states; the reference must agree with it.
// ---------------------------------------------------------------------------------------------

type MoneySpec = { comment: string; tests: { test: Record<string, unknown>; cited?: string | number }[] };

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

const round = (value: string, scale: number, mode: string, comment: string, flags: string[], cited?: string) => ({ test: { comment, flags, result: 'valid', op: 'round', value, scale, mode }, cited });

const moneyTests: MoneySpec[] = [
  {
    comment: 'Java RoundingMode table: every mode on ±5.5, ±2.5, ±1.6, ±1.1, ±1.0 to an integer',
    tests: Object.entries(javaTable).flatMap(([mode, outs]) => javaInputs.map((v, i) => round(v, 0, mode, `${v} ${mode} → integer (Java RoundingMode table)`, [...(v.endsWith('.5') ? ['midpoint'] : []), ...(v.startsWith('-') ? ['negative'] : []), ...(v.endsWith('.0') ? ['exact'] : [])], String(outs[i])))),
  },
  {
    comment: 'Midpoints at cent scale from billing systems',
    tests: [
      round('0.005', 2, 'half_up', 'grid-billing: round(0.005) = 0.01 (half away from zero)', ['midpoint'], '0.01'),
      round('-0.005', 2, 'half_up', 'grid-billing: round(-0.005) = -0.01 mirrors round(0.005)', ['midpoint', 'negative'], '-0.01'),
      round('0.005', 2, 'half_even', '0.005 half_even → 0.00', ['midpoint']),
      round('-0.005', 2, 'half_down', '-0.005 half_down → 0.00 (toward zero)', ['midpoint', 'negative']),
      round('123.425', 2, 'half_even', 'Oracle BankRound(123.425) = 123.42', ['midpoint'], '123.42'),
      round('123.425', 2, 'half_up', 'Oracle Round(123.425) = 123.43', ['midpoint'], '123.43'),
      round('1.5', 0, 'half_up', 'alpacadecimal "1.5".Round(0) = "2"', ['midpoint'], '2'),
      round('1.23456789', 2, 'half_up', 'OpenMeter USD 1.23456789 → 1.23', [], '1.23'),
      round('1.23556789', 2, 'half_up', 'OpenMeter USD 1.23556789 → 1.24', [], '1.24'),
      round('1.23456789', 0, 'half_up', 'OpenMeter JPY 1.23456789 → 1', [], '1'),
      round('1.9556789', 0, 'half_up', 'OpenMeter JPY 1.9556789 → 2', [], '2'),
      round('0.005615', 2, 'half_up', 'V1 settled per request in cents: $0.005615 → $0.01 (reference §7)', [], '0.01'),
      round('0.13058065', 2, 'half_up', 'V8 → $0.13 (reference §7)', [], '0.13'),
      round('1.51125', 2, 'half_up', 'V6 → $1.51 (reference §7)', [], '1.51'),
      round('0.00185', 2, 'half_up', 'V10 → $0.00 (reference §7)', [], '0.00'),
      round('0.0016150000000000001', 6, 'half_even', 'V16 float artefact rounded back to 6 digits (LiteLLM PR #9118 proposal)', [], '0.001615'),
      ...['half_even', 'half_up', 'half_down', 'up', 'down', 'ceiling', 'floor'].flatMap((m) => [
        round('-0.0000005', 6, m, `-0.0000005 ${m} at 6 digits`, ['midpoint', 'negative']),
        round('0.12', 4, m, `0.12 ${m} at 4 digits is unchanged`, ['exact'], '0.1200'),
        round('-7.777', 1, m, `-7.777 ${m} at 1 digit`, ['negative']),
      ]),
    ],
  },
  {
    comment: 'Stripe, Chargebee and lare_round: where rounding happens',
    tests: [
      { test: { comment: 'V13 Stripe: 0.05¢ × 30 = 1.5¢ → 2¢ on the line', flags: [], result: 'valid', op: 'mul-round', a: '0.05', b: '30', scale: 0, mode: 'half_up' }, cited: '2' },
      { test: { comment: 'V14: 0.05¢ × 50 = 2.5¢ → 3¢ half away from zero', flags: ['midpoint'], result: 'valid', op: 'mul-round', a: '0.05', b: '50', scale: 0, mode: 'half_up' }, cited: '3' },
      { test: { comment: 'V14: 0.05¢ × 50 = 2.5¢ → 2¢ half even', flags: ['midpoint'], result: 'valid', op: 'mul-round', a: '0.05', b: '50', scale: 0, mode: 'half_even' }, cited: '2' },
      { test: { comment: 'Chargebee: 4.4556 × 10.625 = 47.34075 → $47.34', flags: [], result: 'valid', op: 'mul-round', a: '4.4556', b: '10.625', scale: 2, mode: 'half_up' }, cited: '47.34' },
      { test: { comment: 'Chargebee: 4.4556 × 10.625 → JPY 47', flags: [], result: 'valid', op: 'mul-round', a: '4.4556', b: '10.625', scale: 0, mode: 'half_up' }, cited: '47' },
      { test: { comment: 'V15 lare_round: 3 × 0.3334 rounded per line = 0.99', flags: ['line-vs-total'], result: 'valid', op: 'lines', lines: ['0.3334', '0.3334', '0.3334'], level: 'line', scale: 2, mode: 'half_up' }, cited: '0.99' },
      { test: { comment: 'V15 lare_round: 3 × 0.3334 rounded on the total = 1.00', flags: ['line-vs-total'], result: 'valid', op: 'lines', lines: ['0.3334', '0.3334', '0.3334'], level: 'total', scale: 2, mode: 'half_up' }, cited: '1.00' },
      { test: { comment: 'Stripe: lines are rounded before summing (0.05¢ × 30 twice → 4¢, not 3¢)', flags: ['line-vs-total'], result: 'valid', op: 'lines', lines: ['1.5', '1.5'], level: 'line', scale: 0, mode: 'half_up' }, cited: '4' },
      { test: { comment: 'Same two lines rounded on the total → 3¢', flags: ['line-vs-total'], result: 'valid', op: 'lines', lines: ['1.5', '1.5'], level: 'total', scale: 0, mode: 'half_up' }, cited: '3' },
    ],
  },
  {
    comment: 'Decimal text: plain decimals only (TMS-P-001)',
    tests: [
      { test: { comment: 'trailing zeros are kept out of the canonical text', flags: [], result: 'valid', op: 'parse', value: '2.50' }, cited: '2.5' },
      { test: { comment: 'negative zero is zero', flags: ['negative'], result: 'valid', op: 'parse', value: '-0.00' }, cited: '0' },
      ...['1e-6', '2.5E+3', '+1', '.5', '5.', '1,000', '0x10', '01.5', ' 1', 'NaN', 'Infinity', ''].map((v) => ({ test: { comment: `${JSON.stringify(v)} is not a plain decimal`, flags: ['not-decimal'], result: 'invalid', op: 'parse', value: v } })),
    ],
  },
  {
    comment: 'ISO 4217 minor units, versioned (reference §5.1)',
    tests: [
      ...([['USD', 2], ['JPY', 0], ['CNY', 2], ['BHD', 3], ['KWD', 3], ['KRW', 0], ['CLF', 4], ['UYW', 4]] as const).map(([c, n]) => ({ test: { comment: `${c} has ${n} minor units`, flags: ['minor-units'], result: 'valid', op: 'minor-units', currency: c, at: '2025-10-01' }, cited: n })),
      { test: { comment: 'ISK had 2 minor units in 2020', flags: ['minor-units'], result: 'valid', op: 'minor-units', currency: 'ISK', at: '2020-06-01' }, cited: 2 },
      { test: { comment: 'ISK has 0 minor units from 2023-04-15', flags: ['minor-units'], result: 'valid', op: 'minor-units', currency: 'ISK', at: '2023-04-15T00:00:00Z' }, cited: 0 },
      { test: { comment: 'ISK the day before the change', flags: ['minor-units'], result: 'valid', op: 'minor-units', currency: 'ISK', at: '2023-04-14T23:59:59Z' }, cited: 2 },
      ...['XXX', 'usd', 'US', 'XAU'].map((c) => ({ test: { comment: `${c} is not a currency with minor units`, flags: ['unknown-currency'], result: 'invalid', op: 'minor-units', currency: c, at: '2025-01-01' } })),
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Sheet tests (YAML text). Expected code, pointer and line are taken from the reference and
// checked against the reason written here.
// ---------------------------------------------------------------------------------------------

const head = (currency = 'USD', unit = '1000000') => `tms_version: 0.1.0\nid: t\ncurrency: ${currency}\nunit: ${unit}\nentries:\n`;
const entry = (id: string, model: string, body = '    prices: { input/none/text: "1", output/none/text: "2" }\n') => `  - id: ${id}\n    model: ${model}\n${body}`;
const bad = (comment: string, yaml: string, reason: string, names?: string[]) => ({ comment, flags: [reason], result: 'invalid', yaml, expected_error: { reason, ...(names ? { names } : {}) } });
const ok = (comment: string, yaml: string, flags: string[] = []) => ({ comment, flags, result: 'valid', yaml });
const tierBody = (levelPrices: string, extra = '') => `    prices: { input/none/text: "3", input/write/text: "3.75", output/none/text: "15" }\n    tiers:\n      mode: cliff\n      basis: [input]\n      boundary: exclusive\n${extra}      levels:\n${levelPrices}`;

const sheetTests: { comment: string; tests: Record<string, unknown>[] }[] = [
  {
    comment: 'Money must be quoted (TMS-P-001)',
    tests: [
      ok('a minimal sheet with quoted prices loads', head() + entry('a', 'm')),
      bad('an unquoted price is a YAML number and is rejected with a hint to quote it', head() + entry('a', 'm', '    prices:\n      input/none/text: 2.50\n'), 'price-is-number'),
      bad('an unquoted fee is rejected', head() + entry('a', 'm', '    prices: { input/none/text: "1" }\n    fees:\n      request: 0.001\n'), 'price-is-number'),
      bad('an unquoted tier price is rejected', head() + entry('a', 'm', tierBody('        - from: 200000\n          prices: { input/none/text: "6", input/write/text: 7.50, output/none/text: "22.50" }\n')), 'price-is-number'),
      bad('a JSON sheet with a number price is rejected', '{"tms_version": "0.1.0", "id": "t", "currency": "USD", "unit": 1000000,\n "entries": [{"id": "a", "model": "m",\n  "prices": {"input/none/text": 3e-6}}]}\n', 'price-is-number'),
      bad('an exponent in a quoted price is not a plain decimal', head() + entry('a', 'm', '    prices: { input/none/text: "3e-6" }\n'), 'schema'),
      bad('a negative price is rejected', head() + entry('a', 'm', '    prices: { input/none/text: "-1" }\n'), 'schema'),
    ],
  },
  {
    comment: 'Sheet structure (TMS-P-002, TMS-P-004)',
    tests: [
      bad('unknown currency', head('USX') + entry('a', 'm'), 'unknown-currency'),
      bad('unit 3600 is not a power of ten', head('USD', '3600') + entry('a', 'm'), 'unit-not-power-of-ten'),
      ok('unit 1000 (per thousand tokens, as Alibaba quotes CNY prices) loads', head('CNY', '1000') + entry('a', 'qwen-max', '    prices: { input/none/text: "0.02", output/none/text: "0.06" }\n')),
      bad('duplicate entry id', head() + entry('a', 'm1') + entry('a', 'm2'), 'duplicate-entry-id'),
      bad('a price key that is not a cell key', head() + entry('a', 'm', '    prices: { input/cached/text: "1" }\n'), 'schema'),
      bad('an output cache state other than none', head() + entry('a', 'm', '    prices: { output/read/text: "1" }\n'), 'schema'),
      bad('an unknown property', head() + entry('a', 'm', '    prices: { input/none/text: "1" }\n    discount: "0.5"\n'), 'schema'),
      bad('malformed YAML', head() + '  - id: a\n    model: [m\n', 'syntax'),
      bad('unknown time zone', head() + entry('a', 'm', '    time_zone: Mars/Olympus_Mons\n    windows: [{ from: "09:00", until: "17:00" }]\n    prices: { input/none/text: "1" }\n'), 'bad-time-zone'),
      bad('empty window', head() + entry('a', 'm', '    windows: [{ from: "09:00", until: "09:00" }]\n    prices: { input/none/text: "1" }\n'), 'bad-window'),
      bad('effective range with until before from', head() + entry('a', 'm', '    effective: { from: "2025-06-10", until: "2025-06-01" }\n    prices: { input/none/text: "1" }\n'), 'bad-effective-range'),
      bad('impossible date 2025-02-30', head() + entry('a', 'm', '    effective: { from: "2025-02-30" }\n    prices: { input/none/text: "1" }\n'), 'bad-effective-range'),
    ],
  },
  {
    comment: 'Tiers (TMS-P-007)',
    tests: [
      ok('a cliff tier that prices every base key loads', head() + entry('a', 'm', tierBody('        - from: 200000\n          prices: { input/none/text: "6", input/write/text: "7.50", output/none/text: "22.50" }\n'))),
      bad('a tier that forgets cache writes (Helicone #5766) is rejected', head() + entry('a', 'm', tierBody('        - from: 200000\n          prices: { input/none/text: "6", output/none/text: "22.50" }\n')), 'tier-keys-mismatch'),
      bad('tier thresholds out of order', head() + entry('a', 'm', tierBody('        - from: 200000\n          prices: { input/none/text: "6", input/write/text: "7.50", output/none/text: "22.50" }\n        - from: 100000\n          prices: { input/none/text: "5", input/write/text: "7", output/none/text: "20" }\n')), 'tier-order'),
      bad('graduated tiers with an input basis', head() + entry('a', 'm', '    prices: { input/none/text: "1" }\n    tiers:\n      mode: graduated\n      basis: [input]\n      boundary: exclusive\n      levels:\n        - from: 100000\n          prices: { input/none/text: "0.5" }\n'), 'graduated-basis'),
    ],
  },
  {
    comment: 'Ambiguity (TMS-P-009)',
    tests: [
      bad('two entries for the same model, always', head() + entry('first', 'gpt-4o') + entry('second', 'gpt-4o'), 'ambiguous', ['first', 'second']),
      bad('an alias colliding with another entry\'s model', head() + entry('a', 'o3', '    aliases: [o3-2025-04-16]\n    prices: { input/none/text: "2" }\n') + entry('b', 'o3-2025-04-16'), 'ambiguous', ['a', 'b']),
      bad('overlapping effective ranges', head() + entry('old', 'o3', '    effective: { until: "2025-06-11" }\n    prices: { input/none/text: "10" }\n') + entry('new', 'o3', '    effective: { from: "2025-06-10" }\n    prices: { input/none/text: "2" }\n'), 'ambiguous', ['old', 'new']),
      ok('adjacent half-open effective ranges do not overlap', head() + entry('old', 'o3', '    effective: { until: "2025-06-10" }\n    prices: { input/none/text: "10" }\n') + entry('new', 'o3', '    effective: { from: "2025-06-10" }\n    prices: { input/none/text: "2" }\n'), ['not-ambiguous']),
      ok('different service tiers do not overlap', head() + entry('std', 'gpt-4o') + entry('batch', 'gpt-4o', '    service_tier: batch\n    prices: { input/none/text: "1.25" }\n'), ['not-ambiguous']),
      ok('complementary daily windows (DeepSeek standard 00:30–16:30, off-peak 16:30–00:30 UTC)', head() + entry('std', 'deepseek-chat', '    windows: [{ from: "00:30", until: "16:30" }]\n    prices: { input/none/text: "0.27" }\n') + entry('off', 'deepseek-chat', '    windows: [{ from: "16:30", until: "00:30" }]\n    prices: { input/none/text: "0.135" }\n'), ['not-ambiguous']),
      bad('a windowed entry beside an all-day entry (genai-prices style default + override)', head() + entry('default', 'deepseek-chat', '    prices: { input/none/text: "0.135" }\n') + entry('std', 'deepseek-chat', '    windows: [{ from: "00:30", until: "16:30" }]\n    prices: { input/none/text: "0.27" }\n'), 'ambiguous', ['default', 'std']),
      bad('overlapping windows in the same zone', head() + entry('a', 'm', '    windows: [{ from: "09:00", until: "12:00", days: [mon] }]\n    prices: { input/none/text: "1" }\n') + entry('b', 'm', '    windows: [{ from: "23:00", until: "10:00", days: [sun] }]\n    prices: { input/none/text: "2" }\n'), 'ambiguous', ['a', 'b']),
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Price sheets and usages. Prices are list prices quoted in reference pricing.md §1.3, §2.3, §3
// (each entry cites its source); synthetic sheets exercise a rule and say so.
// ---------------------------------------------------------------------------------------------

type Cited = { total?: string; input?: string; output?: string; lines?: Record<string, string>; error?: string };
type GroupSpec = { comment: string; sheet: Record<string, unknown>; tests: { test: Record<string, unknown>; cited?: Cited }[] };
type Cell = Record<string, unknown>;

const cell = (direction: string, cache: string, tokens: number, extra: Cell = {}): Cell => ({ direction, cache, modality: 'text', ...extra, tokens });
const usage = (...cells: Cell[]) => ({ cells });
const sheet = (id: string, entries: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ tms_version: '0.1.0', id, currency: 'USD', unit: 1000000, ...extra, entries });
const T0 = '2025-09-01T12:00:00Z';
const valid = (comment: string, q: Record<string, unknown>, cited?: Cited, flags: string[] = []) => ({ test: { comment, flags, result: 'valid', at: T0, ...q }, cited });
const invalid = (comment: string, q: Record<string, unknown>, error: string, flags: string[] = []) => ({ test: { comment, flags, result: 'invalid', at: T0, ...q }, cited: { error } });

const gp = 'genai-prices prices/providers';
const listSheet = sheet('reference-list-prices', [
  { id: 'openai/gpt-4o', model: 'gpt-4o', source: `${gp}/openai.yml (prices_checked 2025-07-04); litellm gpt-4o`, prices: { 'input/none/text': '2.50', 'input/read/text': '1.25', 'output/none/text': '10.00' } },
  { id: 'openai/gpt-4o-batch', model: 'gpt-4o', service_tier: 'batch', source: 'litellm gpt-4o input/output_cost_per_token_batches (mirror synced 2026-07-24)', prices: { 'input/none/text': '1.25', 'output/none/text': '5' } },
  { id: 'openai/gpt-4o-priority', model: 'gpt-4o', service_tier: 'priority', source: 'litellm gpt-4o *_priority (mirror synced 2026-07-24)', prices: { 'input/none/text': '4.25', 'input/read/text': '2.125', 'output/none/text': '17' } },
  { id: 'openai/gpt-5', model: 'gpt-5', aliases: ['gpt-5-2025-08-07'], source: `${gp}/openai.yml (prices_checked 2025-11-13)`, prices: { 'input/none/text': '1.25', 'input/read/text': '0.125', 'output/none/text': '10' } },
  { id: 'openai/gpt-5-flex', model: 'gpt-5', aliases: ['gpt-5-2025-08-07'], service_tier: 'flex', source: 'litellm gpt-5 *_flex', prices: { 'input/none/text': '0.625', 'input/read/text': '0.0625', 'output/none/text': '5' } },
  { id: 'openai/o3-launch', model: 'o3', effective: { until: '2025-06-10' }, source: `${gp}/openai.yml o3 (unconstrained price)`, prices: { 'input/none/text': '10', 'input/read/text': '0.5', 'output/none/text': '40' } },
  { id: 'openai/o3', model: 'o3', effective: { from: '2025-06-10' }, source: `${gp}/openai.yml o3 (start_date 2025-06-10)`, prices: { 'input/none/text': '2', 'input/read/text': '0.5', 'output/none/text': '8' } },
  {
    id: 'anthropic/claude-sonnet-4-5', model: 'claude-sonnet-4-5', aliases: ['claude-sonnet-4-5-20250929'], source: `${gp}/anthropic.yml (prices_checked 2026-07-29); Anthropic pricing docs 2025-11-08`,
    prices: { 'input/none/text': '3', 'input/write/text': '3.75', 'input/write@1h/text': '6', 'input/read/text': '0.30', 'output/none/text': '15' },
    fees: { web_search: '0.01' },
    tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 200000, prices: { 'input/none/text': '6', 'input/write/text': '7.50', 'input/write@1h/text': '12', 'input/read/text': '0.60', 'output/none/text': '22.50' } }] },
  },
  { id: 'anthropic/claude-haiku-4-5', model: 'claude-haiku-4-5', aliases: ['claude-haiku-4-5-20251001'], source: 'Anthropic pricing docs (copy last_updated 2025-11-08)', prices: { 'input/none/text': '1', 'input/write/text': '1.25', 'input/write@1h/text': '2', 'input/read/text': '0.10', 'output/none/text': '5' } },
  { id: 'google/gemini-2.5-flash', model: 'gemini-2.5-flash', source: `${gp}/google.yml (cache_read 0.03, cache_audio_read 0.1); Gemini pricing page copy`, prices: { 'input/none/*': '0.30', 'input/none/audio': '1.00', 'input/read/*': '0.03', 'input/read/audio': '0.10', 'output/none/text': '2.50' } },
  { id: 'deepseek/deepseek-chat-standard', model: 'deepseek-chat', windows: [{ from: '00:30', until: '16:30' }], source: `${gp}/deepseek.yml (prices_checked 2025-07-12), constraint 00:30:00Z–16:30:00Z`, prices: { 'input/none/text': '0.27', 'input/write/text': '0.27', 'input/read/text': '0.07', 'output/none/text': '1.1' } },
  { id: 'deepseek/deepseek-chat-off-peak', model: 'deepseek-chat', windows: [{ from: '16:30', until: '00:30' }], source: `${gp}/deepseek.yml (prices_checked 2025-07-12), default (off-peak) price`, prices: { 'input/none/text': '0.135', 'input/write/text': '0.135', 'input/read/text': '0.035', 'output/none/text': '0.550' } },
]);

const anthropicV2 = { cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 418 }, cache_creation_input_tokens: 418, cache_read_input_tokens: 1111, input_tokens: 3, output_tokens: 33, service_tier: 'standard' };
const anthropicV3 = { cache_creation_input_tokens: 1956, cache_read_input_tokens: 9511, input_tokens: 3, output_tokens: 44 };
const anthropicV8 = { input_tokens: 105, output_tokens: 6039, cache_read_input_tokens: 7123, cache_creation_input_tokens: 7345, server_tool_use: { web_search_requests: 1 } };
const geminiV4 = { cachedContentTokenCount: 204, candidatesTokenCount: 89, promptTokenCount: 373, thoughtsTokenCount: 167, totalTokenCount: 629, cacheTokensDetails: [{ modality: 'TEXT', tokenCount: 63 }, { modality: 'IMAGE', tokenCount: 141 }], promptTokensDetails: [{ modality: 'TEXT', tokenCount: 115 }, { modality: 'IMAGE', tokenCount: 258 }] };
const v10 = usage(cell('input', 'none', 4000), cell('input', 'read', 6000), cell('output', 'none', 2000));
const o3u = usage(cell('input', 'none', 1000), cell('output', 'none', 700));

const costGroups: GroupSpec[] = [
  {
    comment: 'Reference §7 golden examples V1–V11 with list prices; native usages go through their API convention',
    sheet: listSheet,
    tests: [
      valid('V1 gpt-4o chat: prompt 2006 (cached 1920), completion 300 → 0.005615 (usage from BerriAI/litellm#6215)', { model: 'gpt-4o', native: { api: 'openai-chat', usage: { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } } } }, { total: '0.005615' }, ['cache-subset']),
      valid('V2 Sonnet 4.5 raw Anthropic usage: disjoint counters → input 0.0019098, output 0.000495 (genai-prices tests/dataset/usages.json)', { model: 'claude-sonnet-4-5-20250929', native: { api: 'anthropic-messages', usage: anthropicV2 } }, { input: '0.0019098', output: '0.000495', total: '0.0024048' }, ['cache-disjoint']),
      valid('V3 Haiku 4.5: input 0.0033991, output 0.00022 (same dataset)', { model: 'claude-haiku-4-5-20251001', native: { api: 'anthropic-messages', usage: anthropicV3 } }, { input: '0.0033991', output: '0.00022' }, ['cache-disjoint']),
      valid('V4 Gemini 2.5 Flash: thoughts billed as output; cached subset of prompt → input 0.00005682, output 0.00064 (same dataset)', { model: 'gemini-2.5-flash', native: { api: 'gemini', usage: geminiV4 } }, { input: '0.00005682', output: '0.00064' }, ['cache-subset', 'reasoning']),
      valid('V5 gpt-5 responses: reasoning inside output, not added again → 0.00005625 + 0.01719 (same dataset)', { model: 'gpt-5-2025-08-07', native: { api: 'openai-responses', usage: { input_tokens: 45, input_tokens_details: { cached_tokens: 0 }, output_tokens: 1719, output_tokens_details: { reasoning_tokens: 1408 }, total_tokens: 1764 } } }, { input: '0.00005625', output: '0.01719' }, ['reasoning']),
      valid('V6 Sonnet 4.5 long context: 250,000 in / 500 out → all tokens at the >200K rate: 1.51125 (Anthropic docs usage example)', { model: 'claude-sonnet-4-5', native: { api: 'anthropic-messages', usage: { input_tokens: 250000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 500 } } }, { total: '1.51125' }, ['cliff']),
      valid('V8 Sonnet 4.5 with one web search: 0.13058065 (Anthropic web-search usage example)', { model: 'claude-sonnet-4-5', native: { api: 'anthropic-messages', usage: anthropicV8 }, events: { web_search: 1 } }, { total: '0.13058065', lines: { 'input/none/text': '0.000315', 'input/write/text': '0.02754375', 'input/read/text': '0.0021369', 'output/none/text/answer': '0.090585', 'fee:web_search': '0.01' } }, ['cache-disjoint', 'fee']),
      valid('V10 deepseek-chat at 17:00Z (off-peak): 0.00185 (genai-prices deepseek.yml)', { model: 'deepseek-chat', at: '2025-07-12T17:00:00Z', usage: v10 }, { total: '0.00185' }, ['time-of-day']),
      valid('V10 deepseek-chat at 12:00Z (standard): 0.0037', { model: 'deepseek-chat', at: '2025-07-12T12:00:00Z', usage: v10 }, { total: '0.0037' }, ['time-of-day']),
      valid('V11 o3 1000 in / 700 out before 2025-06-10: 0.038 (simonw/llm-prices#8)', { model: 'o3', at: '2025-06-01T12:00:00Z', usage: o3u }, { total: '0.038' }, ['effective-date']),
      valid('V11 o3 from 2025-06-10: 0.0076', { model: 'o3', at: '2025-06-13T12:00:00Z', usage: o3u }, { total: '0.0076' }, ['effective-date']),
      valid('Sonnet 4.5 1-hour cache write priced at write@1h (2× input), 5-minute at 1.25×', { model: 'claude-sonnet-4-5', native: { api: 'anthropic-messages', usage: { input_tokens: 10, cache_creation_input_tokens: 3000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 }, cache_read_input_tokens: 0, output_tokens: 10 } } }, { lines: { 'input/write@5m/text': '0.00375', 'input/write@1h/text': '0.012' } }, ['cache-ttl']),
      valid('genai-prices calcPrice.test: 1000 in / 500 out at 1.5 / 2.0 → 0.0025 (here gpt-4o prices: 0.0025 + 0.005)', { model: 'gpt-4o', usage: usage(cell('input', 'none', 1000), cell('output', 'none', 500)) }, { total: '0.0075' }),
    ],
  },
  {
    comment: 'V9 Gemini 2.5 Pro, cache price depends on the page version: 0.125 (later)',
    sheet: sheet('gemini-pro-later', [{ id: 'google/gemini-2.5-pro', model: 'gemini-2.5-pro', source: `${gp}/google.yml (prices_checked 2025-10-31)`, prices: { 'input/none/*': '1.25', 'input/read/*': '0.125', 'output/none/text': '10' }, tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 200000, prices: { 'input/none/*': '2.5', 'input/read/*': '0.25', 'output/none/text': '15' } }] } }]),
    tests: [
      valid('V9 prompt 1000 (cached 300), output 500 → 0.0059125 (gemini-cost README usage)', { model: 'gemini-2.5-pro', native: { api: 'gemini', usage: { promptTokenCount: 1000, cachedContentTokenCount: 300, candidatesTokenCount: 500, totalTokenCount: 1500 } } }, { total: '0.0059125' }, ['cache-subset']),
      valid('prompt of exactly 200,000 stays at base ("prompts <= 200k tokens")', { model: 'gemini-2.5-pro', native: { api: 'gemini', usage: { promptTokenCount: 200000, candidatesTokenCount: 1000, totalTokenCount: 201000 } } }, { total: '0.26' }, ['cliff', 'boundary']),
      valid('prompt of 200,001 moves every token, output too, to the >200k rates', { model: 'gemini-2.5-pro', native: { api: 'gemini', usage: { promptTokenCount: 200001, candidatesTokenCount: 1000, totalTokenCount: 201001 } } }, { total: '0.5150025' }, ['cliff', 'boundary']),
    ],
  },
  {
    comment: 'V9 Gemini 2.5 Pro with the earlier page\'s cache price 0.31',
    sheet: sheet('gemini-pro-earlier', [{ id: 'google/gemini-2.5-pro', model: 'gemini-2.5-pro', source: 'Gemini pricing page copy (undated, earlier caching prices), reference §3.3', prices: { 'input/none/*': '1.25', 'input/read/*': '0.31', 'output/none/text': '10' }, tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 200000, prices: { 'input/none/*': '2.50', 'input/read/*': '0.625', 'output/none/text': '15' } }] } }]),
    tests: [valid('V9 prompt 1000 (cached 300), output 500 → 0.005968', { model: 'gemini-2.5-pro', native: { api: 'gemini', usage: { promptTokenCount: 1000, cachedContentTokenCount: 300, candidatesTokenCount: 500, totalTokenCount: 1500 } } }, { total: '0.005968' }, ['cache-subset'])],
  },
];

const inOnly = (n: number) => usage(cell('input', 'none', n));
const tierGroups: GroupSpec[] = [
  {
    comment: 'genai-prices tieredPricing.test.ts and Anthropic long-context rules (cliff, exclusive, basis = all input)',
    sheet: sheet('tier-rules', [
      { id: 'tiered-input', model: 'tiered-input', notes: 'genai-prices tieredPricing.test.ts: input_mtok {base 3, tiers [{start 200000, price 6}]}', prices: { 'input/none/text': '3' }, tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 200000, prices: { 'input/none/text': '6' } }] } },
      { id: 'tiered-output', model: 'tiered-output', notes: 'genai-prices: output_mtok {base 1, tiers [{start 100000, price 2}]}, tier chosen by input; input priced 0 explicitly (genai-prices leaves it unpriced)', prices: { 'input/none/text': '0', 'output/none/text': '1' }, tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 100000, prices: { 'input/none/text': '0', 'output/none/text': '2' } }] } },
      { id: 'xai-style', model: 'xai-style', notes: 'synthetic: inclusive boundary as xAI documents ("reaches the listed token threshold")', prices: { 'input/none/text': '3' }, tiers: { mode: 'cliff', basis: ['input'], boundary: 'inclusive', levels: [{ from: 200000, prices: { 'input/none/text': '6' } }] } },
      { id: 'anthropic/claude-sonnet-4-5', model: 'claude-sonnet-4-5', source: `${gp}/anthropic.yml`, prices: { 'input/none/text': '3', 'input/write/text': '3.75', 'input/read/text': '0.30', 'output/none/text': '15' }, tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 200000, prices: { 'input/none/text': '6', 'input/write/text': '7.50', 'input/read/text': '0.60', 'output/none/text': '22.50' } }] } },
      { id: 'uncached-basis', model: 'uncached-basis', notes: 'synthetic: basis input/none only (cache reads do not count toward the threshold)', prices: { 'input/none/text': '1', 'input/read/text': '0.1' }, tiers: { mode: 'cliff', basis: ['input/none'], boundary: 'exclusive', levels: [{ from: 1000, prices: { 'input/none/text': '2', 'input/read/text': '0.2' } }] } },
    ]),
    tests: [
      valid('V7 100,000 tokens → 0.3 (base)', { model: 'tiered-input', usage: inOnly(100000) }, { total: '0.3' }, ['cliff']),
      valid('V7 exactly 200,000 → 0.6: "Threshold is > 200000, so exactly 200K uses base rate"', { model: 'tiered-input', usage: inOnly(200000) }, { total: '0.6' }, ['cliff', 'boundary']),
      valid('V7 200,001 → 1.200006: all tokens at the tier rate', { model: 'tiered-input', usage: inOnly(200001) }, { total: '1.200006' }, ['cliff', 'boundary']),
      valid('V7 1,000,000 → 6', { model: 'tiered-input', usage: inOnly(1000000) }, { total: '6' }, ['cliff']),
      valid('output tier chosen by input tokens: input 150,000, output 10,000 → output 0.02', { model: 'tiered-output', usage: usage(cell('input', 'none', 150000), cell('output', 'none', 10000)) }, { output: '0.02', total: '0.02' }, ['cliff']),
      valid('output alone never selects a tier: output 10,000 → 0.01', { model: 'tiered-output', usage: usage(cell('output', 'none', 10000)) }, { total: '0.01' }, ['cliff']),
      valid('inclusive boundary: exactly 200,000 enters the tier → 1.2', { model: 'xai-style', usage: inOnly(200000) }, { total: '1.2' }, ['cliff', 'boundary']),
      valid('inclusive boundary: 199,999 stays at base → 0.599997', { model: 'xai-style', usage: inOnly(199999) }, { total: '0.599997' }, ['cliff', 'boundary']),
      valid('Anthropic: cache reads count toward 200K ("including cache reads/writes"): 100,000 + 150,000 read → tier', { model: 'claude-sonnet-4-5', usage: usage(cell('input', 'none', 100000), cell('input', 'read', 150000), cell('output', 'none', 1000)) }, { total: '0.7125' }, ['cliff', 'basis']),
      valid('Anthropic: output does not affect the tier: 150,000 in, 100,000 out → base', { model: 'claude-sonnet-4-5', usage: usage(cell('input', 'none', 150000), cell('output', 'none', 100000)) }, { total: '1.95' }, ['cliff', 'basis']),
      valid('Helicone #5766: cache writes on a >200K request are billed at the tier rate', { model: 'claude-sonnet-4-5', usage: usage(cell('input', 'none', 1000), cell('input', 'write', 250000), cell('output', 'none', 100)) }, { lines: { 'input/write/text': '1.875' } }, ['cliff', 'basis']),
      valid('basis input/none: 500 uncached + 5,000 cache reads stays at base', { model: 'uncached-basis', usage: usage(cell('input', 'none', 500), cell('input', 'read', 5000)) }, { total: '0.001' }, ['basis']),
      valid('basis input/none: 1,001 uncached crosses the threshold', { model: 'uncached-basis', usage: usage(cell('input', 'none', 1001), cell('input', 'read', 5000)) }, { total: '0.003002' }, ['basis']),
    ],
  },
  {
    comment: 'V12 Dashscope-style tiers per token (unit 1): graduated vs all-or-nothing (LiteLLM tiered_pricing.py)',
    sheet: sheet('dashscope-style', [
      { id: 'graduated', model: 'graduated', notes: 'LiteLLM calculate_tiered_cost docstring: [0,100000] at 0.0001, [100000,500000] at 0.00005', prices: { 'input/none/text': '0.0001' }, tiers: { mode: 'graduated', basis: 'cell', boundary: 'exclusive', levels: [{ from: 100000, prices: { 'input/none/text': '0.00005' } }] } },
      { id: 'graduated-inclusive', model: 'graduated-inclusive', notes: 'synthetic: token number 100,000 itself is the first of the upper band', prices: { 'input/none/text': '0.0001' }, tiers: { mode: 'graduated', basis: 'cell', boundary: 'inclusive', levels: [{ from: 100000, prices: { 'input/none/text': '0.00005' } }] } },
      { id: 'cliff', model: 'cliff', notes: 'LiteLLM select_tier_for_input: range_start < input_tokens <= range_end, all tokens at one tier', prices: { 'input/none/text': '0.0001' }, tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 100000, prices: { 'input/none/text': '0.00005' } }] } },
    ], { unit: 1 }),
    tests: [
      valid('V12 graduated: 150,000 tokens → 100,000 × 0.0001 + 50,000 × 0.00005 = 12.5', { model: 'graduated', usage: inOnly(150000) }, { total: '12.5' }, ['graduated']),
      valid('graduated: 100,000 tokens all in the first band → 10', { model: 'graduated', usage: inOnly(100000) }, { total: '10' }, ['graduated', 'boundary']),
      valid('graduated inclusive: 150,000 → 99,999 × 0.0001 + 50,001 × 0.00005', { model: 'graduated-inclusive', usage: inOnly(150000) }, { total: '12.49995' }, ['graduated', 'boundary']),
      valid('V12 all-or-nothing: 150,000 × 0.00005 = 7.5', { model: 'cliff', usage: inOnly(150000) }, { total: '7.5' }, ['cliff']),
      valid('all-or-nothing: exactly 100,000 stays in the lower tier (0 < Token <= 100K) → 10', { model: 'cliff', usage: inOnly(100000) }, { total: '10' }, ['cliff', 'boundary']),
    ],
  },
];

const resolutionGroups: GroupSpec[] = [
  {
    comment: 'Resolution with the reference list sheet: dates, windows, service tiers, unknown models, missing prices, bad usage',
    sheet: listSheet,
    tests: [
      valid('o3 at 2025-06-09T23:59:59.999Z → launch price', { model: 'o3', at: '2025-06-09T23:59:59.999Z', usage: o3u }, { total: '0.038' }, ['effective-date', 'boundary']),
      valid('o3 at 2025-06-10T00:00:00Z → new price (from is inclusive)', { model: 'o3', at: '2025-06-10T00:00:00Z', usage: o3u }, { total: '0.0076' }, ['effective-date', 'boundary']),
      valid('o3 at 2025-06-10T01:00:00+02:00 is 2025-06-09T23:00Z → launch price (offsets honoured)', { model: 'o3', at: '2025-06-10T01:00:00+02:00', usage: o3u }, { total: '0.038' }, ['effective-date', 'boundary']),
      valid('deepseek 00:29:59.999Z → off-peak (genai-prices calcPrice.test half-open windows)', { model: 'deepseek-chat', at: '2025-07-12T00:29:59.999Z', usage: v10 }, { total: '0.00185' }, ['time-of-day', 'boundary']),
      valid('deepseek 00:30:00.000Z → standard', { model: 'deepseek-chat', at: '2025-07-12T00:30:00.000Z', usage: v10 }, { total: '0.0037' }, ['time-of-day', 'boundary']),
      valid('deepseek 16:29:59.999Z → standard', { model: 'deepseek-chat', at: '2025-07-12T16:29:59.999Z', usage: v10 }, { total: '0.0037' }, ['time-of-day', 'boundary']),
      valid('deepseek 16:30:00.000Z → off-peak', { model: 'deepseek-chat', at: '2025-07-12T16:30:00.000Z', usage: v10 }, { total: '0.00185' }, ['time-of-day', 'boundary']),
      valid('gpt-4o batch tier: 50% (litellm *_batches)', { model: 'gpt-4o', service_tier: 'batch', usage: usage(cell('input', 'none', 1000000), cell('output', 'none', 1000000)) }, { total: '6.25' }, ['service-tier']),
      valid('gpt-4o priority tier (litellm *_priority)', { model: 'gpt-4o', service_tier: 'priority', usage: usage(cell('input', 'none', 1000), cell('input', 'read', 1000), cell('output', 'none', 1000)) }, { total: '0.023375' }, ['service-tier']),
      valid('gpt-5 flex tier (litellm *_flex)', { model: 'gpt-5', service_tier: 'flex', usage: usage(cell('input', 'none', 1000), cell('output', 'none', 1000)) }, { total: '0.005625' }, ['service-tier']),
      invalid('gpt-4o flex: no flex entry, never falls back to standard', { model: 'gpt-4o', service_tier: 'flex', usage: usage(cell('input', 'none', 1000)) }, 'no-price', ['service-tier']),
      invalid('gpt-4o batch with cache reads: the batch entry has no cache-read price → no-price, not free, not the input rate', { model: 'gpt-4o', service_tier: 'batch', usage: usage(cell('input', 'none', 10), cell('input', 'read', 1000)) }, 'no-price', ['no-price']),
      invalid('gpt-4o audio input: no audio price → no-price', { model: 'gpt-4o', usage: usage(cell('input', 'none', 100, { modality: 'audio' })) }, 'no-price', ['no-price']),
      valid('gemini-2.5-flash audio input priced by its own key, image by *', { model: 'gemini-2.5-flash', usage: usage(cell('input', 'none', 1000, { modality: 'audio' }), cell('input', 'none', 1000, { modality: 'image' })) }, { total: '0.0013' }, ['modality']),
      valid('reasoning output without a reasoning price is priced as output', { model: 'o3', usage: usage(cell('output', 'none', 100, { phase: 'reasoning' }), cell('output', 'none', 50, { phase: 'answer' })) }, { total: '0.0012' }, ['reasoning']),
      valid('a zero-token cell without a price costs nothing', { model: 'gpt-4o', usage: usage(cell('input', 'none', 10), cell('input', 'none', 0, { modality: 'audio' })) }, { total: '0.000025' }, ['zero']),
      invalid('unknown model, named with nearest known names', { model: 'claude-sonet-4-5', usage: usage(cell('input', 'none', 1)) }, 'unknown-model', ['unknown-model']),
      invalid('a dated name not listed as an alias is unknown (no prefix matching)', { model: 'gpt-4o-2024-08-06', usage: usage(cell('input', 'none', 1)) }, 'unknown-model', ['unknown-model']),
      invalid('web search reported for a model with no web-search fee', { model: 'gpt-4o', usage: usage(cell('input', 'none', 1)), events: { web_search: 1 } }, 'no-price', ['fee']),
      invalid('negative tokens', { model: 'gpt-4o', usage: usage(cell('input', 'none', -1)) }, 'input-invalid', ['bad-usage']),
      invalid('fractional tokens', { model: 'gpt-4o', usage: usage(cell('input', 'none', 1.5)) }, 'input-invalid', ['bad-usage']),
      invalid('tokens beyond 2^53-1', { model: 'gpt-4o', usage: usage(cell('input', 'none', 9007199254740992)) }, 'input-invalid', ['bad-usage']),
      invalid('tokens as a string', { model: 'gpt-4o', usage: usage(cell('input', 'none', '100' as unknown as number)) }, 'input-invalid', ['bad-usage']),
      invalid('a direction outside the schema', { model: 'gpt-4o', usage: usage(cell('sideways', 'none', 10)) }, 'input-invalid', ['bad-usage']),
      invalid('an output cell with a cache state (output is never cached)', { model: 'gpt-4o', usage: usage(cell('output', 'read', 10)) }, 'input-invalid', ['bad-usage']),
      invalid('the same cell twice would be billed twice', { model: 'gpt-4o', usage: usage(cell('input', 'none', 10), cell('input', 'none', 10)) }, 'input-invalid', ['bad-usage']),
      invalid('request time without offset', { model: 'gpt-4o', at: '2025-06-10 12:00:00', usage: usage(cell('input', 'none', 10)) }, 'input-invalid', ['bad-time']),
      invalid('request time on an impossible date', { model: 'gpt-4o', at: '2025-02-30T12:00:00Z', usage: usage(cell('input', 'none', 10)) }, 'input-invalid', ['bad-time']),
      invalid('Anthropic usage with negative input tokens is rejected by its convention', { model: 'claude-sonnet-4-5', native: { api: 'anthropic-messages', usage: { input_tokens: -3, output_tokens: 1 } } }, 'input-invalid', ['bad-usage']),
    ],
  },
  {
    comment: 'Fees: per request and per event (TMS-P-012); synthetic sheet',
    sheet: sheet('fees', [{ id: 'with-fee', model: 'with-fee', notes: 'synthetic: genai-prices requests_kcount 1 (USD per 1000 requests) = 0.001 per request', prices: { 'input/none/text': '1', 'output/none/text': '2' }, fees: { request: '0.001', web_search: '0.01' } }]),
    tests: [
      valid('request fee once per request', { model: 'with-fee', usage: usage(cell('input', 'none', 1000), cell('output', 'none', 1000)) }, { total: '0.004' }, ['fee']),
      valid('request fee on an empty usage', { model: 'with-fee', usage: usage() }, { total: '0.001' }, ['fee']),
      valid('three web searches', { model: 'with-fee', usage: usage(), events: { web_search: 3 } }, { total: '0.031' }, ['fee']),
    ],
  },
  {
    comment: 'Peak/off-peak schedule in Beijing time, weekdays only (DeepSeek Chinese page, xyzs996/llm-api-pricing#44); prices: V4 Flash, off-peak at half (reference §3.4)',
    sheet: sheet('deepseek-beijing', [
      { id: 'peak', model: 'deepseek-v4-flash', time_zone: 'Asia/Shanghai', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', until: '12:00' }, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '14:00', until: '18:00' }], prices: { 'input/none/text': '0.14', 'input/read/text': '0.0028', 'output/none/text': '0.28' } },
      { id: 'off-peak', model: 'deepseek-v4-flash', time_zone: 'Asia/Shanghai', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '00:00', until: '09:00' }, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '12:00', until: '14:00' }, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', until: '24:00' }, { days: ['sat', 'sun'], from: '00:00', until: '24:00' }], prices: { 'input/none/text': '0.07', 'input/read/text': '0.0014', 'output/none/text': '0.14' } },
    ]),
    tests: [
      valid('Friday 09:30 Beijing (01:30Z) is peak', { model: 'deepseek-v4-flash', at: '2026-08-21T01:30:00Z', usage: usage(cell('input', 'none', 1000000)) }, { total: '0.14' }, ['time-of-day', 'time-zone']),
      valid('Saturday 09:30 Beijing (Saturday 01:30Z) is off-peak (weekend)', { model: 'deepseek-v4-flash', at: '2026-08-22T01:30:00Z', usage: usage(cell('input', 'none', 1000000)) }, { total: '0.07' }, ['time-of-day', 'time-zone']),
      valid('Monday 00:30 Beijing is Sunday 16:30Z: the weekday is local (off-peak)', { model: 'deepseek-v4-flash', at: '2026-08-23T16:30:00Z', usage: usage(cell('input', 'none', 1000000)) }, { total: '0.07' }, ['time-of-day', 'time-zone']),
      valid('Monday 09:00 Beijing is Monday 01:00Z: peak starts (inclusive)', { model: 'deepseek-v4-flash', at: '2026-08-24T01:00:00Z', usage: usage(cell('input', 'none', 1000000)) }, { total: '0.14' }, ['time-of-day', 'time-zone', 'boundary']),
      valid('Monday 18:00 Beijing (10:00Z): peak ended (until is exclusive)', { model: 'deepseek-v4-flash', at: '2026-08-24T10:00:00Z', usage: usage(cell('input', 'none', 1000000)) }, { total: '0.07' }, ['time-of-day', 'time-zone', 'boundary']),
    ],
  },
  {
    comment: 'Windows in two time zones overlap only on some days: pricing there is ambiguous-price (TMS-P-009); synthetic',
    sheet: sheet('two-zones', [
      { id: 'new-york-evening', model: 'm', time_zone: 'America/New_York', windows: [{ from: '18:00', until: '19:00' }], prices: { 'input/none/text': '1' } },
      { id: 'utc-night', model: 'm', time_zone: 'UTC', windows: [{ from: '22:00', until: '23:00' }], prices: { 'input/none/text': '2' } },
    ]),
    tests: [
      valid('2026-01-15T22:30Z is 17:30 in New York (EST): only utc-night matches', { model: 'm', at: '2026-01-15T22:30:00Z', usage: inOnly(1000000) }, { total: '2' }, ['time-zone']),
      valid('2026-01-15T23:30Z is 18:30 in New York (EST): only new-york-evening matches', { model: 'm', at: '2026-01-15T23:30:00Z', usage: inOnly(1000000) }, { total: '1' }, ['time-zone']),
      invalid('2026-07-15T22:30Z is 18:30 in New York (EDT) and 22:30 UTC: both match → ambiguous-price', { model: 'm', at: '2026-07-15T22:30:00Z', usage: inOnly(1000000) }, 'ambiguous-price', ['ambiguity', 'time-zone']),
      invalid('2026-01-15T12:00Z matches no window → no-price', { model: 'm', at: '2026-01-15T12:00:00Z', usage: inOnly(1000000) }, 'no-price', ['no-price']),
    ],
  },
];

const priceNotes: Record<string, { description: string; bug_type?: string }> = {
  'cache-subset': { description: 'The API reports cached tokens as a subset of the prompt count; they must not be priced twice (TMS-P-016).', bug_type: 'double-count' },
  'cache-disjoint': { description: 'Anthropic reports input, cache reads and cache writes as disjoint counters; each is priced once (TMS-P-016).', bug_type: 'double-count' },
  'cache-ttl': { description: 'Cache writes priced by lifetime (5m, 1h).' },
  reasoning: { description: 'Reasoning tokens are output; priced as output unless a reasoning price is given (TMS-P-006).', bug_type: 'double-count' },
  modality: { description: 'Modality-specific and * prices (TMS-P-006).' },
  cliff: { description: 'All-or-nothing tier selected by the basis count (TMS-P-007).', bug_type: 'tier' },
  graduated: { description: 'Marginal tiers: each band at its own price (TMS-P-007).', bug_type: 'tier' },
  basis: { description: 'Which cells count toward the tier threshold (TMS-P-007).', bug_type: 'tier' },
  boundary: { description: 'A count or instant exactly at a threshold or window edge.', bug_type: 'off-by-one' },
  'time-of-day': { description: 'Time-of-day windows (TMS-P-005).' },
  'time-zone': { description: 'Windows evaluated in an IANA time zone, with local weekday and daylight saving (TMS-P-005).' },
  'effective-date': { description: 'Date-effective prices [from, until) (TMS-P-005).' },
  'service-tier': { description: 'Service tier resolution without fallback (TMS-P-008).' },
  'no-price': { description: 'A cell or instant without a price must give no-price, never zero (TMS-P-006).', bug_type: 'silent-free' },
  'unknown-model': { description: 'Unknown model names must be rejected, naming nearest known ones (TMS-P-010).' },
  fee: { description: 'Per-request and per-event fees (TMS-P-012).' },
  zero: { description: 'Zero-token cells cost nothing and need no price.' },
  'bad-usage': { description: 'Invalid token counts or repeated cells must be rejected (TMS-P-017).' },
  'bad-time': { description: 'A request time that is not RFC 3339 with offset must be rejected (TMS-P-005).' },
  ambiguity: { description: 'Two entries match the same instant: ambiguous-price naming both (TMS-P-009).', bug_type: 'ambiguity' },
};

const costRefs = [
  'reference pricing.md §7 (golden vectors V1–V12) and §0.1 (which counters contain which)',
  'pydantic/genai-prices tests/dataset/usages.json (V2–V5 expected input_price/output_price)',
  'pydantic/genai-prices packages/js/src/__tests__/tieredPricing.test.ts and calcPrice.test.ts',
  'pydantic/genai-prices prices/providers/{openai,anthropic,google,deepseek}.yml (HEAD 47df840a, 2026-08-21)',
  'BerriAI/litellm model_prices_and_context_window.json (mirror Wei-Shaw/model-price-repo, 2026-07-24) and tiered_pricing.py',
  'Anthropic pricing docs copy (patrickcarmichael/claude-docs 73-model-pricing.md, 75-feature-specific-pricing.md, 2025-11-08)',
];

const priceGroups = [
  { file: 'pricing/cost.json', groups: costGroups, header: 'Cost of real usages with list prices: reference §7 V1–V11, priced through the canonical cells of each API convention.', reference: costRefs, requirements: ['TMS-P-006', 'TMS-P-011', 'TMS-P-012', 'TMS-P-016', 'TMS-P-005', 'TMS-P-007'], notes: priceNotes },
  { file: 'pricing/tiers.json', groups: tierGroups, header: 'Tiers: cliff versus graduated, basis and boundary (reference §0.2, V7, V12).', reference: costRefs, requirements: ['TMS-P-007', 'TMS-P-011'], notes: priceNotes },
  { file: 'pricing/resolution.json', groups: resolutionGroups, header: 'Price resolution: effective dates, windows in time zones, service tiers, unknown models, missing prices, fees and bad usage.', reference: [...costRefs, 'xyzs996/llm-api-pricing discussion #44 (DeepSeek weekday schedule in Beijing time)'], requirements: ['TMS-P-005', 'TMS-P-006', 'TMS-P-008', 'TMS-P-009', 'TMS-P-010', 'TMS-P-012', 'TMS-P-017'], notes: priceNotes },
];
