import { floatToDecimal, shiftDecimal } from './floatToDecimal.js';
import type { ImportIssue } from './importReport.js';

/** A genai-prices tiered price: cliff tiers chosen by total input tokens, strictly above `start`. */
export interface GTiered {
  base: number;
  tiers: { start: number; price: number }[];
}
/** A genai-prices ModelPrice: price key → USD per unit (number) or tiered. */
export type GModelPrice = Record<string, number | GTiered | undefined>;

const tokenKey = /^(input|output|cache)_(?:(text|audio|image|video)_)?(?:(read|write)_)?(?:(5m|1h)_)?(?:(tool|reasoning|citation)_)?mtok$/;
const feeKeys: Record<string, string> = {
  requests_kcount: 'request',
  web_searches_kcount: 'web_search',
  storage_searches_kcount: 'storage_search',
  social_searches_kcount: 'social_search',
  code_executions_kcount: 'code_execution',
  rerank_searches_kcount: 'rerank_search',
};

/**
 * The tokencert price key of a genai-prices token price key (units.yml dimensions: direction,
 * modality, token_type, cache_ttl), e.g. cache_write_1h_mtok → input/write@1h/*,
 * output_reasoning_mtok → output/none/STAR/reasoning; undefined for a key with no cell (citation).
 */
export function cellKeyOfGenaiKey(key: string): string | undefined {
  const m = tokenKey.exec(key);
  if (!m) return undefined;
  const [, dir, modality, cache, ttl, type] = m;
  if (type === 'citation') return undefined;
  if (dir === 'cache' && !cache) return undefined;
  if (dir !== 'cache' && (cache || ttl)) return undefined;
  if (ttl && cache !== 'write') return undefined;
  const direction = dir === 'output' ? 'output' : 'input';
  if (type === 'reasoning' && direction !== 'output') return undefined;
  if (type === 'tool' && direction !== 'input') return undefined;
  const c = dir === 'cache' ? (ttl ? `${cache}@${ttl}` : cache!) : 'none';
  return `${direction}/${c}/${modality ?? '*'}${type ? `/${type}` : ''}`;
}

/** A converted ModelPrice: flat prices, fees and cliff tiers in tokencert form. */
export interface ConvertedPrice {
  prices: Record<string, string>;
  fees: Record<string, string>;
  tiers?: { mode: 'cliff'; basis: ['input']; boundary: 'exclusive'; levels: { from: number; prices: Record<string, string> }[] };
}

function dec(n: number, issues: ImportIssue[], source: string, field: string): string | undefined {
  const d = typeof n === 'number' && n >= 0 ? floatToDecimal(n) : undefined;
  if (d === undefined) issues.push({ source, field, effect: 'price-dropped', reason: `not a non-negative finite number: ${JSON.stringify(n)}` });
  return d;
}

type Tiered = { base: string; tiers: { start: number; price: string }[] };
/** A ModelPrice's prices in tokencert form before tiers are laid out: flat and tiered per cell key, fees per event. */
interface ReadPrices {
  flat: Record<string, string>;
  tiered: Record<string, Tiered>;
  fees: Record<string, string>;
}

/** A tiered price in exact decimals; undefined (and reported) when a price or a threshold is unusable. */
function tieredPrice(key: string, v: GTiered, source: string, issues: ImportIssue[]): Tiered | undefined {
  const base = dec(v.base, issues, source, `${key}.base`);
  const tiers = v.tiers.map((t, i) => ({ start: t.start, price: dec(t.price, issues, source, `${key}.tiers[${i}]`) }));
  if (base === undefined || tiers.some((t) => t.price === undefined || !Number.isSafeInteger(t.start) || t.start < 1)) {
    issues.push({ source, field: key, effect: 'price-dropped', reason: 'tiered price with an unusable price or a threshold below 1' });
    return undefined;
  }
  return { base, tiers: tiers as { start: number; price: string }[] };
}

/** Sorts every price of a ModelPrice into fees, flat and tiered cell prices, reporting what has no tokencert form. */
function readPrices(mp: GModelPrice, source: string, issues: ImportIssue[]): ReadPrices {
  const out: ReadPrices = { flat: {}, tiered: {}, fees: {} };
  for (const [key, v] of Object.entries(mp)) {
    if (v === undefined) continue;
    const fee = feeKeys[key];
    if (fee) {
      if (typeof v !== 'number') {
        issues.push({ source, field: key, effect: 'price-dropped', reason: 'tiered fee' });
        continue;
      }
      const d = dec(v, issues, source, key);
      if (d !== undefined) out.fees[fee] = shiftDecimal(d, -3); // per 1,000 events → per event, exact
      continue;
    }
    const cell = cellKeyOfGenaiKey(key);
    if (!cell) {
      issues.push({ source, field: key, effect: 'price-dropped', reason: 'not a per-token or per-event price (no usage cell or fee for this unit)' });
      continue;
    }
    if (typeof v === 'number') {
      const d = dec(v, issues, source, key);
      if (d !== undefined) out.flat[cell] = d;
      continue;
    }
    if (typeof v !== 'object' || v === null || !Array.isArray(v.tiers)) {
      issues.push({ source, field: key, effect: 'price-dropped', reason: `neither a number nor a tiered price {base, tiers}: ${JSON.stringify(v)}` });
      continue;
    }
    const t = tieredPrice(key, v, source, issues);
    if (t) out.tiered[cell] = t;
  }
  return out;
}

/** The cliff levels of the tiered prices: at each threshold, every cell's price of the highest tier at or below it. */
function cliffLevels(flat: Record<string, string>, tiered: Record<string, Tiered>, starts: number[]): { from: number; prices: Record<string, string> }[] {
  return starts.map((from) => {
    const p: Record<string, string> = { ...flat };
    for (const [k, t] of Object.entries(tiered)) {
      let price = t.base;
      let best = -1;
      for (const x of t.tiers)
        if (x.start <= from && x.start > best) {
          best = x.start;
          price = x.price;
        }
      p[k] = price;
    }
    return { from, prices: p };
  });
}

/**
 * Converts one genai-prices ModelPrice. Unpriced cache reads and writes are made explicit at the
 * input price, because genai-prices folds an unpriced unit into its priced ancestor (input_tokens)
 * while tokencert refuses to guess (TMS-P-006); every price with no tokencert form is reported.
 */
export function convertModelPrice(mp: GModelPrice, source: string, issues: ImportIssue[]): ConvertedPrice {
  const { flat, tiered, fees } = readPrices(mp, source, issues);
  // genai-prices folds unpriced cache reads/writes into input_tokens (leaf decomposition).
  const input = flat['input/none/*'] ?? tiered['input/none/*'];
  for (const k of ['input/read/*', 'input/write/*']) {
    if (input !== undefined && !(k in flat) && !(k in tiered)) {
      if (typeof input === 'string') flat[k] = input;
      else tiered[k] = input;
    }
  }
  const starts = [...new Set(Object.values(tiered).flatMap((t) => t.tiers.map((x) => x.start)))].sort((a, b) => a - b);
  const prices: Record<string, string> = { ...flat };
  for (const [k, t] of Object.entries(tiered)) prices[k] = t.base;
  if (starts.length === 0) return { prices, fees };
  return { prices, fees, tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: cliffLevels(flat, tiered, starts) } };
}
