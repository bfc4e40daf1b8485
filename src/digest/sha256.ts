import { createHash, hash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';

/** Lowercase hex SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lowercase hex SHA-256 over the RFC 8785 canonical JSON of a value: the digest every record uses. */
export function digestJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * Writes SHA-256 of `data` (a string is hashed as UTF-8) into `out` at `offset`, 32 bytes. On the
 * hot paths (a few hashes per audited record): Node 20's one-shot `hash` returning a Buffer costs
 * ~1.5 us a call, returning a latin1 string and writing it costs ~0.4 us (issue 11 profile).
 */
export function sha256Into(data: string | Uint8Array, out: Buffer, offset = 0): void {
  out.write(hash('sha256', data, 'binary'), offset, 32, 'latin1');
}

/** SHA-256 of `data` as a new 32-byte Buffer, by the fast path of sha256Into. */
export function sha256Bytes(data: string | Uint8Array): Buffer {
  return Buffer.from(hash('sha256', data, 'binary'), 'latin1');
}
