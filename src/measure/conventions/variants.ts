import { InputError } from '../../errors/errors.js';
import type { UsageApi } from './types.js';

/** Where a variant departs from its convention: in the usage object itself, or only in how a stream carries it. */
export type VariantScope = 'usage' | 'stream';

/**
 * A known, named deviation of real providers from one of the four conventions (TMS-M-055). The
 * probe reports such behaviour as a failure of the declared convention; `validate`, `settle` and
 * `audit` read a log under a declared variant (TMS-M-056) so the provider's logs can be audited.
 */
export interface ConventionVariant {
  /** `api/name`, e.g. `openai-chat/reasoning-beside`: the value of `--convention`. */
  readonly id: string;
  readonly api: UsageApi;
  readonly name: string;
  readonly scope: VariantScope;
  readonly description: string;
  /** Public sources where the behaviour was recorded (repository, path, commit). */
  readonly seen: readonly string[];
  /**
   * For usage variants: the object rewritten into the declared convention's form (a copy; fields
   * that are not counts are left for the convention's reader to reject).
   */
  readonly toConvention?: (native: Record<string, unknown>) => Record<string, unknown>;
  /** The inverse of `toConvention`: how a provider with this deviation reports a conforming object. */
  readonly fromConvention?: (native: Record<string, unknown>) => Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Moves `reasoning_tokens` across `completion_tokens` (sign +1: beside → inside; −1: inside → beside). */
function shiftReasoning(native: Obj, sign: 1 | -1): Obj {
  const out = { ...native };
  const cd = native.completion_tokens_details;
  const reasoning = isObj(cd) ? cd.reasoning_tokens : undefined;
  if (isCount(reasoning) && isCount(native.completion_tokens)) out.completion_tokens = native.completion_tokens + sign * reasoning;
  return out;
}

const XAI = 'vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911';

/** Every known variant, in one table. Stream variants change nothing when a finished usage object is read. */
export const conventionVariants: readonly ConventionVariant[] = [
  {
    id: 'openai-chat/reasoning-beside',
    api: 'openai-chat',
    name: 'reasoning-beside',
    scope: 'usage',
    description:
      'completion_tokens counts only the visible answer; completion_tokens_details.reasoning_tokens is reported beside it and total_tokens = prompt_tokens + completion_tokens + reasoning_tokens. Read as completion_tokens + reasoning_tokens in the OpenAI Chat convention.',
    seen: [
      `xAI grok-3-mini stream usage: ${XAI} packages/xai/src/__fixtures__/xai-text.chunks.txt (prompt 12, completion 1, reasoning 290, total 303)`,
      `xAI grok-3-mini usage: ${XAI} packages/xai/src/__fixtures__/xai-tool-call.chunks.txt (prompt 291, completion 26, reasoning 196, total 513)`,
    ],
    toConvention: (n) => shiftReasoning(n, 1),
    fromConvention: (n) => shiftReasoning(n, -1),
  },
  {
    id: 'openai-chat/usage-on-finish-chunk',
    api: 'openai-chat',
    name: 'usage-on-finish-chunk',
    scope: 'stream',
    description:
      'With stream_options.include_usage the usage arrives on the chunk that carries finish_reason instead of on an extra final chunk whose choices is empty. The usage object itself follows the convention.',
    seen: [`Groq: ${XAI} packages/groq/src/__fixtures__/groq-text.chunks.txt (usage inside x_groq on the finish chunk)`],
  },
  {
    id: 'openai-chat/usage-unrequested',
    api: 'openai-chat',
    name: 'usage-unrequested',
    scope: 'stream',
    description: 'Streams carry usage although the request did not set stream_options.include_usage. The usage object itself follows the convention.',
    // No public recording shows the request beside the stream, so none is cited.
    seen: [],
  },
];

/** A declared convention: its API, and the variant when one is named. */
export interface DeclaredConvention {
  readonly api: UsageApi;
  readonly variant?: ConventionVariant;
}

const APIS: readonly UsageApi[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini'];

/** Every value `--convention` accepts: the four API names and every variant id. */
export const conventionIds: readonly string[] = [...APIS, ...conventionVariants.map((v) => v.id)];

/** Resolves `--convention NAME` (an API name or `api/variant`), or an InputError naming the accepted values. */
export function resolveConvention(id: string): DeclaredConvention {
  const api = APIS.find((a) => a === id);
  if (api !== undefined) return { api };
  const variant = conventionVariants.find((v) => v.id === id);
  if (!variant) throw new InputError('input-invalid', `unknown usage convention "${id}"; known: ${conventionIds.join(', ')}`);
  return { api: variant.api, variant };
}
