import type { Usage } from '../../schemas/types.gen.js';

/** The four native usage conventions tokencert normalises (TMS-M-024..027). */
export type UsageApi = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';

/**
 * Usage billed as another model inside one response (TMS-M-058): an Anthropic advisor iteration,
 * or the declined hop of a server-side fallback. `pointer` locates it in the native object.
 */
export interface OtherModelUsage {
  readonly model: string;
  /** The provider's name for the iteration, e.g. `advisor_message`. */
  readonly kind: string;
  readonly pointer: string;
  readonly usage: Usage;
}

/** The outcome of normalising a native usage object: canonical cells, or why it is invalid (TMS-M-029). */
export type ToCellsResult = { ok: true; usage: Usage; others?: readonly OtherModelUsage[] } | { ok: false; flags: string[]; message: string };

/** One convention: native → cells and cells → native. */
export interface UsageConvention {
  readonly api: UsageApi;
  toCells(native: unknown): ToCellsResult;
  fromCells(usage: Usage): Record<string, unknown>;
}
