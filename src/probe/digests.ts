import { digestJson, sha256Hex } from '../digest/sha256.js';
import type { RecordedResponse } from './types.js';

/** Digest of a request body: SHA-256 of its RFC 8785 canonical JSON (TMS-M-042, TMS-C-006), or null without one. */
export function requestDigest(body: unknown): string | null {
  return body === undefined ? null : digestJson(body);
}

/**
 * Digest of a response body: SHA-256 of the bytes received (TMS-C-011), null when no response
 * arrived. Not a digest of the parsed JSON: a body is evidence as sent, and a hostile number
 * (1e309, which parses to Infinity) has no canonical JSON form. The body is strict UTF-8
 * (HttpClient rejects anything else), so its UTF-8 encoding is exactly the bytes received.
 */
export function responseDigest(r: RecordedResponse): string | null {
  if (!r.ok) return null;
  return sha256Hex(Buffer.from(r.body, 'utf8'));
}
