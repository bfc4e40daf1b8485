import { REDACTED, redactSecrets } from '../../report/redactSecrets.js';

/**
 * The central redactor (TMS-C-107): every string the probe writes — events, transcripts, error
 * messages, console output — passes through one instance that knows the run's secrets and the forms
 * they travel in (as is, base64, base64url, and inside `Bearer`/Basic credentials).
 */
export class Redactor {
  /** Every form of every secret, longest first so a longer form is replaced before its parts. */
  readonly forms: readonly string[];

  constructor(secrets: readonly (string | undefined)[]) {
    const forms = new Set<string>();
    for (const s of secrets) {
      if (!s || s.length < 4) continue;
      forms.add(s);
      for (const enc of [Buffer.from(s).toString('base64'), Buffer.from(`:${s}`).toString('base64'), Buffer.from(s).toString('base64url')]) {
        forms.add(enc);
        // Base64 padding and the last group depend on what follows; the unpadded stem still identifies the key.
        forms.add(enc.replace(/=+$/, ''));
      }
      forms.add(encodeURIComponent(s));
    }
    this.forms = [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** A string with every form of every secret replaced by `[redacted]`. */
  text(s: string): string {
    let out = s;
    for (const f of this.forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
    return out;
  }

  /** A deep copy of a JSON value with secrets scrubbed from every string and key, and credential-named fields replaced. */
  value<T>(v: T): T {
    return redactSecrets(v, this.forms) as T;
  }

  /** An error message safe to print. */
  error(e: unknown): string {
    return this.text(e instanceof Error ? e.message : String(e));
  }
}
