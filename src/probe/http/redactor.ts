import { redactSecrets, scrubText, secretForms } from '../../report/redactSecrets.js';

/**
 * The central redactor (TMS-C-107, TMS-C-009): every string the probe writes — events, transcripts,
 * error messages, console output — passes through one instance that knows the run's secrets and the
 * forms they travel in (secretForms: as is, base64/base64url at every alignment, percent-encoded,
 * hex), including any 12-character-or-longer prefix of them left by a cut (scrubText).
 */
export class Redactor {
  /** Every form of every secret, longest first so a longer form is replaced before its parts. */
  readonly forms: readonly string[];

  constructor(secrets: readonly (string | undefined)[]) {
    const forms = new Set<string>();
    for (const s of secrets) if (s) for (const f of secretForms(s)) forms.add(f);
    this.forms = [...forms].sort((a, b) => b.length - a.length);
  }

  /** A string with every form of every secret replaced by `[redacted]`. */
  text(s: string): string {
    return scrubText(s, this.forms);
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
