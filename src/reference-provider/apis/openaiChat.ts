import { fromCells } from '../../measure/usageConventions.js';
import type { Usage } from '../../schemas/types.gen.js';
import { ApiError, asArray, asObject, asString, badRequest, optionalPositiveInt } from '../apiError.js';
import type { FaultHooks } from '../faultHooks.js';
import { findReferenceModel, type ReferenceModel } from '../models.js';
import type { ReplyPlan } from '../planReply.js';
import type { PromptMessage, PromptTool, ReplyRequest } from '../replyRequest.js';
import type { SseEvent, WireReply } from '../wire.js';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/** Resolves an OpenAI-style model id or answers 404 the way OpenAI does. */
export function openaiModel(id: unknown): ReferenceModel {
  const name = asString(id, 'model');
  const model = findReferenceModel('openai-chat', name);
  if (!model) throw new ApiError('not-found', 404, `The model \`${name}\` does not exist or you do not have access to it.`, 'model');
  return model;
}

/** Validates a Chat Completions request body (`POST /v1/chat/completions`) into a neutral reply request. */
export function parseOpenaiChat(raw: unknown): ReplyRequest {
  const body = asObject(raw, 'body');
  const model = openaiModel(body.model);
  const messages = asArray(body.messages, 'messages');
  if (messages.length === 0) throw badRequest('messages must contain at least one message', 'messages');
  messages.forEach((m, i) => checkMessage(m, `messages[${i}]`));
  const tools = body.tools === undefined ? undefined : asArray(body.tools, 'tools');
  tools?.forEach((t, i) => checkTool(t, `tools[${i}]`));
  if (body.n !== undefined && body.n !== 1) throw badRequest('n must be 1 on the reference provider', 'n');
  const stream = body.stream === undefined || body.stream === null ? false : body.stream;
  if (typeof stream !== 'boolean') throw badRequest('stream must be a boolean', 'stream');
  let includeUsage = false;
  if (body.stream_options !== undefined && body.stream_options !== null) {
    if (!stream) throw badRequest("The 'stream_options' parameter is only allowed when 'stream' is set to true", 'stream_options');
    const so = asObject(body.stream_options, 'stream_options');
    if (so.include_usage !== undefined && typeof so.include_usage !== 'boolean')
      throw badRequest('stream_options.include_usage must be a boolean', 'stream_options.include_usage');
    includeUsage = so.include_usage === true;
  }
  if (model.completionLimitOnly && body.max_tokens !== undefined && body.max_tokens !== null) {
    // The real API's answer, word for word, so a probe's fallback is tested against it (TMS-C-115).
    throw new ApiError(
      'unsupported-parameter',
      400,
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens',
    );
  }
  const limit = optionalPositiveInt(body, 'max_completion_tokens') ?? optionalPositiveInt(body, 'max_tokens');
  const { stream: _s, stream_options: _o, ...canonical } = body;
  return {
    api: 'openai-chat',
    model,
    prompt: { messages, ...(tools ? { tools } : {}) },
    limit,
    thinkingBudget: undefined,
    cacheWrite: undefined,
    stream,
    includeUsage,
    canonical,
  };
}

function checkMessage(m: unknown, where: string): void {
  const msg = asObject(m, where);
  const role = asString(msg.role, `${where}.role`);
  if (!ROLES.has(role)) throw badRequest(`${where}.role must be one of ${[...ROLES].join(', ')}`, `${where}.role`);
  if (msg.name !== undefined) asString(msg.name, `${where}.name`);
  const c = msg.content;
  if (c === null && role === 'assistant') return;
  if (typeof c === 'string') return;
  asArray(c, `${where}.content`).forEach((p, j) => {
    const part = asObject(p, `${where}.content[${j}]`);
    if (part.type !== 'text') throw badRequest(`${where}.content[${j}].type: only text parts are supported by the reference provider`, `${where}.content`);
    asString(part.text, `${where}.content[${j}].text`);
  });
}

function checkTool(t: unknown, where: string): void {
  const tool = asObject(t, where);
  if (tool.type !== 'function') throw badRequest(`${where}.type must be "function"`, `${where}.type`);
  asString(asObject(tool.function, `${where}.function`).name, `${where}.function.name`);
}

/** The native Chat Completions usage object of canonical cells, through the fault hooks (TMS-M-024). */
export function openaiUsage(usage: Usage, hooks: FaultHooks): Record<string, unknown> {
  const native = fromCells('openai-chat', usage);
  hooks.native?.('openai-chat', native);
  return native;
}

