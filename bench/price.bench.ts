// Benchmark of exact pricing (TMS-P-011): usages priced per second by tokencert's priceUsage
// (BigInt-scaled decimals, prices parsed once when the sheet is compiled, entries indexed by name)
// and by @pydantic/genai-prices' calcPrice (binary floats) on the same usages, same models, same
// request times, side by side in one run. The sheets are imported from genai-prices' own bundled
// data, so both price the same thing; the totals are checked to agree before timing.
// Usage: node --expose-gc --import tsx bench/price.bench.ts [N]   (default 200000)
import { calcPrice, waitForUpdate, type Usage as GUsage } from '@pydantic/genai-prices';
import { Decimal } from '../src/money/Decimal.js';
import { compilePriceSheet } from '../src/pricing/compilePriceSheet.js';
import { floatToDecimal } from '../src/pricing/import/floatToDecimal.js';
import { importGenaiPrices, type GProvider } from '../src/pricing/import/genaiPrices.js';
import { priceUsage } from '../src/pricing/priceUsage.js';
import type { PriceSheet } from '../src/pricing/types.js';
import type { Usage, UsageCell } from '../src/schemas/types.gen.js';

const N = Number(process.argv[2] ?? 200_000);
const gc = (globalThis as { gc?: () => void }).gc;
const providers = ['openai', 'anthropic', 'google', 'deepseek'];
const data = (await waitForUpdate()) as unknown as GProvider[];
const sheets = new Map<string, PriceSheet>();
for (const p of providers)
  sheets.set(p, compilePriceSheet(importGenaiPrices(data, { providers: [p], source: 'bench', retrieved: 'bench', generator: 'bench' }).sheet, { file: p }));
const targets = [...sheets].flatMap(([p, s]) =>
  s.entries.filter((e) => [...e.prices.keys()].some((k) => k.startsWith('output'))).map((e) => ({ p, s, name: e.names[0] })),
);

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (m: number) => Math.floor(rand() * (m + 1));
interface Case {
  t: (typeof targets)[number];
  at: string;
  date: Date;
  usage: Usage;
  g: GUsage;
}
const cases: Case[] = [];
for (let i = 0; i < N; i++) {
  const t = targets[int(targets.length - 1)];
  const date = new Date(Date.UTC(2025, 0, 1) + int(600 * 86400) * 1000);
  const read = rand() < 0.5 ? int(20_000) : 0;
  const cells: UsageCell[] = [{ direction: 'input', cache: 'none', modality: 'text', tokens: int(50_000) }];
  if (read) cells.push({ direction: 'input', cache: 'read', modality: 'text', tokens: read });
  cells.push({ direction: 'output', cache: 'none', modality: 'text', phase: 'answer', tokens: int(4_000) });
  const g: GUsage = { input_tokens: cells[0].tokens + read, output_tokens: cells[cells.length - 1].tokens };
  if (read) g.cache_read_tokens = read;
  cases.push({ t, at: date.toISOString(), date, usage: { cells }, g });
}

// The two must agree (up to float noise) before their speeds mean anything.
let checked = 0;
for (const c of cases.slice(0, 2000)) {
  const a = priceUsage(c.t.s, { model: c.t.name, at: c.at, usage: c.usage });
  const b = calcPrice(c.g, c.t.name, { providerId: c.t.p, timestamp: c.date });
  if (!a.ok || !b) continue;
  const x = Decimal.parse(a.total);
  const y = Decimal.parse(floatToDecimal(b.total_price)!);
  // Relative difference above 1e-9 (|x − y| × 10^9 > |x|), compared exactly: no float touches the amounts.
  const d = x.sub(y);
  if ((d.sign() < 0 ? d.neg() : d).mul(Decimal.fromBigInt(1_000_000_000n)).cmp(x) > 0)
    throw new Error(`disagreement on ${c.t.name}: ${a.total} vs ${b.total_price}`);
  checked++;
}

function run(label: string, f: (c: Case) => unknown): { label: string; perSec: number; ms: number } {
  for (let i = 0; i < Math.min(20_000, N); i++) f(cases[i]); // warm-up
  gc?.();
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < N; i++) sink += f(cases[i]) ? 1 : 0;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (sink < 0) console.log(sink);
  return { label, perSec: (N / ms) * 1000, ms };
}

const rows = [
  run('tokencert priceUsage (exact, BigInt)', (c) => priceUsage(c.t.s, { model: c.t.name, at: c.at, usage: c.usage })),
  run('genai-prices calcPrice (float)', (c) => calcPrice(c.g, c.t.name, { providerId: c.t.p, timestamp: c.date })),
];
console.log(
  `price.bench: ${N} usages over ${targets.length} models of ${providers.join(', ')} (genai-prices bundled data, imported); ${checked} cross-checked equal before timing`,
);
for (const r of rows) console.log(`  ${r.label.padEnd(40)} ${Math.round(r.perSec).toLocaleString('en-US').padStart(12)} usages/s  (${r.ms.toFixed(0)} ms)`);
console.log(`  ratio tokencert / genai-prices: ${(rows[0].perSec / rows[1].perSec).toFixed(2)}×`);
