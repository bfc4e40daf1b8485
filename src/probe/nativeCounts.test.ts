import { describe, expect, it } from 'vitest';
import { nativeCounts } from './nativeCounts.js';

describe('nativeCounts', () => {
  it("TMS-M-057: the probe counts Anthropic compaction iterations as the response model's tokens (recorded 682/1,320 → billed 61,067/1,912)", () => {
    // vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911 packages/anthropic/src/__fixtures__/anthropic-compaction.1.json
    const usage = {
      input_tokens: 682,
      output_tokens: 1320,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      iterations: [
        { type: 'compaction', input_tokens: 60385, output_tokens: 592, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        { type: 'message', input_tokens: 682, output_tokens: 1320, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      ],
    };
    const c = nativeCounts('anthropic', usage);
    expect([c.input, c.output]).toEqual([61067, 1912]);
    // An advisor iteration is another model's usage: not this model's counts.
    const advised = nativeCounts('anthropic', {
      ...usage,
      iterations: [{ type: 'advisor_message', model: 'claude-opus-4-7', input_tokens: 2728, output_tokens: 874 }],
    });
    expect([advised.input, advised.output]).toEqual([682, 1320]);
  });
});
