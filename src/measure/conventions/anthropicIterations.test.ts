import { describe, expect, it } from 'vitest';
import { toCells } from '../usageConventions.js';
import { cellKey, totalInput, totalOutput } from '../usageTotals.js';
import type { Usage } from '../../schemas/types.gen.js';

const keyed = (u: Usage): Record<string, number> => Object.fromEntries(u.cells.map((c) => [cellKey(c), c.tokens]));
const zero = { cache_read_input_tokens: 0, cache_creation_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } };
// Numbers from vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911 packages/anthropic/src/__fixtures__/anthropic-compaction.1.json
const compaction = {
  input_tokens: 682,
  output_tokens: 1320,
  ...zero,
  iterations: [
    { input_tokens: 60385, output_tokens: 592, ...zero, type: 'compaction' },
    { input_tokens: 682, output_tokens: 1320, ...zero, type: 'message' },
  ],
};
// … and anthropic-advisor-20260301.1.json (claude-sonnet-4-6 advised by claude-opus-4-7)
const advisor = {
  input_tokens: 2414,
  output_tokens: 3200,
  ...zero,
  iterations: [
    { input_tokens: 1051, output_tokens: 35, ...zero, type: 'message' },
    { input_tokens: 2728, output_tokens: 874, ...zero, type: 'advisor_message', model: 'claude-opus-4-7' },
    { input_tokens: 1363, output_tokens: 3165, ...zero, type: 'message' },
  ],
};
// … and anthropic-fallback.json (claude-fable-5 declined, claude-opus-4-8 served)
const fallback = {
  input_tokens: 412,
  output_tokens: 264,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
  iterations: [
    { type: 'message', model: 'claude-fable-5', input_tokens: 408, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    { type: 'fallback_message', model: 'claude-opus-4-8', input_tokens: 412, output_tokens: 264, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  ],
};

describe('Anthropic usage.iterations (TMS-M-057, TMS-M-058)', () => {
  it('TMS-M-057: a compaction iteration is billed at the same model: recorded 682/1,320 reads as 61,067/1,912', () => {
    const r = toCells('anthropic-messages', compaction);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(totalInput(r.usage)).toBe(61067);
    expect(totalOutput(r.usage)).toBe(1912);
    expect(keyed(r.usage)).toEqual({ 'input/none/text': 61067, 'output/none/text/answer': 1912 });
    expect(r.others).toBeUndefined();
  });

  it("TMS-M-058: an advisor iteration is the advisor model's usage, kept apart from the executor's cells", () => {
    const r = toCells('anthropic-messages', advisor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(keyed(r.usage)).toEqual({ 'input/none/text': 2414, 'output/none/text/answer': 3200 });
    expect(r.others?.map((o) => ({ model: o.model, kind: o.kind, pointer: o.pointer, cells: keyed(o.usage) }))).toEqual([
      { model: 'claude-opus-4-7', kind: 'advisor_message', pointer: '/iterations/1', cells: { 'input/none/text': 2728, 'output/none/text/answer': 874 } },
    ]);
  });

  it("TMS-M-058: a declined fallback hop is its own model's usage; the serving hop is the top-level count", () => {
    const r = toCells('anthropic-messages', fallback);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(keyed(r.usage)).toEqual({ 'input/none/text': 412, 'output/none/text/answer': 264 });
    expect(r.others?.map((o) => [o.model, o.kind, totalInput(o.usage)])).toEqual([['claude-fable-5', 'message', 408]]);
  });

  it('TMS-M-057: served iterations that do not sum to the top-level counts, unknown types and advisors without a model are rejected', () => {
    const off = structuredClone(compaction);
    off.iterations[1].output_tokens = 1319;
    const a = toCells('anthropic-messages', off);
    expect(a.ok ? [] : a.flags).toEqual(['iterations-mismatch']);
    const unknown = structuredClone(compaction);
    unknown.iterations[0].type = 'something_new';
    const b = toCells('anthropic-messages', unknown);
    expect(b.ok ? [] : b.flags).toEqual(['unknown-iteration']);
    const noModel = structuredClone(advisor) as { iterations: Record<string, unknown>[] };
    delete noModel.iterations[1].model;
    const c = toCells('anthropic-messages', noModel);
    expect(c.ok ? '' : c.message).toBe('/iterations/1/model: a advisor_message iteration names the model that billed it');
  });
});
