import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './apiError.js';
import { parseAnthropicMessages, renderAnthropicMessages } from './apis/anthropicMessages.js';
import { parseGemini, parseGeminiCount, renderGemini } from './apis/gemini.js';
import { parseOpenaiChat, parseResponsesCount, renderOpenaiChat } from './apis/openaiChat.js';
import { referenceModels, type ReferenceApi } from './models.js';
import { hooksForReply, type FaultHooks } from './faultHooks.js';
import { countInput, delivered, planReply, type ProviderState, type ReplyPlan } from './planReply.js';
import type { ReplyRequest } from './replyRequest.js';
import type { WireReply } from './wire.js';

/** A matched endpoint: its API (for auth and error shapes) and the handler of its parsed JSON body. */
export interface Route {
  readonly api: ReferenceApi;
  readonly method: 'GET' | 'POST';
  handle(body: unknown, state: ProviderState): WireReply;
}

const json = (body: unknown): WireReply => ({ kind: 'json', status: 200, body });

/** Finds the endpoint for a method and URL, or undefined (the server answers 404). */
export function matchRoute(method: string, url: URL): Route | undefined {
  if (method === 'GET') return getRoute(url);
  if (method !== 'POST') return undefined;
  // OpenAI and Anthropic endpoints are fixed paths; Gemini puts the model and verb in the path.
  return fixedPostRoute(url.pathname) ?? geminiRoute(url);
}

/** The read-only endpoints: the OpenAI model list and the reference provider's own ledger. */
function getRoute(url: URL): Route | undefined {
  const p = url.pathname;
  if (p === '/v1/models') {
    return {
      api: 'openai-chat',
      method: 'GET',
      handle: () =>
        json({
          object: 'list',
          data: referenceModels
            .filter((m) => m.api === 'openai-chat')
            .map((m) => ({ id: m.id, object: 'model', created: 1700000000, owned_by: 'tokencert-reference' })),
        }),
    };
  }
  if (p === '/_tokencert/ledger') {
    // The billed truth for gateway certification (TMS-G-001): every served generation request, optionally one correlation's.
    const want = url.searchParams.get('correlation');
    return {
      api: 'openai-chat',
      method: 'GET',
      handle: (_b, s) => json({ entries: want === null ? s.ledger : s.ledger.filter((e) => e.correlation === want) }),
    };
  }
  return undefined;
}

/** The OpenAI and Anthropic POST endpoints, whose paths carry no parameters. */
function fixedPostRoute(p: string): Route | undefined {
  switch (p) {
    case '/v1/chat/completions':
      return generation('openai-chat', parseOpenaiChat, renderOpenaiChat);
    case '/v1/responses/input_tokens':
      return {
        api: 'openai-chat',
        method: 'POST',
        handle: (b, s) => json({ object: 'response.input_tokens', input_tokens: countInput(parseResponsesCount(b), s.hooks) }),
      };
    case '/v1/messages':
      return generation('anthropic-messages', (b) => parseAnthropicMessages(b), renderAnthropicMessages);
    case '/v1/messages/count_tokens':
      return { api: 'anthropic-messages', method: 'POST', handle: (b, s) => json({ input_tokens: countInput(parseAnthropicMessages(b, true), s.hooks) }) };
  }
  return undefined;
}

/** The Gemini endpoints `/v1beta/models/{model}:{verb}`, the model name URL-decoded. */
function geminiRoute(url: URL): Route | undefined {
  const g = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/.exec(url.pathname);
  if (!g) return undefined;
  const [, model, verb] = g;
  const name = decodeURIComponent(model);
  if (verb === 'countTokens') {
    return {
      api: 'gemini',
      method: 'POST',
      handle: (b, s) => {
        const total = countInput(parseGeminiCount(name, b), s.hooks);
        return json({ totalTokens: total, promptTokensDetails: [{ modality: 'TEXT', tokenCount: total }] });
      },
    };
  }
  const stream = verb === 'streamGenerateContent';
  const sse = url.searchParams.get('alt') === 'sse';
  return generation(
    'gemini',
    (b) => parseGemini(name, b, stream),
    (r, p, hooks) => {
      const reply = renderGemini(r, p, hooks);
      // Without alt=sse, streamGenerateContent answers one JSON array of the chunks, as Gemini does.
      return stream && !sse && reply.kind === 'sse' ? json(reply.events.map((e) => e.data)) : reply;
    },
  );
}

/**
 * A generation endpoint. Every API plans its reply the same way and differs only in how it reads the
 * body and renders the plan; the reply counts as delivered only once sent, so a retry of a reply the
 * client never received is not a repetition (TMS-C-128).
 */
function generation(
  api: ReferenceApi,
  parse: (body: unknown) => ReplyRequest,
  render: (req: ReplyRequest, plan: ReplyPlan, hooks: FaultHooks) => WireReply,
): Route {
  return {
    api,
    method: 'POST',
    handle: (b, s) => {
      const r = parse(b);
      const p = planReply(r, s);
      return { ...render(r, p, hooksForReply(s.hooks, p.repetition)), onDelivered: () => delivered(s, p) };
    },
  };
}

/** The API family a path belongs to, for the shape of a 404 on an unknown path. */
export function apiOfPath(path: string): ReferenceApi {
  if (path.startsWith('/v1beta')) return 'gemini';
  if (path.startsWith('/v1/messages')) return 'anthropic-messages';
  return 'openai-chat';
}

/** Checks the API key the way each API carries it (OpenAI bearer, Anthropic x-api-key or bearer, Gemini x-goog-api-key or ?key=); a mismatch is a 401. */
export function checkAuth(api: ReferenceApi, req: IncomingMessage, url: URL, apiKey: string | undefined): void {
  if (apiKey === undefined) return;
  const h = req.headers.authorization;
  const bearer = h?.startsWith('Bearer ') ? h.slice(7) : undefined;
  let given: string | undefined;
  if (api === 'openai-chat') given = bearer;
  // @anthropic-ai/sdk 1.x sends the API key as a bearer token; older clients send x-api-key.
  else if (api === 'anthropic-messages') given = single(req.headers['x-api-key']) ?? bearer;
  else given = single(req.headers['x-goog-api-key']) ?? url.searchParams.get('key') ?? undefined;
  if (given !== undefined && sameSecret(given, apiKey)) return;
  // Never echo the key (README "Set-up": API keys never reach a report, log or error): the message says only what was wrong.
  const message =
    given === undefined
      ? {
          'openai-chat': 'Missing bearer authentication in header',
          'anthropic-messages': 'x-api-key header is required',
          gemini: "Method doesn't allow unregistered callers. Please use API Key.",
        }[api]
      : { 'openai-chat': 'Incorrect API key provided.', 'anthropic-messages': 'invalid x-api-key', gemini: 'API key not valid. Please pass a valid API key.' }[
          api
        ];
  throw new ApiError('authentication', 401, message);
}

/** Checks the headers an API requires besides the key: Anthropic answers 400 without `anthropic-version`. */
export function checkApiHeaders(api: ReferenceApi, req: IncomingMessage): void {
  if (api === 'anthropic-messages' && single(req.headers['anthropic-version']) === undefined)
    throw new ApiError('invalid-request', 400, 'anthropic-version: header is required');
}

function single(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
