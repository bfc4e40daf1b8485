/**
 * RFC 8785 canonical JSON of a value that came from JSON.parse (plain objects, arrays, strings,
 * finite numbers, booleans, null): keys sorted by UTF-16 code units, no whitespace, strings and
 * numbers as ECMAScript's JSON.stringify writes them (which is what RFC 8785 §3.2.2 prescribes).
 * A fast path for the auditor's per-record digest; property-tested against src/digest/canonicalJson.
 */
export function fastCanonicalJson(v: unknown): string {
  return value(v === undefined ? null : v);
}

const plainKey = /^[A-Za-z0-9_\-./@:]*$/;
// What JSON.stringify would escape: quote, backslash, controls and (lone) surrogates.
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

function value(x: unknown): string {
  switch (typeof x) {
    case 'string':
      return needsEscape.test(x) ? JSON.stringify(x) : `"${x}"`;
    case 'number':
      return JSON.stringify(x);
    case 'boolean':
      return x ? 'true' : 'false';
    case 'object':
      if (x === null) return 'null';
      return Array.isArray(x) ? array(x) : object(x as Record<string, unknown>);
    default:
      return 'null';
  }
}

function array(a: readonly unknown[]): string {
  let s = '[';
  for (let i = 0; i < a.length; i++) s += (i ? ',' : '') + value(a[i]);
  return `${s}]`;
}

function object(o: Record<string, unknown>): string {
  const order = keyOrder(Object.keys(o));
  const keys = order.sorted;
  let s = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const x = o[keys[i]];
    if (x === undefined) continue;
    s += (first ? order.quoted[i] : `,${order.quoted[i]}`) + value(x);
    first = false;
  }
  return `${s}}`;
}

/** An object's keys in canonical order, each already quoted with its colon. */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly quoted: readonly string[];
}

// Records of one log share a few key lists, so sorting is done once per list: lists are found by
// their first key and compared key by key (keys from JSON.parse are interned: a comparison is a
// pointer check). Bounded, so a log of ever-new keys only loses the cache, never grows memory.
const orders = new Map<string, KeyOrder[]>();
let cached = 0;
const MAX_CACHED = 4096;

function keyOrder(keys: string[]): KeyOrder {
  const n = keys.length;
  const first = n > 0 ? keys[0] : '';
  const list = orders.get(first);
  if (list !== undefined)
    search: for (const c of list) {
      if (c.keys.length !== n) continue;
      for (let i = 1; i < n; i++) if (c.keys[i] !== keys[i]) continue search;
      return c;
    }
  const sorted = keys.slice().sort();
  const order: KeyOrder = { keys, sorted, quoted: sorted.map((k) => `${plainKey.test(k) ? `"${k}"` : JSON.stringify(k)}:`) };
  if (cached < MAX_CACHED && (list?.length ?? 0) < 16) {
    cached++;
    if (list) list.push(order);
    else orders.set(first, [order]);
  }
  return order;
}
