// Strict SSE parsing: a malformed or cut-off stream is detected, never read as "no usage" (TMS-C-109).
import { describe, expect, it } from 'vitest';
import { parseSse, sseJson } from './parseSse.js';

describe('parseSse (TMS-C-109)', () => {
  it('parses well-framed events with names, comments and CRLF', () => {
    const r = parseSse(': hello\r\nevent: message_start\r\ndata: {"a":1}\r\n\r\ndata: [DONE]\r\n\r\n');
    expect(r).toEqual({ ok: true, events: [{ event: 'message_start', data: '{"a":1}' }, { data: '[DONE]' }] });
  });
  it.each([
    ['cut mid-event', 'data: {"a":1}\n\ndata: {"b":'],
    ['unknown field', 'garbage: 1\ndata: {}\n\n'],
    ['event without data', 'event: ping\n\n'],
    ['empty body', ''],
  ])('rejects a stream %s', (_name, body) => {
    expect(parseSse(body).ok).toBe(false);
  });
  it('rejects data that is not JSON and events after [DONE]', () => {
    const bad = parseSse('data: {"a":\n\n');
    expect(bad.ok && sseJson(bad.events, true).ok).toBe(false);
    const after = parseSse('data: [DONE]\n\ndata: {}\n\n');
    expect(after.ok && sseJson(after.events, true)).toMatchObject({ ok: false });
  });
});
