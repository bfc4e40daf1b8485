import { InputError, type ErrorCode, type Location } from '../errors/errors.js';
import { Decimal } from '../money/Decimal.js';
import { isKnownCurrency } from '../money/currencies.js';
import { isRecord } from '../io/isRecord.js';
import { safeValidate } from '../schemas/registry.js';
import type { PriceEntry, PriceSheet as PriceSheetDoc, Tiers } from '../schemas/types.gen.js';
import { isValidTimeZone } from './localTime.js';
import { parseTimestampOrDate } from './timestamps.js';
import type { CompiledEntry, CompiledLevel, CompiledPrice, CompiledTiers, CompiledWindow, PriceSheet } from './types.js';
import { windowsOverlap } from './windows.js';

/** Why a sheet was rejected: a stable reason (used as a vector flag) beside the error code. */
export type SheetProblemReason =
  | 'schema'
  | 'price-is-number'
  | 'unit-not-power-of-ten'
  | 'unknown-currency'
  | 'duplicate-entry-id'
  | 'bad-time-zone'
  | 'bad-window'
  | 'bad-effective-range'
  | 'tier-order'
  | 'tier-keys-mismatch'
  | 'graduated-basis'
  | 'ambiguous';

/** The error codes a rejected sheet can carry (all input errors). */
type SheetErrorCode = Exclude<ErrorCode, 'usage' | 'verdict-failed' | 'internal'>;

/** A rejected sheet: code, reason, one-line message and the place in the file. */
export interface SheetProblem {
  readonly code: SheetErrorCode;
  readonly reason: SheetProblemReason;
  readonly message: string;
  readonly location: Location;
}

/** Line lookups for error messages (from parseYamlLocated); absent for in-memory sheets. */
export interface SheetSourceInfo {
  readonly file: string;
  lineOf?(pointer: string): number | undefined;
}

const dayIndex: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const allDays = [0, 1, 2, 3, 4, 5, 6];

class Problem extends Error {
  constructor(readonly problem: SheetProblem) {
    super(problem.message);
  }
}

