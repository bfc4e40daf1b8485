/** What replaces a secret in anything tokencert writes. */
export const REDACTED = '[redacted]';

// Option names whose values are credentials whatever they contain (TMS-C-207).
const SECRET_KEY =
  /(^|[_-])(api[_-]?key|apikey|secret|password|passwd|authorization|auth[_-]?token|access[_-]?token|bearer|credentials?|private[_-]?key|sign[_-]?key)$/i;
// Query parameters that carry credentials (Gemini's `?key=`, signed URLs).
const SECRET_PARAM = /^(key|api[_-]?key|apikey|token|access[_-]?token|auth|secret|sig|signature|password|x-goog-api-key)$/i;

/** A URL without user info and with secret query parameters replaced; a string that is not a URL is returned as is. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (u.username || u.password) {
    u.username = '';
    u.password = '';
    changed = true;
  }
  for (const name of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) {
      u.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? u.toString() : url;
}

/** The shortest piece of a secret that is still treated as the secret where a text was cut (TMS-C-009). */
export const MIN_SECRET_PREFIX = 12;

/**
 * Every form a secret can travel in (TMS-C-009): as is; base64 and base64url at all three byte
 * alignments (whatever precedes it — `Bearer `, `user:` — only the characters that depend on the
 * secret's bytes alone are kept); percent-encoded (encodeURIComponent, and every byte as %XX in
 * upper and lower case); hex in both cases. Longest first, so a longer form is replaced before its parts.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < 4) return [];
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([secret, encodeURIComponent(secret)]);
  for (let skip = 0; skip < 3 && skip < bytes.length; skip++) {
    const rest = bytes.subarray(skip);
    let b64 = rest.toString('base64').replace(/=+$/, '');
    // The last character of an incomplete group also carries bits of whatever follows the secret.
    if (rest.length % 3 !== 0) b64 = b64.slice(0, -1);
    forms.add(b64);
    forms.add(b64.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  const hex = bytes.toString('hex');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  forms.add(hex.replace(/../g, '%$&'));
  forms.add(hex.toUpperCase().replace(/../g, '%$&'));
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * `text` with every occurrence of a form replaced by `[redacted]`. A form of 12 or more characters
 * is also matched by any prefix of at least 12 characters, so a secret cut short by a truncation,
 * a closed stream or a length cap somewhere upstream is still caught (TMS-C-009).
 */
export function scrubText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const f of forms) {
    if (f.length < MIN_SECRET_PREFIX) {
      if (out.includes(f)) out = out.split(f).join(REDACTED);
      continue;
    }
    const head = f.slice(0, MIN_SECRET_PREFIX);
    let at = out.indexOf(head);
    if (at < 0) continue;
    let res = '';
    let last = 0;
    while (at >= 0) {
      let n = MIN_SECRET_PREFIX;
      while (n < f.length && at + n < out.length && out.charCodeAt(at + n) === f.charCodeAt(n)) n++;
      res += `${out.slice(last, at)}${REDACTED}`;
      last = at + n;
      at = out.indexOf(head, last);
    }
    out = res + out.slice(last);
  }
  return out;
}

// clipExcerpt lives in src/io (the SSE parser there cuts excerpts too); re-exported for the report's callers.
export { clipExcerpt } from '../io/clipExcerpt.js';

/**
 * A deep copy of `value` with every occurrence of a known secret replaced in every string, values of
 * credential-named keys replaced, and credentials stripped from URL-valued `url`/`base_url` fields.
 * `secrets` are the forms to look for (a plain secret, or `secretForms` of one), matched by `scrubText`.
 */
export function redactSecrets(value: unknown, secrets: readonly string[] = []): unknown {
  const forms = secrets.filter((f) => f.length >= 4);
  const long = forms.filter((f) => f.length >= MIN_SECRET_PREFIX);
  const scrub = (s: string): string => scrubText(s, forms);
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') {
      // A short secret may occur in a digest by chance, and scrubbing it would corrupt the digest;
      // a 12-character piece of a form cannot (and a hex-encoded key must not pass as a digest).
      if (/^[0-9a-f]{64}$/.test(v)) return scrubText(v, long);
      const s = scrub(v);
      return key === 'url' || key === 'base_url' ? redactUrl(s) : s;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, undefined));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const credential = SECRET_KEY.test(k) && x !== null && x !== '' && typeof x !== 'boolean';
        out[scrub(k)] = credential ? REDACTED : walk(x, k);
      }
      return out;
    }
    return v;
  };
  return walk(value, undefined);
}
