import { clipExcerpt } from './clipExcerpt.js';
/** One server-sent event: its `event:` name (if any) and its `data:` payload, joined by newlines. */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
}

/** A parsed stream, or the first reason it is malformed. */
export type SseResult = { ok: true; events: SseEvent[] } | { ok: false; error: string };

const FIELDS = new Set(['data', 'event', 'id', 'retry']);

/**
 * Parses a complete text/event-stream body strictly (WHATWG HTML §9.2 framing, stricter content):
 * every line is a known field or a comment, every event has data, and the stream ends with a blank
 * line — a stream cut mid-event or carrying garbage is malformed, so a broken stream surfaces as an
 * error instead of being read as "no usage" (TMS-C-109).
 */
export function parseSse(body: string): SseResult {
  if (body.length === 0) return { ok: false, error: 'empty stream' };
  const text = body.replace(/\r\n?/g, '\n');
  if (!text.endsWith('\n\n')) return { ok: false, error: 'stream does not end with a blank line: the last event is cut off' };
  const events: SseEvent[] = [];
  const blocks = text.slice(0, -2).split(/\n\n+/);
  for (let b = 0; b < blocks.length; b++) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of blocks[b].split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (!FIELDS.has(field)) return { ok: false, error: `event ${b + 1}: unknown field ${JSON.stringify(clipExcerpt(field, 40))}` };
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
    }
    if (data.length === 0) {
      if (event !== undefined) return { ok: false, error: `event ${b + 1} (${event}) has no data` };
      continue;
    }
    events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  if (events.length === 0) return { ok: false, error: 'stream holds no events' };
  return { ok: true, events };
}

/** Parses each event's data as JSON; `[DONE]` is allowed only where `allowDone` says so (OpenAI's terminator). */
export function sseJson(
  events: readonly SseEvent[],
  allowDone: boolean,
): { ok: true; values: { event?: string; json: unknown }[]; done: boolean } | { ok: false; error: string } {
  const values: { event?: string; json: unknown }[] = [];
  let done = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (done) return { ok: false, error: `event ${i + 1} after [DONE]` };
    if (allowDone && e.data === '[DONE]') {
      done = true;
      continue;
    }
    try {
      const json: unknown = JSON.parse(e.data);
      values.push({ event: e.event, json });
    } catch {
      return { ok: false, error: `event ${i + 1}: data is not JSON: ${JSON.stringify(clipExcerpt(e.data, 60))}` };
    }
  }
  return { ok: true, values, done };
}
