import type { ServerResponse } from 'node:http';
import type { FaultHooks } from './faultHooks.js';

/** How a handler answers: a JSON body, or a list of SSE events written in order. */
export type WireReply = (
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> }
  | { readonly kind: 'sse'; readonly events: readonly SseEvent[] }
) & {
  /** Called once the whole reply was written to a client still connected. */
  readonly onDelivered?: () => void;
};

/** One server-sent event: an optional `event:` name and its data (a JSON value, or a raw string such as `[DONE]`). */
export interface SseEvent {
  readonly event?: string;
  readonly data: unknown;
}

/** Formats one SSE event (`event:` line when named, one `data:` line, blank line). */
export function formatSse(e: SseEvent): string {
  const data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
  return `${e.event ? `event: ${e.event}\n` : ''}data: ${data}\n\n`;
}

/**
 * Writes a reply to the socket, applying the transport faults: `malformSse` truncates the JSON of
 * the event at two thirds of the stream and drops the rest; `padBodyTo` pads JSON with whitespace
 * after the document and streams with a leading SSE comment, stopping early if the client hangs up.
 */
export async function writeReply(res: ServerResponse, reply: WireReply, hooks: FaultHooks): Promise<void> {
  if (reply.kind === 'json') {
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    await write(res, text);
    if (hooks.padBodyTo) await pad(res, hooks.padBodyTo - Buffer.byteLength(text), '');
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  if (hooks.padBodyTo) {
    await write(res, ': ');
    await pad(res, hooks.padBodyTo, '\n\n');
  }
  const events = reply.events;
  const breakAt = hooks.malformSse ? Math.max(0, Math.floor((events.length * 2) / 3)) : -1;
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed) return;
    if (i === breakAt) {
      const full = formatSse(events[i]);
      await write(res, `${full.slice(0, Math.floor(full.length / 2)).trimEnd()}\n\n`);
      break;
    }
    await write(res, formatSse(events[i]));
  }
  res.end();
}

function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    if (res.write(chunk)) resolve();
    else {
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.once('drain', done);
      res.once('close', done);
    }
  });
}

async function pad(res: ServerResponse, bytes: number, tail: string): Promise<void> {
  const block = ' '.repeat(1024 * 1024);
  for (let left = bytes; left > 0 && !res.destroyed; left -= block.length) await write(res, left >= block.length ? block : block.slice(0, left));
  await write(res, tail);
}