/** Renders a Chat Completions reply: one `chat.completion` object, or `chat.completion.chunk` events (TMS-M-032). */
export function renderOpenaiChat(req: ReplyRequest, plan: ReplyPlan, hooks: FaultHooks): WireReply {
  const head = { id: `chatcmpl-${plan.id}`, created: plan.created, model: req.model.id, system_fingerprint: 'fp_tokencert_ref', service_tier: 'default' };
  const finish = plan.finish === 'length' ? 'length' : 'stop';
  if (!req.stream) {
    const message = { role: 'assistant', content: plan.text.text, refusal: null, annotations: [] };
    const body = {
      ...head,
      object: 'chat.completion',
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage: openaiUsage(plan.usage, hooks),
    };
    return { kind: 'json', status: 200, body };
  }
  // TMS-M-032: usage is null on every chunk and present only in one extra final chunk, when requested
  // (the faults usage-unrequested and usage-on-finish-chunk break exactly that).
  const withUsage = (req.includeUsage || hooks.usageUnrequested === true) && hooks.streamMode !== 'missing';
  const usageNull = withUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, usage: Record<string, unknown> = usageNull): SseEvent => ({
    data: {
      ...head,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...usage,
    },
  });
  const events: SseEvent[] = [chunk({ role: 'assistant', content: '', refusal: null }, null)];
  for (const c of plan.chunks) events.push(chunk({ content: c }, null));
  const onFinish = withUsage && hooks.usageOnFinishChunk === true;
  events.push(chunk({}, finish, onFinish ? { usage: openaiUsage(plan.streamUsage, hooks) } : usageNull));
  if (withUsage && !onFinish) events.push({ data: { ...head, object: 'chat.completion.chunk', choices: [], usage: openaiUsage(plan.streamUsage, hooks) } });
  events.push({ data: '[DONE]' });
  return { kind: 'sse', events };
}

/** Validates a Responses input-token count body (`POST /v1/responses/input_tokens`) into the prompt it counts. */
export function parseResponsesCount(raw: unknown): Pick<ReplyRequest, 'api' | 'model' | 'prompt'> {
  const body = asObject(raw, 'body');
  const model = openaiModel(body.model);
  const messages: PromptMessage[] = [];
  if (body.instructions !== undefined && body.instructions !== null) messages.push({ role: 'system', content: asString(body.instructions, 'instructions') });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (body.input !== undefined) {
    asArray(body.input, 'input').forEach((it, i) => {
      const item = asObject(it, `input[${i}]`);
      if (item.type !== undefined && item.type !== 'message')
        throw badRequest(`input[${i}].type: only message items are supported by the reference provider`, 'input');
      const role = asString(item.role, `input[${i}].role`);
      if (!ROLES.has(role)) throw badRequest(`input[${i}].role must be one of ${[...ROLES].join(', ')}`, 'input');
      messages.push({ role, content: responsesContent(item.content, `input[${i}].content`) });
    });
  }
  if (messages.length === 0) throw badRequest('input must hold at least one message', 'input');
  const tools: PromptTool[] | undefined =
    body.tools === undefined
      ? undefined
      : asArray(body.tools, 'tools').map((t, i) => {
          const outer = asObject(t, `tools[${i}]`);
          if (outer.type !== 'function') throw badRequest(`tools[${i}].type: only function tools are supported by the reference provider`, 'tools');
          // Responses tools are flat ({type, name, description, parameters}); Chat Completions tools nest them under `function`. Both are accepted.
          const tool = outer.function === undefined ? outer : asObject(outer.function, `tools[${i}].function`);
          const fn: PromptTool['function'] = { name: asString(tool.name, `tools[${i}].name`) };
          if (tool.description !== undefined) fn.description = asString(tool.description, `tools[${i}].description`);
          if (tool.parameters !== undefined) fn.parameters = tool.parameters;
          return { type: 'function', function: fn };
        });
  return { api: 'openai-chat', model, prompt: { messages, ...(tools ? { tools } : {}) } };
}

function responsesContent(c: unknown, where: string): string {
  if (typeof c === 'string') return c;
  return asArray(c, where)
    .map((p, j) => {
      const part = asObject(p, `${where}[${j}]`);
      if (part.type !== 'input_text' && part.type !== 'output_text')
        throw badRequest(`${where}[${j}].type: only text parts are supported by the reference provider`, 'input');
      return asString(part.text, `${where}[${j}].text`);
    })
    .join('');
}
