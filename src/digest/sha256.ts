import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';

/** Lowercase hex SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lowercase hex SHA-256 over the RFC 8785 canonical JSON of a value: the digest every record uses. */
export function digestJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
