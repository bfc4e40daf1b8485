// Generates the harness vectors (vectors/harness/*.json): native usages from public issue threads
// (scripts/vectors/harness/issueCases.ts) priced at list prices, with every expectation computed
// by the reference implementation (src/measure conventions, src/pricing). One file of kind
// `price` serves two harness kinds: `usage` (the native usage → cells) and `cost` (cells → money);
// its sheet is what a failure's money impact is stated at (TMS-H-006, TMS-H-010).
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/paths.js';
import { specVersion, toolVersion } from '../../src/version.js';
import { computePrice, type PriceTest } from '../../src/vectors/runners/price.js';
import { compilePriceSheet } from '../../src/pricing/compilePriceSheet.js';
import { writeVectorFile } from '../../src/vectors/writeVectorFile.js';
import { issueCases } from './harness/issueCases.js';

const AT = '2025-09-01T12:00:00Z';
const MODELS = ['openai/gpt-4o', 'openai/gpt-5', 'anthropic/claude-sonnet-4-5', 'google/gemini-2.5-flash'];

/** The list-price entries the cases use, taken from vectors/pricing/cost.json's first sheet (each entry cites its source). */
function listPrices(): Record<string, unknown> {
  const cost = JSON.parse(readFileSync(fromRoot('vectors', 'pricing', 'cost.json'), 'utf8')) as {
    test_groups: { sheet: { entries: { id: string; tiers?: unknown }[] } }[];
  };
  const entries = MODELS.map((id) => {
    const e = cost.test_groups[0].sheet.entries.find((x) => x.id === id);
    if (!e) throw new Error(`scripts/vectors/harness.ts: vectors/pricing/cost.json has no entry ${id} — refusing to write vectors`);
    // Every usage here stays below the 200k-token tier boundary, so the base prices alone are the
    // whole price; leaving the tier rule out lets pricers without tiers take part.
    const { tiers: _tiers, ...rest } = e;
    return rest;
  });
  return { tms_version: specVersion, id: 'harness-list-prices', currency: 'USD', unit: 1000000, entries };
}

/** Writes vectors/harness/cost-issues.json. */
export async function generate(): Promise<string[]> {
  const sheet = listPrices();
  const compiled = compilePriceSheet(structuredClone(sheet), { file: 'harness-list-prices' });
  const tests = issueCases.map((c, i) => {
    const t: Record<string, unknown> = {
      tc_id: i + 1,
      comment: c.comment,
      flags: [...c.flags],
      result: 'valid',
      at: AT,
      model: c.model,
      native: { api: c.api, usage: c.usage },
    };
    if (c.events) t.events = c.events;
    const r = computePrice(t as unknown as PriceTest, compiled);
    if (!r.ok)
      throw new Error(
        `scripts/vectors/harness.ts: case ${i + 1} (${c.comment}) is refused by the reference: ${r.code}: ${r.message} — refusing to write vectors`,
      );
    t.expected = { entry: r.entry, lines: r.lines, total: r.total };
    return t;
  });
  const file = {
    schema: 'vectors-price.json',
    spec_version: specVersion,
    kind: 'price',
    source: {
      name: 'tokencert scripts/vectors/harness.ts (expectations by the reference implementation)',
      version: toolVersion,
      reference: [
        ...new Set(
          issueCases.flatMap((c) => [...c.comment.matchAll(/[\w.-]+\/[\w.-]+#\d+/g)].map((m) => `https://github.com/${m[0].replace('#', '/issues/')}`)),
        ),
      ].sort(),
    },
    requirements: ['TMS-M-024', 'TMS-M-025', 'TMS-M-026', 'TMS-M-027', 'TMS-P-011', 'TMS-H-006', 'TMS-H-010'],
    notes: {
      'cache-write': { description: 'Anthropic cache writes, beside input_tokens.' },
      'cache-read': { description: 'Cache reads: beside input on Anthropic, inside the prompt count on OpenAI and Gemini.' },
      'cache-ttl': { description: '5-minute and 1-hour cache writes, priced differently.' },
      'server-tool': { description: 'A server-side tool whose use is billed per request, beside tokens.' },
      'reasoning-inside': { description: 'Reasoning tokens reported inside the output count.' },
      'reasoning-beside': { description: 'Reasoning tokens reported beside the output count (Gemini thoughts).' },
      zero: { description: 'Every count is zero.' },
      missing: { description: 'A count the API usually sends is missing.' },
    },
    header: [
      'Usages reported in public issue threads, priced at list prices (entries copied from vectors/pricing/cost.json, tier rules left out: every usage is below the boundary).',
      "The harness draws usage cases (native usage → cells) and cost cases (cells → money) from each test; a failure's money impact is stated at this sheet.",
      "Each comment ends with the issue thread(s) the usage comes from; counts marked illustrative are not the thread's.",
    ],
    test_groups: [{ comment: 'issue-thread usages at list prices', sheet, tests }],
  };
  return [await writeVectorFile('harness/cost-issues.json', file)];
}
