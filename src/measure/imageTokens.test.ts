import { describe, expect, it } from 'vitest';
import { imageTokens } from './imageTokens.js';

describe('imageTokens (TMS-M-014, TMS-M-015, TMS-M-016)', () => {
  it('TMS-M-014: OpenAI vision guide examples (gpt-4o): 765, 1105, low 85', () => {
    expect(imageTokens('gpt-4o', { width: 1024, height: 1024, detail: 'high' }).tokens).toBe(765);
    expect(imageTokens('gpt-4o', { width: 2048, height: 4096, detail: 'high' }).tokens).toBe(1105);
    expect(imageTokens('gpt-4o', { width: 4096, height: 8192, detail: 'low' }).tokens).toBe(85);
    // 128×64 is not enlarged: gpt-4o high = 255 (community API measurement 267 − 12 prompt tokens, https://community.openai.com/t/vision-more-than-one-way-to-send-a-request-undocumented-and-different-pricing-realized/1262691).
    expect(imageTokens('gpt-4o-2024-08-06', { width: 128, height: 64, detail: 'high' }).tokens).toBe(255);
  });

  it('TMS-M-015: patch examples 1024 patches and 1800×2400 → 1056×1408 → 1452', () => {
    expect(imageTokens('gpt-4.1-mini', { width: 1024, height: 1024 }).units).toBe(1024);
    const r = imageTokens('gpt-4.1-mini', { width: 1800, height: 2400 });
    expect(r.resized).toEqual({ width: 1056, height: 1408 });
    expect(r.units).toBe(1452);
    expect(r.tokens).toBe(2353); // ceil(1452 × 1.62 = 2352.24)
  });

  it('TMS-M-016: unknown models and bad sizes are errors', () => {
    expect(() => imageTokens('gpt-9', { width: 1, height: 1 })).toThrow(/"gpt-9"/);
    expect(() => imageTokens('gpt-4o', { width: 0, height: 1 })).toThrow(/positive integer/);
  });
});
