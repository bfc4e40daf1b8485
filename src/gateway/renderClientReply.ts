import type { UpstreamReply } from './readUpstreamReply.js';
import type { GatewayFaultName } from './gatewayFaults.js';

/** One OpenAI Chat Completions answer to the client: a JSON body, or the data lines of an SSE stream. */
export type ClientReply = { readonly kind: 'json'; readonly body: unknown } | { readonly kind: 'sse'; readonly data: readonly string[] };

/** What the client asked for that shapes the answer. */
export interface ClientAsk {
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

/**
 * Renders the upstream reply as OpenAI Chat Completions (TMS-M-032 for streams: usage null on every
 * chunk and one extra final chunk with empty choices, only when include_usage asked for it), with
 * the stream faults applied.
 */
export function renderClientReply(
  id: string,
  ask: ClientAsk,
  reply: UpstreamReply,
  usage: Record<string, unknown>,
  faults: ReadonlySet<GatewayFaultName>,
): ClientReply {
  const head = { id, created: 0, model: ask.model };
  if (!ask.stream) {
    const message = { role: 'assistant', content: reply.text };
    return { kind: 'json', body: { ...head, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: reply.finish }], usage } };
  }
  const wantUsage = ask.includeUsage || faults.has('usage-unrequested');
  const withUsage = wantUsage && !faults.has('stream-usage-dropped');
  const onFinish = withUsage && faults.has('usage-on-finish-chunk');
  const usageNull = ask.includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = usageNull): string =>
    JSON.stringify({ ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], ...extra });
  const data = [chunk({ role: 'assistant', content: '' }, null)];
  for (const p of reply.pieces) data.push(chunk({ content: p }, null));
  data.push(chunk({}, reply.finish, onFinish ? { usage } : usageNull));
  if (withUsage && !onFinish) data.push(JSON.stringify({ ...head, object: 'chat.completion.chunk', choices: [], usage }));
  data.push('[DONE]');
  return { kind: 'sse', data };
}
