// Generates the money and pricing golden vectors (vectors/money/*.json, vectors/pricing/*.json)
// from the reference implementation (src/money, src/pricing), and cross-checks every expectation
// that a cited source states (golden examples V1–V15, genai-prices tests, Java's
// RoundingMode table, OpenMeter, Oracle, Stripe, Chargebee, lare_round) — refusing to write on
// any disagreement. The inputs and expectations live in scripts/vectors/pricing/*Cases.ts.
import { writeVectorFile } from '../../src/vectors/writeVectorFile.js';
import { specVersion, toolVersion } from '../../src/version.js';
import { computeMoney } from '../../src/vectors/runners/money.js';
import { computePrice, type PriceTest } from '../../src/vectors/runners/price.js';
import { checkSheetYaml } from '../../src/vectors/runners/priceSheet.js';
import { compilePriceSheet } from '../../src/pricing/compilePriceSheet.js';
import { Decimal } from '../../src/money/Decimal.js';
import { moneyTests } from './pricing/moneyCases.js';
import { priceGroups, type GroupSpec } from './pricing/priceCases.js';
import { sheetTests } from './pricing/sheetCases.js';

const source = (reference: string[]) => ({ name: 'tokencert reference implementation (src/money, src/pricing)', version: toolVersion, reference });

function fail(msg: string): never {
  throw new Error(`scripts/vectors/pricing.ts: ${msg} — refusing to write vectors`);
}

const write = writeVectorFile;

async function genMoney(): Promise<string> {
  let id = 0;
  const groups = moneyTests.map((g) => ({
    comment: g.comment,
    tests: g.tests.map((t) => {
      const test = { tc_id: ++id, ...t.test } as Record<string, unknown>;
      let got: string | number | undefined;
      try {
        got = computeMoney(test as never);
      } catch {
        got = undefined;
      }
      if (test.result === 'invalid') {
        if (got !== undefined) fail(`money #${id} must be rejected but gave ${got}`);
      } else {
        if (got === undefined) fail(`money #${id} was rejected`);
        // An expectation nobody derived independently would only restate the implementation.
        if (t.cited === undefined) fail(`money #${id} (${String(test.comment)}) has no cited or hand-derived expectation`);
        if (t.cited !== undefined && t.cited !== got) fail(`money #${id} (${String(test.comment)}): source says ${t.cited}, reference gives ${got}`);
        test.expected = got;
      }
      return test;
    }),
  }));
  return write('money/rounding.json', {
    schema: 'vectors-money.json',
    spec_version: specVersion,
    kind: 'money',
    source: source([
      'java.math.RoundingMode Javadoc table (docs.oracle.com/javase/8/docs/api/java/math/RoundingMode.html): 5.5, 2.5, 1.6, 1.1, 1.0 and negatives in all modes',
      'checkdigit/currency src/currencies.ts (ISO 4217 minor units; ISK 2 → 0 on 2023-04-15)',
      'grid-billing src/rounding.rs (docs.rs); Oracle BankRound 123.425 (https://docs.oracle.com/cd/F28171_01/DR/BankRound.html); alpacadecimal Round',
      'openmeterio/openmeter pkg/currencyx tests (USD 1.23456789 → 1.23, JPY 1.9556789 → 2)',
      'https://stripe.com/docs/billing/subscriptions/decimal-amounts (V13 line rounding, V14 midpoint)',
      'Chargebee rounding logic for line item amounts (4.4556 × 10.625 = 47.34075 → 47.34 / JPY 47); V15 lare_round gem (rubygems.org/gems/lare_round)',
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
    header: [
      'Money vectors: exact rounding in the seven modes, midpoints, negatives, line versus total rounding, decimal parsing and versioned minor units.',
      'Figures a test comment attributes to a source are quoted from it; the rest (e.g. the -0.0000005 and -7.777 series) are worked by hand from the mode definitions in scripts/vectors/pricing/moneyCases.ts. The generator refuses to write when the reference implementation disagrees with either.',
    ],
    test_groups: groups,
  });
}

async function genPrice(
  rel: string,
  groupsSpec: GroupSpec[],
  header: string,
  reference: string[],
  requirements: string[],
  notes: Record<string, { description: string; bug_type?: string }>,
): Promise<string> {
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
        if (c?.total === undefined && c?.input === undefined && c?.output === undefined && c?.lines === undefined)
          fail(`${rel} #${id} (${test.comment}) has no cited or hand-derived expectation`);
        if (c?.total !== undefined && c.total !== got.total)
          fail(`${rel} #${id} (${test.comment}): source says total ${c.total}, reference gives ${got.total}`);
        for (const [dir, want] of [
          ['input/', c?.input],
          ['output/', c?.output],
        ] as const) {
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
  return write(rel, {
    schema: 'vectors-price.json',
    spec_version: specVersion,
    kind: 'price',
    source: source(reference),
    requirements,
    notes,
    header: [header, expectationNote],
    test_groups: groups,
  });
}

const expectationNote =
  'Figures a test comment attributes to a source are quoted from it; other totals are hand arithmetic written in scripts/vectors/pricing/priceCases.ts. The generator refuses to write when the reference implementation disagrees with either.';

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
      const place = [r.problem.location.pointer ?? '', r.problem.location.line];
      if (place[0] !== want.pointer || place[1] !== want.line)
        fail(
          `sheets #${id} (${String(test.comment)}): expected ${String(want.pointer)} at line ${String(want.line)}, reference gives ${place[0]} at line ${String(place[1])}`,
        );
      for (const n of (want.names as string[] | undefined) ?? []) if (!r.problem.message.includes(`"${n}"`)) fail(`sheets #${id}: message does not name ${n}`);
      test.expected_error = {
        code: r.problem.code,
        reason: r.problem.reason,
        pointer: r.problem.location.pointer ?? '',
        ...(r.problem.location.line !== undefined ? { line: r.problem.location.line } : {}),
        ...(want.names ? { names: want.names } : {}),
      };
      return test;
    }),
  }));
  return write('pricing/sheets.json', {
    schema: 'vectors-price-sheet.json',
    spec_version: specVersion,
    kind: 'price-sheet',
    source: source([
      'schemas/price-sheet.json',
      'pydantic/genai-prices#587 (tier boundary), pydantic/genai-prices#241 (cliff vs incremental)',
      'Helicone/helicone#5766 (tier forgetting cache writes)',
    ]),
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
