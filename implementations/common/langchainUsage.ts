// LangChain's AIMessage.usage_metadata (@langchain/core UsageMetadata) → canonical cells, shared
// by the three LangChain adapters. input_tokens is "the sum of all input token types", so
// uncached text input = input_tokens − cache_read − cache_creation; output_tokens includes
// output_token_details.reasoning, so answer = output_tokens − reasoning. The modality details
// "do not need to sum" to the totals (the type's own words), so modality is declared not
// expressible; the type has no TTL or tool-prompt field either (TMS-H-005). If a provider package
// adds ephemeral_5m_input_tokens / ephemeral_1h_input_tokens to input_token_details, they give
// TTL'd write cells and cache_ttl becomes expressible for that answer.
import type { UsageMetadata } from '@langchain/core/messages';
import { put } from './fakeFetch.js';

/** Maps usage_metadata of one generation to canonical cells. */
export function langchainCells(u: UsageMetadata | undefined): { cells: Record<string, number>; not_expressible: string[]; library_output: unknown } {
  if (!u) throw new Error('the message carries no usage_metadata');
  const cells: Record<string, number> = {};
  const d = (u.input_token_details ?? {}) as Record<string, number | undefined>;
  const read = d.cache_read ?? 0;
  const write = d.cache_creation ?? 0;
  const ttl = d.ephemeral_5m_input_tokens !== undefined || d.ephemeral_1h_input_tokens !== undefined;
  put(cells, 'input/none/text', u.input_tokens - read - write);
  put(cells, 'input/read/text', d.cache_read);
  if (ttl) {
    put(cells, 'input/write@5m/text', d.ephemeral_5m_input_tokens);
    put(cells, 'input/write@1h/text', d.ephemeral_1h_input_tokens);
    // Writes the split does not account for stay TTL-less, so a mismatch shows.
    put(cells, 'input/write/text', write - (d.ephemeral_5m_input_tokens ?? 0) - (d.ephemeral_1h_input_tokens ?? 0));
  } else put(cells, 'input/write/text', d.cache_creation);
  const reasoning = u.output_token_details?.reasoning ?? 0;
  put(cells, 'output/none/text/answer', u.output_tokens - reasoning);
  put(cells, 'output/none/text/reasoning', u.output_token_details?.reasoning);
  return { cells, not_expressible: ttl ? ['modality', 'tool_prompt'] : ['cache_ttl', 'modality', 'tool_prompt'], library_output: u };
}
