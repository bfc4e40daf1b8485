/** What replaces a secret in anything tokencert writes. */
export const REDACTED = '[redacted]';

// Option names whose values are credentials whatever they contain (TMS-C-207).
const SECRET_KEY = /(^|[_-])(api[_-]?key|apikey|secret|password|passwd|authorization|auth[_-]?token|access[_-]?token|bearer|credentials?|private[_-]?key|sign[_-]?key)$/i;
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

/**
 * A deep copy of `value` with every occurrence of a known secret replaced in every string, values of
 * credential-named keys replaced, and credentials stripped from URL-valued `url`/`base_url` fields.
 */
export function redactSecrets(value: unknown, secrets: readonly string[] = []): unknown {
  const scrub = (s: string): string => {
    let out = s;
    for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') {
      // A digest cannot carry a key, and scrubbing one would corrupt it.
      if (/^[0-9a-f]{64}$/.test(v)) return v;
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
