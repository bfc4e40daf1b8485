// A provider whose usage deviates from its convention in a known way (xAI: reasoning beside
// completion_tokens) can still be validated, settled and audited when the log's variant is declared
// (TMS-M-056); Anthropic advisor iterations settle as the advisor model's own records (TMS-M-058);
// Vertex trafficType inside usageMetadata selects the service tier (TMS-M-061).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseLine } from '../src/audit/read/normaliseLine.js';
import { resolveConvention } from '../src/measure/usageConventions.js';
import { runCliForTest } from '../src/testing/runCliForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-variants-'));
const f = (n: string): string => join(dir, n);
// Usage numbers from vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911 packages/xai/src/__fixtures__/xai-{text,tool-call}.chunks.txt;
// ids and times are this test's own.
const xai = [
  {
    object: 'chat.completion',
    id: 'xai-1',
    created: 1790812800,
    model: 'grok-3-mini',
    usage: {
      prompt_tokens: 12,
      completion_tokens: 1,
      total_tokens: 303,
      prompt_tokens_details: { cached_tokens: 11 },
      completion_tokens_details: { reasoning_tokens: 290 },
    },
  },
  {
    object: 'chat.completion',
    id: 'xai-2',
    created: 1790812860,
    model: 'grok-3-mini',
    usage: {
      prompt_tokens: 291,
      completion_tokens: 26,
      total_tokens: 513,
      prompt_tokens_details: { cached_tokens: 290 },
      completion_tokens_details: { reasoning_tokens: 196 },
    },
  },
];
// … packages/anthropic/src/__fixtures__/anthropic-advisor-20260301.1.json (usage only).
const z = { cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
const advisor = {
  type: 'message',
  id: 'msg-adv',
  time: '2026-10-02T10:00:00Z',
  model: 'claude-sonnet-4-6',
  usage: {
    input_tokens: 2414,
    output_tokens: 3200,
    ...z,
    iterations: [
      { input_tokens: 1051, output_tokens: 35, ...z, type: 'message' },
      { input_tokens: 2728, output_tokens: 874, ...z, type: 'advisor_message', model: 'claude-opus-4-7' },
      { input_tokens: 1363, output_tokens: 3165, ...z, type: 'message' },
    ],
  },
};
const sheet = {
  tms_version: '0.1.0',
  id: 'variants-test',
  currency: 'USD',
  unit: 1000000,
  entries: [
    { id: 'grok', model: 'grok-3-mini', prices: { 'input/none/text': '0.3', 'input/read/text': '0.075', 'output/none/text': '0.5' } },
    { id: 'sonnet', model: 'claude-sonnet-4-6', prices: { 'input/none/text': '3', 'output/none/text': '15' } },
    { id: 'opus', model: 'claude-opus-4-7', prices: { 'input/none/text': '5', 'output/none/text': '25' } },
  ],
};
writeFileSync(f('xai.jsonl'), xai.map((l) => JSON.stringify(l)).join('\n') + '\n');
writeFileSync(f('advisor.jsonl'), `${JSON.stringify(advisor)}\n`);
writeFileSync(f('sheet.json'), JSON.stringify(sheet));
const period = ['--from', '2026-10-01T00:00:00Z', '--until', '2026-11-01T00:00:00Z'];
const V = 'openai-chat/reasoning-beside';

describe('reading logs under a declared convention variant (TMS-M-056)', () => {
  it('TMS-M-056: validate rejects xAI usage under the OpenAI convention and accepts it under the variant', async () => {
    const plain = await runCliForTest(['validate', '--schema', 'native-usage-line', '--convention', 'openai-chat', f('xai.jsonl'), '--json']);
    expect(plain.code).toBe(1);
    expect(JSON.parse(plain.out).problems.map((p: { line: number; pointer: string }) => [p.line, p.pointer])).toEqual([
      [1, '/usage'],
      [2, '/usage'],
    ]);
    const declared = await runCliForTest(['validate', '--schema', 'native-usage-line', '--convention', V, f('xai.jsonl'), '--json']);
    expect(declared).toMatchObject({ code: 0 });
    expect(JSON.parse(declared.out)).toMatchObject({ valid: true, records: 2 });
    const other = await runCliForTest(['validate', '--schema', 'count-output', '--convention', V, f('xai.jsonl')]);
    expect(other.code).toBe(2);
    const unknown = await runCliForTest(['validate', '--schema', 'native-usage-line', '--convention', 'openai-chat/nope', f('xai.jsonl')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown usage convention "openai-chat\/nope"/);
  });

  it('TMS-M-056: settle bills the xAI log under the variant (reasoning as output) and names the line it cannot read without it', async () => {
    const without = await runCliForTest([
      'settle',
      '--sheet',
      f('sheet.json'),
      '--records',
      f('xai.jsonl'),
      ...period,
      '--out',
      f('no.json'),
      '--convention',
      'openai-chat',
    ]);
    expect(without.code).toBe(2);
    expect(without.err).toMatch(/xai\.jsonl:1.*\/usage.*total_tokens 303 ≠ prompt_tokens 12 \+ completion_tokens 1/);
    const r = await runCliForTest([
      'settle',
      '--sheet',
      f('sheet.json'),
      '--records',
      f('xai.jsonl'),
      ...period,
      '--out',
      f('xai-st.json'),
      '--convention',
      V,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const st = JSON.parse(readFileSync(f('xai-st.json'), 'utf8'));
    // input: (1 + 1) × 0.3 + (11 + 290) × 0.075; output: (291 + 222) × 0.5 — per million tokens.
    expect(st.totals.amount_exact).toBe('0.000279675');
  });

  it('TMS-M-056: audit reads the xAI log under the variant; records name it', async () => {
    const bad = await runCliForTest(['audit', '--records', f('xai.jsonl'), '--sheet', f('sheet.json'), ...period, '--out', f('a1'), '--quiet']);
    expect(bad.code).not.toBe(0);
    const ok = await runCliForTest([
      'audit',
      '--records',
      f('xai.jsonl'),
      '--sheet',
      f('sheet.json'),
      ...period,
      '--out',
      f('a2'),
      '--quiet',
      '--convention',
      V,
    ]);
    expect(ok.code).toBe(0);
    // Worker threads read under the same declaration.
    const threads = await runCliForTest([
      'audit',
      '--records',
      f('xai.jsonl'),
      '--sheet',
      f('sheet.json'),
      ...period,
      '--out',
      f('a3'),
      '--quiet',
      '--workers',
      '2',
      '--convention',
      V,
    ]);
    expect(threads.code).toBe(0);
    const n = normaliseLine(xai[0], resolveConvention(V));
    expect(n.ok && n.record.convention).toBe(V);
  });

  it("TMS-M-058: settle bills an advisor iteration as the advisor model's own record", async () => {
    const r = await runCliForTest([
      'settle',
      '--sheet',
      f('sheet.json'),
      '--records',
      f('advisor.jsonl'),
      ...period,
      '--out',
      f('adv.json'),
      '--convention',
      'anthropic-messages',
    ]);
    expect(r.code).toBe(0);
    const st = JSON.parse(readFileSync(f('adv.json'), 'utf8'));
    expect([...new Set(st.line_items.map((l: { model: string }) => l.model))].sort()).toEqual(['claude-opus-4-7', 'claude-sonnet-4-6']);
    // sonnet 2414 × 3 + 3200 × 15; opus 2728 × 5 + 874 × 25 — per million tokens.
    expect(st.totals.amount_exact).toBe('0.090732');
  });

  it('TMS-M-061: Vertex trafficType inside usageMetadata selects the flex tier', () => {
    const line = {
      responseId: 'v1',
      createTime: '2026-10-02T10:00:00Z',
      modelVersion: 'gemini-2.5-flash',
      usageMetadata: { promptTokenCount: 11, candidatesTokenCount: 73, totalTokenCount: 84, trafficType: 'ON_DEMAND_FLEX' },
    };
    const n = normaliseLine(line);
    expect(n.ok && n.record.service_tier).toBe('flex');
    const std = normaliseLine({ ...line, usageMetadata: { ...line.usageMetadata, trafficType: 'ON_DEMAND' } });
    expect(std.ok && std.record.service_tier).toBe(undefined);
  });
});
