import { isRecord } from '../io/isRecord.js';
/** Fee events read from a provider-native usage object, or where a count in it is invalid. */
export type NativeEvents = { ok: true; events: Record<string, number> } | { ok: false; pointer: string; message: string };

/**
 * The fee events a provider-native usage object reports (TMS-P-012): today Anthropic's
 * `server_tool_use.web_search_requests`, priced by the entry's `web_search` fee. `price` and
 * `settle` both read events here, so one record costs the same in both. A count that is not a
 * non-negative safe integer is bad input (TMS-P-017), reported with its pointer inside `native`,
 * never silently dropped.
 */
export function nativeEvents(native: unknown): NativeEvents {
  if (!isRecord(native)) return { ok: true, events: {} };
  const stu = native.server_tool_use;
  if (stu === undefined || stu === null) return { ok: true, events: {} };
  if (typeof stu !== 'object') return { ok: false, pointer: '/server_tool_use', message: 'server_tool_use must be an object' };
  const n = isRecord(stu) ? stu.web_search_requests : undefined;
  if (n === undefined || n === null) return { ok: true, events: {} };
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    return {
      ok: false,
      pointer: '/server_tool_use/web_search_requests',
      message: `web_search_requests must be a non-negative integer, got ${JSON.stringify(n)}`,
    };
  }
  return { ok: true, events: n > 0 ? { web_search: n } : {} };
}
