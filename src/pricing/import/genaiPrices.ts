import { literals, matches, type MatchLogic } from './genaiMatch.js';
import { convertModelPrice, type GModelPrice } from './genaiModelPrice.js';
import type { ImportIssue, ImportResult } from './importReport.js';

type Constraint = { type?: string; start_date?: string; start_time?: string; end_time?: string };
/** A genai-prices model (data.json v2 / bundled provider data). */
export interface GModel {
  id: string;
  match: MatchLogic;
  prices: GModelPrice | { constraint?: Constraint; prices: GModelPrice }[];
  deprecated?: boolean;
}
/** A genai-prices provider. */
export interface GProvider {
  id: string;
  name?: string;
  models: GModel[];
}

interface Variant {
  suffix: string;
  effective?: { from?: string; until?: string };
  windows?: { from: string; until: string }[];
  prices: GModelPrice;
}

/** Which conditional price genai-prices uses at epoch ms `t` (engine.ts getActiveModelPrice: last to first, else the first). */
function activeIndex(list: { constraint?: Constraint }[], t: number): number {
  const d = new Date(t);
  const sod = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds() + d.getUTCMilliseconds() / 1000;
  for (let i = list.length - 1; i >= 0; i--) {
    const c = list[i].constraint;
    if (!c) return i;
    if (c.start_date !== undefined) {
      if (t >= Date.parse(`${c.start_date}T00:00:00Z`)) return i;
      continue;
    }
    const s = timeSeconds(c.start_time!);
    const e = timeSeconds(c.end_time!);
    if (e < s ? sod >= s || sod < e : sod >= s && sod < e) return i;
  }
  return 0;
}

/** Seconds after UTC midnight of a timezone-aware time such as `00:30:00Z` or `08:30:00+08:00`. */
function timeSeconds(t: string): number {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/.exec(t);
  if (!m) return Number.NaN;
  const off = m[4] === 'Z' ? 0 : (m[4][0] === '-' ? -1 : 1) * (+m[4].slice(1, 3) * 3600 + +m[4].slice(4) * 60);
  return (((+m[1] * 3600 + +m[2] * 60 + +(m[3] ?? 0) - off) % 86400) + 86400) % 86400;
}