/** Compiles a parsed price sheet value, returning a problem instead of throwing (TMS-P-002). */
export function safeCompilePriceSheet(value: unknown, src: SheetSourceInfo): { ok: true; sheet: PriceSheet } | { ok: false; problem: SheetProblem } {
  try {
    return { ok: true, sheet: compile(value, src) };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** Compiles a parsed price sheet value; a bad sheet is an InputError with file, line and pointer (TMS-C-001). */
export function compilePriceSheet(value: unknown, src: SheetSourceInfo): PriceSheet {
  const r = safeCompilePriceSheet(value, src);
  if (!r.ok) throw new InputError(r.problem.code, r.problem.message, r.problem.location);
  return r.sheet;
}

function fail(src: SheetSourceInfo, code: SheetErrorCode, reason: SheetProblemReason, pointer: string, message: string): never {
  throw new Problem({ code, reason, message, location: { file: src.file, line: src.lineOf?.(pointer), pointer } });
}

/** Pointers of every value that must be a decimal string (prices and fees), read before the schema check. */
function* moneyPointers(v: Record<string, unknown>): Generator<[string, unknown]> {
  const entries: unknown[] = Array.isArray(v.entries) ? v.entries : [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!isRecord(e)) continue;
    for (const field of ['prices', 'fees'] as const) {
      const m = e[field];
      if (isRecord(m)) for (const [k, x] of Object.entries(m)) yield [`/entries/${i}/${field}/${esc(k)}`, x];
    }
    const levels = isRecord(e.tiers) ? e.tiers.levels : undefined;
    if (Array.isArray(levels)) {
      for (let j = 0; j < levels.length; j++) {
        const level: unknown = levels[j];
        const p = isRecord(level) ? level.prices : undefined;
        if (isRecord(p)) for (const [k, x] of Object.entries(p)) yield [`/entries/${i}/tiers/levels/${j}/prices/${esc(k)}`, x];
      }
    }
  }
}

/** Checks the price-sheet schema; a value that passes has the schema's generated type. */
function checkSchema(value: unknown, src: SheetSourceInfo): asserts value is PriceSheetDoc {
  const v = safeValidate('price-sheet', value);
  if (!v.ok) {
    const i = v.issues[0];
    fail(src, 'input-invalid', 'schema', i.pointer, `invalid price sheet: ${i.message}`);
  }
}

function esc(k: string): string {
  return k.replace(/~/g, '~0').replace(/\//g, '~1');
}

function compilePrice(text: string): CompiledPrice {
  const d = Decimal.parse(text).normalize();
  return { text: d.toString(), coef: d.coef, scale: d.scale };
}

function compilePrices(m: Readonly<Record<string, string>> | undefined): Map<string, CompiledPrice> {
  const out = new Map<string, CompiledPrice>();
  for (const [k, v] of Object.entries(m ?? {})) out.set(k, compilePrice(v));
  return out;
}

function seconds(hhmm: string): number {
  const [h, m, s] = hhmm.split(':').map(Number);
  return h * 3600 + m * 60 + (s ?? 0);
}

function compile(value: unknown, src: SheetSourceInfo): PriceSheet {
  // Quoted-number check first: a schema message "must be string" would not say why (TMS-P-001).
  if (isRecord(value)) {
    for (const [ptr, x] of moneyPointers(value)) {
      if (typeof x === 'number')
        fail(
          src,
          'input-invalid',
          'price-is-number',
          ptr,
          `price ${String(x)} is written as a number; quote it ("${String(x)}"), copying the digits exactly as published, so it stays an exact decimal`,
        );
    }
  }
  checkSchema(value, src);
  const s = value;
  const unit = s.unit;
  const unitExponent = String(unit).length - 1;
  if (!Number.isSafeInteger(unit) || String(unit) !== `1${'0'.repeat(unitExponent)}`)
    fail(
      src,
      'input-invalid',
      'unit-not-power-of-ten',
      '/unit',
      `unit ${unit} is not a power of ten (1, 1000, 1000000, …), so per-token amounts would not be exact decimals`,
    );
  const currency = s.currency;
  if (!isKnownCurrency(currency))
    fail(src, 'unknown-currency', 'unknown-currency', '/currency', `unknown currency "${currency}" (not an ISO 4217 code with minor units)`);
  const sheetZone = s.time_zone ?? 'UTC';
  if (!isValidTimeZone(sheetZone)) fail(src, 'input-invalid', 'bad-time-zone', '/time_zone', `unknown IANA time zone "${sheetZone}"`);

  const entries: CompiledEntry[] = [];
  const ids = new Map<string, number>();
  s.entries.forEach((e, i) => entries.push(compileEntry(e, i, src, sheetZone, ids)));

  const byName = new Map<string, CompiledEntry[]>();
  for (const e of entries) {
    for (const n of e.names) {
      const list = byName.get(n) ?? [];
      list.push(e);
      byName.set(n, list);
    }
  }
  checkAmbiguity(byName, src);
  return { file: src.file, id: s.id, currency, unit, unitExponent, entries, byName, source: value };
}

function compileEntry(e: PriceEntry, i: number, src: SheetSourceInfo, sheetZone: string, ids: Map<string, number>): CompiledEntry {
  const ptr = `/entries/${i}`;
  const id = e.id;
  if (ids.has(id)) fail(src, 'input-invalid', 'duplicate-entry-id', `${ptr}/id`, `duplicate entry id "${id}" (also at /entries/${ids.get(id)})`);
  ids.set(id, i);
  const zone = e.time_zone ?? sheetZone;
  if (!isValidTimeZone(zone)) fail(src, 'input-invalid', 'bad-time-zone', `${ptr}/time_zone`, `unknown IANA time zone "${zone}"`);
  const eff = e.effective ?? {};
  const fromMs = eff.from !== undefined ? parseTimestampOrDate(eff.from) : -Infinity;
  const untilMs = eff.until !== undefined ? parseTimestampOrDate(eff.until) : Infinity;
  if (fromMs === undefined)
    fail(src, 'input-invalid', 'bad-effective-range', `${ptr}/effective/from`, `"${String(eff.from)}" is not a valid date or RFC 3339 timestamp`);
  if (untilMs === undefined)
    fail(src, 'input-invalid', 'bad-effective-range', `${ptr}/effective/until`, `"${String(eff.until)}" is not a valid date or RFC 3339 timestamp`);
  if (!(fromMs < untilMs)) fail(src, 'input-invalid', 'bad-effective-range', `${ptr}/effective`, 'effective range is empty: from must be before until');
  let windows: CompiledWindow[] | undefined;
  if (Array.isArray(e.windows)) {
    windows = e.windows.map((w, j) => {
      const from = seconds(w.from);
      let until = seconds(w.until);
      if (until === from) fail(src, 'input-invalid', 'bad-window', `${ptr}/windows/${j}`, 'window from and until are equal; omit windows for all day');
      if (until < from) until += 86400;
      const days = Array.isArray(w.days) ? w.days.map((d) => dayIndex[d]) : allDays;
      return { days, from, until };
    });
  }
  const prices = compilePrices(e.prices);
  const tiers = e.tiers ? compileTiers(e.tiers, `${ptr}/tiers`, src, prices) : undefined;
  const names = [e.model, ...(e.aliases ?? [])];
  return {
    id,
    model: e.model,
    names: [...new Set(names)],
    serviceTier: e.service_tier ?? 'standard',
    fromMs,
    untilMs,
    timeZone: zone,
    windows,
    prices,
    fees: compilePrices(e.fees),
    tiers,
    line: src.lineOf?.(ptr),
    pointer: ptr,
  };
}

function compileTiers(t: Tiers, ptr: string, src: SheetSourceInfo, base: Map<string, CompiledPrice>): CompiledTiers {
  const { mode, boundary } = t;
  const basisRaw = t.basis;
  if (mode === 'graduated' && basisRaw !== 'cell')
    fail(src, 'input-invalid', 'graduated-basis', `${ptr}/basis`, 'graduated tiers split each cell by its own count: basis must be "cell"');
  const basis =
    basisRaw === 'cell'
      ? 'cell'
      : basisRaw.map((b) => {
          const [direction, cache] = b.split('/');
          return cache ? { direction, cache } : { direction };
        });
  const levels: CompiledLevel[] = [];
  const baseKeys = [...base.keys()].sort().join(', ');
  t.levels.forEach((l, j) => {
    const from = l.from;
    if (j > 0 && !(from > levels[j - 1].from))
      fail(src, 'input-invalid', 'tier-order', `${ptr}/levels/${j}/from`, `tier thresholds must ascend strictly: ${from} follows ${levels[j - 1].from}`);
    const prices = compilePrices(l.prices);
    // Every tier prices exactly the cells the base prices: a tier that forgets cache writes would bill them at the base rate (Helicone #5766).
    const keys = [...prices.keys()].sort().join(', ');
    if (keys !== baseKeys)
      fail(
        src,
        'input-invalid',
        'tier-keys-mismatch',
        `${ptr}/levels/${j}/prices`,
        `tier prices keys [${keys}] differ from the entry's prices keys [${baseKeys}]; every tier must price the same cells`,
      );
    levels.push({ from, name: l.name ?? `${boundary === 'inclusive' ? '>=' : '>'}${from}`, prices });
  });
  return { mode, basis, boundary, baseName: 'base', levels };
}

function rangesOverlap(a: CompiledEntry, b: CompiledEntry): boolean {
  return a.fromMs < b.untilMs && b.fromMs < a.untilMs;
}

/**
 * Rejects two entries that can match the same name, service tier and instant (TMS-P-009).
 * Windows in different time zones are compared at pricing time instead (the overlap then depends
 * on the date through daylight saving); `priceUsage` reports `ambiguous-price` there.
 */
function checkAmbiguity(byName: Map<string, CompiledEntry[]>, src: SheetSourceInfo): void {
  for (const [name, list] of byName) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (a.serviceTier !== b.serviceTier || !rangesOverlap(a, b)) continue;
        const sameZone = a.timeZone === b.timeZone || !a.windows || !b.windows;
        if (sameZone && windowsOverlap(a.windows, b.windows)) {
          fail(
            src,
            'ambiguous-price',
            'ambiguous',
            b.pointer,
            `entries "${a.id}" (${a.pointer}) and "${b.id}" (${b.pointer}) both price "${name}" (${a.serviceTier}) at the same time`,
          );
        }
      }
    }
  }
}
