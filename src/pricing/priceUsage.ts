import { InputError } from '../errors/errors.js';
import { format, pow10 } from '../money/Decimal.js';
import type { UsageCell } from '../schemas/types.gen.js';
import { cellKey } from '../measure/usageTotals.js';
import { candidatePriceKeys } from './priceKey.js';
import { requestTime, resolveEntry } from './resolveEntry.js';
import type { CompiledEntry, CompiledPrice, CompiledTiers, PriceLine, PriceQuery, PriceResult, PriceSheet } from './types.js';

type Found = { key: string; price: CompiledPrice } | null;
const keyCache = new WeakMap<ReadonlyMap<string, CompiledPrice>, Map<string, Found>>();

/** The price of a cell in a price map after the fallbacks of TMS-P-006, memoised per map and cell key. */
function lookup(prices: ReadonlyMap<string, CompiledPrice>, cell: UsageCell, kind: string): Found {
  let cache = keyCache.get(prices);
  if (!cache) keyCache.set(prices, (cache = new Map()));
  let f = cache.get(kind);
  if (f === undefined) {
    f = null;
    for (const k of candidatePriceKeys(cell)) {
      const p = prices.get(k);
      if (p) {
        f = { key: k, price: p };
        break;
      }
    }
    cache.set(kind, f);
  }
  return f;
}

const validKinds = new Set<string>();
const cellKindPattern = /^(input\/(none|read|write(@[0-9]+(s|m|h|d))?)|output\/none)\/(text|image|audio|video)(\/(answer|reasoning|tool))?$/;

/** A cell's fields must be the schema's enums (TMS-P-017); checked once per distinct key. */
function checkKind(kind: string, i: number): void {
  if (validKinds.has(kind)) return;
  if (!cellKindPattern.test(kind))
    throw new InputError(
      'input-invalid',
      `usage cell ${i} is not a valid cell (${kind}): direction input|output, cache none|read|write (none for output), modality text|image|audio|video, phase answer|reasoning|tool`,
    );
  validKinds.add(kind);
}

function checkCount(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new InputError('input-invalid', `${what} must be a non-negative integer no larger than 2^53-1, got ${JSON.stringify(n)}`);
  }
  return n;
}

/** The basis count that selects a cliff tier: the sum of the cells the basis names (TMS-P-007). */
function basisCount(tiers: CompiledTiers, cells: readonly UsageCell[], own: number): number {
  if (tiers.basis === 'cell') return own;
  let n = 0;
  for (const c of cells) if (tiers.basis.some((b) => b.direction === c.direction && (b.cache === undefined || b.cache === c.cache))) n += c.tokens;
  return n;
}

/** Index of the cliff level reached by `count` (-1 = base). */
function levelFor(tiers: CompiledTiers, count: number): number {
  let idx = -1;
  for (let i = 0; i < tiers.levels.length; i++) {
    const f = tiers.levels[i].from;
    if (tiers.boundary === 'inclusive' ? count >= f : count > f) idx = i;
  }
  return idx;
}

/** A failed pricing: unknown model, no price or ambiguity (a value, not an exception). */
type PriceFailure = Extract<PriceResult, { ok: false }>;

/** The lines of a priced usage and their exact sum, kept as one coefficient at the largest scale seen. */
class PricedLines {
  readonly lines: PriceLine[] = [];
  #coef = 0n;
  #scale = 0;

  /** Adds a line whose amount is coef × 10^-scale. */
  add(line: PriceLine, coef: bigint, scale: number): void {
    this.lines.push(line);
    if (scale > this.#scale) {
      this.#coef *= pow10(scale - this.#scale);
      this.#scale = scale;
    }
    this.#coef += scale < this.#scale ? coef * pow10(this.#scale - scale) : coef;
  }

  /** The exact total as plain decimal text. */
  total(): string {
    return trimmed(this.#coef, this.#scale);
  }
}

/**
 * Prices a canonical usage with a sheet (TMS-P-011): resolves the one entry for the model, time and
 * service tier, prices every non-empty cell as tokens × unit price ÷ unit exactly (no intermediate
 * rounding), adds per-request and per-event fees, and sums. Pure: the result depends on the
 * arguments only. Expected failures (unknown model, no price, ambiguity) are values; invalid usage
 * or a malformed time is an InputError.
 */
export function priceUsage(sheet: PriceSheet, q: PriceQuery): PriceResult {
  const atMs = requestTime(q.at);
  const cells = q.usage?.cells;
  if (!Array.isArray(cells)) throw new InputError('input-invalid', 'usage must be an object with a cells array');
  const r = resolveEntry(sheet, q.model, atMs, q.serviceTier ?? 'standard');
  if (!r.ok) return r;
  const e = r.entry;
  const priced = new PricedLines();
  const failed = priceCells(sheet, e, cells, priced) ?? priceFees(e, q, priced);
  if (failed) return failed;
  return { ok: true, entry: { id: e.id, model: e.model }, currency: sheet.currency, lines: priced.lines, total: priced.total() };
}

/** Prices every cell of a usage into `priced` (flat, cliff or graduated tiers); checks counts, kinds and disjointness. */
function priceCells(sheet: PriceSheet, e: CompiledEntry, cells: readonly UsageCell[], priced: PricedLines): PriceFailure | undefined {
  const unitExp = sheet.unitExponent;
  const add = (line: PriceLine, coef: bigint, scale: number): void => priced.add(line, coef, scale);
  // Kinds seen so far: a usage has a handful of cells, so an array beats a Set built per record.
  const seen: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const tokens = checkCount(cell?.tokens, `usage cell ${i} tokens`);
    const kind = cellKey(cell);
    checkKind(kind, i);
    // Cells are disjoint (TMS-M-020): a repeated cell would be billed twice.
    if (seen.includes(kind)) throw new InputError('input-invalid', `usage cell ${i} repeats cell ${kind}; cells must be disjoint`);
    seen.push(kind);
    if (tokens === 0) continue;
    const tiers = e.tiers;
    const failed =
      tiers?.mode === 'graduated' ? priceGraduated(e, tiers, cell, kind, tokens, unitExp, add) : priceFlatOrCliff(sheet, e, cells, cell, kind, tokens, add);
    if (failed) return failed;
  }
  return undefined;
}

