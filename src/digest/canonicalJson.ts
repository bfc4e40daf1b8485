import canonicalize from 'canonicalize';
import { InternalError } from '../errors/errors.js';

/**
 * Serialises a JSON value per RFC 8785 (JCS): sorted keys, ECMAScript number form, no whitespace.
 * Two implementations that agree on a record's content agree on these bytes, hence on its digest.
 */
export function canonicalJson(value: unknown): string {
  const out = (canonicalize as unknown as (v: unknown) => string | undefined)(value);
  if (out === undefined) throw new InternalError('canonicalJson: value has no JSON form (undefined or a function)');
  return out;
}
