import { digestJson } from '../digest/sha256.js';
import { parseSse } from './http/parseSse.js';
import type { RecordedResponse } from './types.js';

/** Digest of a request body: SHA-256 of its RFC 8785 canonical JSON (TMS-M-042, TMS-C-006), or null without one. */
export function requestDigest(body: unknown): string | null {
  return body === undefined ? null : digestJson(body);
}

/**
 * Digest of a response body over RFC 8785 canonical JSON (TMS-C-108): a JSON body as parsed; a
 * stream reassembled as the list of its events (data parsed where it is JSON); any other body as a
 * JSON string; null when no response arrived.
 */
export function responseDigest(r: RecordedResponse): string | null {
  if (!r.ok) return null;
  if (/^text\/event-stream/i.test(r.contentType)) {
    const sse = parseSse(r.body);
    if (sse.ok) return digestJson(sse.events.map((e) => ({ ...(e.event !== undefined ? { event: e.event } : {}), data: parseOr(e.data) })));
    return digestJson(r.body);
  }
  return digestJson(parseOr(r.body));
}

function parseOr(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}