function hhmmss(s: number): string {
  if (s === 86400) return '24:00:00';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

/**
 * Splits conditional prices into non-overlapping variants: between consecutive start dates the
 * day is cut at every time-of-day boundary, and each piece goes to the price genai-prices would
 * pick there (last to first); pieces of one price become its windows, and identical consecutive
 * date intervals are merged. The result never overlaps, so the sheet is unambiguous (TMS-P-009).
 */
function variants(m: GModel, source: string, issues: ImportIssue[]): Variant[] | undefined {
  if (!Array.isArray(m.prices)) return [{ suffix: '', prices: m.prices }];
  const list = m.prices;
  const cuts = [
    ...new Set(
      list.flatMap((c) => (c.constraint?.start_time !== undefined ? [timeSeconds(c.constraint.start_time), timeSeconds(c.constraint.end_time!)] : [])),
    ),
  ].sort((x, y) => x - y);
  if (cuts.some((x) => !Number.isInteger(x))) {
    issues.push({ source, field: 'prices', effect: 'entry-skipped', reason: 'time-of-day constraint with fractional seconds or bad format' });
    return undefined;
  }
  const dates = [...new Set(list.flatMap((c) => (c.constraint?.start_date ? [c.constraint.start_date] : [])))].sort();
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  // One day per date interval is enough: within an interval only the time of day matters.
  type Piece = { winner: number; windows: { from: string; until: string }[] | undefined };
  const pieces = (dayStart: number): Piece[] => {
    if (cuts.length === 0) return [{ winner: activeIndex(list, dayStart), windows: undefined }];
    const wins = new Map<number, { from: string; until: string }[]>();
    cuts.forEach((c, i) => {
      const next = i + 1 < cuts.length ? cuts[i + 1] : cuts[0] + 86400;
      const w = activeIndex(list, dayStart + c * 1000);
      const arr = wins.get(w) ?? [];
      arr.push({ from: hhmmss(c), until: hhmmss(next === 86400 ? 86400 : next % 86400) });
      wins.set(w, arr);
    });
    return [...wins].map(([winner, windows]) => ({ winner, windows: windows.length === cuts.length ? undefined : windows }));
  };
  const intervals: { from?: string; until?: string; pieces: Piece[] }[] = [];
  [undefined, ...dates].forEach((from, k) => {
    const start = from === undefined ? (dates.length ? day(dates[0]) - 86400000 : Date.UTC(2000, 0, 1)) : day(from);
    const ps = pieces(start);
    const last = intervals[intervals.length - 1];
    if (last && JSON.stringify(last.pieces) === JSON.stringify(ps)) last.until = dates[k];
    else intervals.push({ from, until: dates[k], pieces: ps });
  });
  return intervals.flatMap((iv) =>
    iv.pieces.map((p) => ({
      suffix: `${iv.from ? `@${iv.from}` : ''}${p.windows ? `#${p.winner}` : ''}`,
      effective: { ...(iv.from ? { from: iv.from } : {}), ...(iv.until ? { until: iv.until } : {}) },
      ...(p.windows ? { windows: p.windows } : {}),
      prices: list[p.winner].prices,
    })),
  );
}

/**
 * The exact model names a genai-prices model is imported under (prefixed with its provider when
 * several are imported): its id and the literal names its match clause accepts, minus names an
 * earlier model took. Narrowed clauses and taken names are reported.
 */
function exactNames(m: GProvider['models'][number], prefix: string, taken: ReadonlyMap<string, string>, source: string, issues: ImportIssue[]): string[] {
  const lit = literals(m.match);
  if (lit.open.length) issues.push({ source, field: 'match', effect: 'narrowed', reason: `${lit.open.join(', ')}: only exact names are imported` });
  const names: string[] = [];
  for (const n of [m.id, ...lit.names]) {
    const name = `${prefix}${n}`;
    if (names.includes(name) || !matches(m.match, n)) continue;
    const owner = taken.get(name);
    if (owner) {
      issues.push({ source, field: 'match', effect: 'narrowed', reason: `name "${name}" also matches ${owner}; kept there` });
      continue;
    }
    names.push(name);
  }
  return names;
}

/**
 * Converts genai-prices provider data (the bundled data of @pydantic/genai-prices, or a
 * data.json v2 file) into a tokencert price sheet (TMS-P-018). With more than one provider, model
 * names are qualified as `provider/model`. Floats become shortest round-trip decimals; everything
 * that cannot be carried over is listed in `issues`.
 */
export function importGenaiPrices(data: GProvider[], opts: { providers?: string[]; source: string; retrieved: string; generator: string }): ImportResult {
  const issues: ImportIssue[] = [];
  const chosen = opts.providers ? data.filter((p) => opts.providers!.includes(p.id)) : data;
  for (const id of opts.providers ?? [])
    if (!data.some((p) => p.id === id)) issues.push({ source: id, field: 'provider', effect: 'entry-skipped', reason: 'no such provider in the data' });
  const qualify = chosen.length > 1;
  const taken = new Map<string, string>();
  const entries: Record<string, unknown>[] = [];
  for (const p of chosen) {
    for (const m of p.models) {
      const source = `${p.id}/${m.id}`;
      const names = exactNames(m, qualify ? `${p.id}/` : '', taken, source, issues);
      if (names.length === 0) {
        issues.push({ source, field: 'match', effect: 'entry-skipped', reason: 'no exact model name matches this model' });
        continue;
      }
      const vs = variants(m, source, issues);
      if (!vs) continue;
      let kept = 0;
      for (const v of vs) {
        const c = convertModelPrice(v.prices, source, issues);
        if (Object.keys(c.prices).length === 0 && Object.keys(c.fees).length === 0) continue;
        kept++;
        entries.push({
          id: `${source}${v.suffix}`,
          model: names[0],
          ...(names.length > 1 ? { aliases: names.slice(1) } : {}),
          ...(v.effective && Object.keys(v.effective).length ? { effective: v.effective } : {}),
          ...(v.windows ? { windows: v.windows } : {}),
          source: `${opts.source} ${source}`,
          prices: c.prices,
          ...(Object.keys(c.fees).length ? { fees: c.fees } : {}),
          ...(c.tiers ? { tiers: c.tiers } : {}),
        });
      }
      if (kept === 0) {
        issues.push({ source, field: 'prices', effect: 'entry-skipped', reason: 'no price with a tokencert form' });
        continue;
      }
      for (const n of names) taken.set(n, source);
    }
  }
  return { sheet: sheetOf(entries, opts), entries: entries.length, issues };
}

/** The sheet around the imported entries: USD per million tokens, UTC, with how the conversion was done. */
function sheetOf(
  entries: Record<string, unknown>[],
  opts: { providers?: string[]; source: string; retrieved: string; generator: string },
): Record<string, unknown> {
  return {
    tms_version: '0.1.0',
    id: `genai-prices${opts.providers?.length === 1 ? `-${opts.providers[0]}` : ''}`,
    currency: 'USD',
    unit: 1000000,
    time_zone: 'UTC',
    provenance: {
      source: opts.source,
      retrieved: opts.retrieved,
      generator: opts.generator,
      notes: [
        'Prices were binary floats in the source; each is written as the decimal of its shortest round-trip representation (ECMAScript Number.prototype.toString), expanded without exponent.',
        'genai-prices prices unpriced cache reads and writes at the input price (leaf decomposition); this sheet states those prices explicitly.',
        '*_kcount prices (per 1,000 requests or searches) are converted to per-event fees by an exact division by 1,000.',
        'Tiers are genai-prices thresholds: cliff, chosen by total input tokens, strictly above the start (boundary exclusive).',
        "Conditional prices (start_date, time_of_date in UTC) become non-overlapping effective ranges and windows reproducing genai-prices' last-to-first precedence.",
        'Model match clauses other than equals (starts_with, contains, regex) are narrowed to exact names; see the import report.',
      ],
    },
    entries,
  };
}
