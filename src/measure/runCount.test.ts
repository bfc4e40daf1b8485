import { describe, expect, it } from 'vitest';
import { FastCounter, periodicRun, runCount } from './fastCount.js';
import type { RankBase } from './rankFile.js';

// A long run of one character is counted by its period (fastCount.ts runCount) instead of merging
// all of it. The extrapolated count must equal the full merge of the same run (FastCounter's merge
// is held to tiktoken's counts by fastCount.property.test.ts). The CLI uses it for pieces over 64 KiB.
describe('long runs of one character are counted exactly, by period (TMS-M-004, TMS-C-012)', () => {
  const counters = new Map<string, FastCounter>();
  const counter = (base: RankBase) => counters.get(base) ?? counters.set(base, new FastCounter(base)).get(base)!;

  it.each([
    ['o200k_base', 'x', 'a'],
    ['o200k_base', '', '!'],
    ['cl100k_base', 'Q', 'é'],
    ['cl100k_base', '', '🚀'],
  ])('%s: %j then %j repeated', (base, head, ch) => {
    // No fallback: these runs are on the fast path, whose merge is the one under test.
    const slow = (): number => {
      throw new Error('unexpected fallback');
    };
    const c = counter(base as RankBase);
    const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    const countOf = (b: string) => c.count(Buffer.from(b, 'latin1').toString('utf8'), slow);
    for (const k of [3001, 4096]) {
      expect(runCount(latin1(head), latin1(ch), k, countOf), `${k}`).toBe(countOf(latin1(head + ch.repeat(k))));
    }
  });

  it('recognises a head followed by one repeated unit, and nothing else', () => {
    const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(periodicRun(latin1(`Q${'é'.repeat(3000)}`))).toMatchObject({ head: 'Q', repeats: 3000 });
    expect(periodicRun(latin1(`${'a'.repeat(3000)}b`))).toBeUndefined();
  });
});
