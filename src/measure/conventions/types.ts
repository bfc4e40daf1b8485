import type { Usage } from '../../schemas/types.gen.js';

/** The four native usage conventions tokencert normalises (TMS-M-024..027). */
export type UsageApi = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';

/** The outcome of normalising a native usage object: canonical cells, or why it is invalid (TMS-M-029). */
export type ToCellsResult = { ok: true; usage: Usage } | { ok: false; flags: string[]; message: string };

/** One convention: native → cells and cells → native. */
export interface UsageConvention {
  readonly api: UsageApi;
  toCells(native: unknown): ToCellsResult;
  fromCells(usage: Usage): Record<string, unknown>;
}
