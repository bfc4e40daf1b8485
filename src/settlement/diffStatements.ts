import { canonicalJson } from '../digest/canonicalJson.js';
import { Decimal } from '../money/Decimal.js';
import type { Statement } from '../schemas/types.gen.js';
import { isRecord } from '../io/isRecord.js';

/** One difference between a stated and a recomputed statement (TMS-S-016). */
export interface Difference {
  /** Where: a member path such as `totals`, or a line item / record named by its key. */
  readonly place: string;
  /** The field that differs, or `(line)` / `(entry)` when a whole item is missing on one side. */
  readonly field: string;
  /** The stated value (null when the item is missing from the statement). */
  readonly stated: unknown;
  /** The recomputed value (null when the item should not be there). */
  readonly recomputed: unknown;
  /** For amounts: stated − recomputed (positive when over-billed), as an exact decimal string. */
  readonly impact?: string;
}

const moneyFields = new Set(['amount', 'amount_exact', 'rounding_difference']);

function impactOf(field: string, stated: unknown, recomputed: unknown): string | undefined {
  if (!moneyFields.has(field)) return undefined;
  const s = Decimal.safeParse(stated ?? '0');
  const r = Decimal.safeParse(recomputed ?? '0');
  // One sign everywhere (TMS-S-016): positive means the statement charges more than the records justify.
  return s && r ? s.sub(r).toString() : undefined;
}

/** Compares two plain objects member by member, recursing into nested objects. */
function diffObject(place: string, a: object | undefined, b: object | undefined, out: Difference[]): void {
  const am = new Map<string, unknown>(Object.entries(a ?? {}));
  const bm = new Map<string, unknown>(Object.entries(b ?? {}));
  const keys = [...new Set([...am.keys(), ...bm.keys()])].sort();
  for (const k of keys) {
    const x = am.get(k);
    const y = bm.get(k);
    if (isRecord(x) || isRecord(y)) {
      diffObject(place ? `${place}.${k}` : k, isRecord(x) ? x : undefined, isRecord(y) ? y : undefined, out);
      continue;
    }
    if (canonicalJson(x ?? null) === canonicalJson(y ?? null)) continue;
    const impact = impactOf(k, x, y);
    out.push({ place: place || '(statement)', field: k, stated: x ?? null, recomputed: y ?? null, ...(impact !== undefined ? { impact } : {}) });
  }
}

/** Matches two arrays of items by key and diffs each pair; unmatched items become whole-item differences. */
function diffKeyed<T extends object>(
  label: string,
  stated: readonly T[],
  recomputed: readonly T[],
  key: (t: T) => string,
  amount: (t: T) => string | undefined,
  out: Difference[],
): void {
  const group = (xs: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) (m.get(key(x)) ?? m.set(key(x), []).get(key(x))!).push(x);
    return m;
  };
  const s = group(stated);
  const r = group(recomputed);
  for (const k of [...new Set([...s.keys(), ...r.keys()])].sort()) {
    const ss = s.get(k) ?? [];
    const rr = r.get(k) ?? [];
    const place = `${label}[${k}]`;
    const n = Math.max(ss.length, rr.length);
    for (let i = 0; i < n; i++) {
      const x = ss[i];
      const y = rr[i];
      if (x && y) diffObject(place, x, y, out);
      else {
        const amt = amount((x ?? y)!);
        const impact = amt === undefined ? undefined : x ? amt : Decimal.parse('0').sub(Decimal.parse(amt)).toString();
        out.push({
          place,
          field: label === 'line_items' ? '(line)' : '(entry)',
          stated: x ?? null,
          recomputed: y ?? null,
          ...(impact !== undefined ? { impact } : {}),
        });
      }
    }
  }
}

/** The key that names a line item (TMS-S-006). */
export function lineKey(l: Statement['line_items'][number]): string {
  return [l.model, l.service_tier, l.kind, l.tier ?? '', l.price_entry, l.unit, l.unit_price].join('|');
}

/**
 * Lists every difference between a stated statement and the one recomputed from the records
 * (TMS-S-016): member by member, line items matched by their key, excluded records and conflicts by
 * record_id. The signature is checked elsewhere. If no field differs but the canonical bytes do
 * (e.g. reordered line items), that is reported too, since the bytes are what digests and
 * signatures cover.
 */
export function diffStatements(stated: Statement, recomputed: Statement): Difference[] {
  const out: Difference[] = [];
  const { line_items: sl, excluded: se, conflicts: sc, signature: _s1, ...sRest } = stated;
  const { line_items: rl, excluded: re, conflicts: rc, signature: _s2, ...rRest } = recomputed;
  diffObject('', sRest, rRest, out);
  diffKeyed('line_items', sl, rl, lineKey, (l) => l.amount ?? l.amount_exact, out);
  diffKeyed(
    'excluded',
    se,
    re,
    (e) => e.record_id,
    () => undefined,
    out,
  );
  diffKeyed(
    'conflicts',
    sc,
    rc,
    (c) => c.record_id,
    () => undefined,
    out,
  );
  if (out.length === 0) {
    const a = canonicalJson({ ...stated, signature: undefined });
    const b = canonicalJson({ ...recomputed, signature: undefined });
    if (a !== b) out.push({ place: '(statement)', field: '(order)', stated: 'items in another order', recomputed: 'items sorted as TMS-S-006 requires' });
  }
  return out;
}