/** Prices one cell at one price: the entry's, or the cliff level its basis count reaches (TMS-P-007). */
function priceFlatOrCliff(
  sheet: PriceSheet,
  e: CompiledEntry,
  cells: readonly UsageCell[],
  cell: UsageCell,
  kind: string,
  tokens: number,
  add: (l: PriceLine, c: bigint, s: number) => void,
): PriceFailure | undefined {
  const tiers = e.tiers;
  let prices = e.prices;
  let tierName: string | undefined;
  if (tiers) {
    const lvl = levelFor(tiers, basisCount(tiers, cells, tokens));
    prices = lvl < 0 ? e.prices : tiers.levels[lvl].prices;
    tierName = lvl < 0 ? tiers.baseName : tiers.levels[lvl].name;
  }
  const f = lookup(prices, cell, kind);
  if (!f) return noPrice(e, kind);
  const coef = f.price.coef * BigInt(tokens);
  const scale = f.price.scale + sheet.unitExponent;
  const line: PriceLine = { kind, quantity: tokens, unit: sheet.unit, unit_price: f.price.text, amount: trimmed(coef, scale) };
  if (tierName !== undefined) line.tier = tierName;
  if (f.key !== kind) line.price_key = f.key;
  add(line, coef, scale);
  return undefined;
}

/** Adds the per-request fee (unless the query says it is not a request) and the per-event fees. */
function priceFees(e: CompiledEntry, q: PriceQuery, priced: PricedLines): PriceFailure | undefined {
  if (q.request !== false) {
    const fee = e.fees.get('request');
    if (fee) priced.add({ kind: 'request-fee', quantity: 1, unit: 1, unit_price: fee.text, amount: fee.text }, fee.coef, fee.scale);
  }
  if (!q.events) return undefined;
  for (const [name, n] of Object.entries(q.events)) {
    const count = checkCount(n, `event count ${name}`);
    if (name === 'request') throw new InputError('input-invalid', 'event "request" is reserved for the per-request fee');
    if (count === 0) continue;
    const fee = e.fees.get(name);
    if (!fee) return { ok: false, code: 'no-price', message: `no fee for event "${name}" in entry "${e.id}" (${e.pointer})` };
    const coef = fee.coef * BigInt(count);
    priced.add({ kind: `fee:${name}`, quantity: count, unit: 1, unit_price: fee.text, amount: trimmed(coef, fee.scale) }, coef, fee.scale);
  }
  return undefined;
}

/** Plain decimal text of coef × 10^-scale without trailing fraction zeros (string work: cheaper than BigInt division). */
function trimmed(coef: bigint, scale: number): string {
  const s = format(coef, scale);
  if (scale === 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return end === s.length ? s : s.slice(0, end);
}

function noPrice(e: CompiledEntry, kind: string): PriceFailure {
  const keys = [...e.prices.keys()].join(', ');
  return { ok: false, code: 'no-price', message: `no price for cell ${kind} in entry "${e.id}" (${e.pointer}); priced keys: ${keys || 'none'}` };
}

/** Splits one cell's tokens into bands and prices each band at its own level (graduated mode, TMS-P-007). */
function priceGraduated(
  e: CompiledEntry,
  tiers: CompiledTiers,
  cell: UsageCell,
  kind: string,
  tokens: number,
  unitExp: number,
  add: (l: PriceLine, c: bigint, s: number) => void,
): PriceFailure | undefined {
  // Inclusive boundary: token number `from` itself is the first of the upper band.
  const shift = tiers.boundary === 'inclusive' ? 1 : 0;
  const starts = [0, ...tiers.levels.map((l) => l.from - shift)];
  for (let b = 0; b < starts.length; b++) {
    const lo = starts[b];
    const hi = b + 1 < starts.length ? starts[b + 1] : Infinity;
    const n = Math.max(0, Math.min(tokens, hi) - lo);
    if (n === 0) continue;
    const prices = b === 0 ? e.prices : tiers.levels[b - 1].prices;
    const f = lookup(prices, cell, kind);
    if (!f) return noPrice(e, kind);
    const coef = f.price.coef * BigInt(n);
    const scale = f.price.scale + unitExp;
    const line: PriceLine = {
      kind,
      quantity: n,
      unit: 10 ** unitExp,
      unit_price: f.price.text,
      amount: trimmed(coef, scale),
      tier: b === 0 ? tiers.baseName : tiers.levels[b - 1].name,
    };
    if (f.key !== kind) line.price_key = f.key;
    add(line, coef, scale);
  }
  return undefined;
}
