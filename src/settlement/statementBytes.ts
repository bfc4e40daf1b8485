import { canonicalJson } from '../digest/canonicalJson.js';
import type { Statement } from '../schemas/types.gen.js';

/**
 * The bytes of a statement file (TMS-S-014): its RFC 8785 canonical JSON in UTF-8, nothing added —
 * no whitespace and no trailing newline — so the file's SHA-256 is the statement's digest.
 */
export function statementBytes(statement: Statement): Buffer {
  return Buffer.from(canonicalJson(statement), 'utf8');
}

/** The bytes an Ed25519 signature covers (TMS-S-015): canonical JSON of the statement without `signature`. */
export function signedBytes(statement: Statement): Buffer {
  const { signature: _omit, ...rest } = statement;
  return Buffer.from(canonicalJson(rest), 'utf8');
}
