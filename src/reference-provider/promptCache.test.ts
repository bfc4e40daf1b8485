// The prefix cache remembers 1024 + 128·k token prefixes and nothing shorter (TMS-M-036).
import { describe, expect, it } from 'vitest';
import { cacheableLength, PromptCache } from './promptCache.js';

const ids = (n: number, offset = 0): number[] => Array.from({ length: n }, (_, i) => i + offset);

describe('PromptCache (TMS-M-036)', () => {
  it('never caches prompts under 1024 tokens', () => {
    const c = new PromptCache();
    expect(c.store('m', ids(1023))).toBe(0);
    expect(c.lookup('m', ids(1023))).toBe(0);
    expect(cacheableLength(1023)).toBe(0);
  });

  it('reports the longest shared prefix in 128-token steps, per model', () => {
    const c = new PromptCache();
    expect(c.store('m', ids(1500))).toBe(1408);
    expect(c.lookup('m', ids(1500))).toBe(1408);
    expect(c.lookup('m', [...ids(1200), ...ids(300, 5000)])).toBe(1152);
    expect(c.lookup('other', ids(1500))).toBe(0);
    expect(c.lookup('m', ids(1500, 1))).toBe(0);
  });
});

describe('PromptCache bound', () => {
  it('forgets the oldest prefixes beyond its bound', () => {
    const c = new PromptCache(1);
    c.store('m', ids(1024));
    c.store('m', ids(1024, 7));
    expect(c.lookup('m', ids(1024))).toBe(0);
    expect(c.lookup('m', ids(1024, 7))).toBe(1024);
  });
});
