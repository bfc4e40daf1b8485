/**
 * RFC 8785 canonical JSON of a value that came from JSON.parse (plain objects, arrays, strings,
 * finite numbers, booleans, null): keys sorted by UTF-16 code units, no whitespace, strings and
 * numbers as ECMAScript's JSON.stringify writes them (which is what RFC 8785 §3.2.2 prescribes).
 * A fast path for the auditor's per-record digest; property-tested against src/digest/canonicalJson.
 */
const plainKey = /^[A-Za-z0-9_\-./@:]*$/;

export function fastCanonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + fastCanonicalJson(v[i] === undefined ? null : v[i]);
    return `${s}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    if (x === undefined) continue;
    // Keys of usage records are plain ASCII: quoting them needs no escaping.
    const key = plainKey.test(k) ? `"${k}"` : JSON.stringify(k);
    const val =
      typeof x === 'string'
        ? JSON.stringify(x)
        : typeof x === 'number' || typeof x === 'boolean' || x === null
          ? String(x === null ? 'null' : JSON.stringify(x))
          : fastCanonicalJson(x);
    s += first ? `${key}:${val}` : `,${key}:${val}`;
    first = false;
  }
  return `${s}}`;
}
