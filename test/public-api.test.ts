// The hand-listed public API (src/index.ts) loads and works end to end: count (TMS-M-004),
// normalise (TMS-M-026), price exactly (TMS-P-001) and digest (TMS-C-006) through it alone.
import { describe, expect, it } from 'vitest';
import * as tc from '../src/index.js';

describe('public API', () => {
  it('counts, normalises, prices and digests through the exported functions only', async () => {
    expect(tc.countText('cl100k_base', 'hello world')).toBe(2); // tiktoken tests/test_encoding.py: [15339, 1917]
    const r = tc.toCells('anthropic-messages', { input_tokens: 3, cache_creation_input_tokens: 418, cache_read_input_tokens: 1111, output_tokens: 33 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(tc.totalInput(r.usage)).toBe(3 + 418 + 1111); // Anthropic: input excludes cache reads and writes
    expect(tc.Decimal.parse('0.1').add(tc.Decimal.parse('0.2')).toString()).toBe('0.3');
    expect(tc.digestJson({ b: 1, a: 2 })).toBe(tc.sha256Hex('{"a":2,"b":1}'));
  });

  it('exports the main entry points and not the internals behind them', () => {
    const names = Object.keys(tc).sort();
    expect(names).toContain('runProbe');
    expect(names).toContain('startReferenceProvider');
    expect(names).not.toContain('fastCount');
  });
});
