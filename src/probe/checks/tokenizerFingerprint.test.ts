// The tokenizer fingerprint (TMS-C-114): billed differences between two texts identify the encoding.
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../loadSuite.js';
import { evaluateCase } from '../evaluateCase.js';
import type { CaseInput, ExchangeKind, ExchangeRecord, ModelProfile, RecordedResponse } from '../types.js';
import { fingerprintDifferences } from './tokenizerFingerprint.js';

const json = (body: unknown): RecordedResponse => ({ ok: true, status: 200, contentType: 'application/json', body: JSON.stringify(body), attempts: 1 });
const x = (kind: ExchangeKind, prompt: number): ExchangeRecord => ({
  kind,
  request: { method: 'POST', url: 'http://h/x', body: {} },
  response: json({ choices: [], usage: { prompt_tokens: prompt, completion_tokens: 1, total_tokens: prompt + 1 } }),
  durationMs: 1,
});
const model = (tokenizer: ModelProfile['tokenizer'], assumption?: string): ModelProfile => ({
  id: 'gpt-4o',
  api: 'openai-chat',
  tokenizer,
  capabilities: {},
  ...(assumption ? { assumption } : {}),
});

describe('tokenizer-fingerprint (TMS-C-114)', async () => {
  const input: CaseInput = (await loadSuite('default')).cases.find((c) => c.id === 'tokenizer-fingerprint')!.input;
  const run = (m: ModelProfile, plain: number, alt: number) =>
    evaluateCase(['tokenizer-fingerprint'], m, input, [x('plain', plain), x('base-b', alt)])[0].outcome;

  it("the default suite's texts tell every public encoding family apart", () => {
    const d = fingerprintDifferences(input);
    expect(d).toEqual({ gpt2: 72, r50k_base: 72, p50k_base: 70, p50k_edit: 70, cl100k_base: 52, o200k_base: 40, o200k_harmony: 40 });
    expect(new Set(Object.values(d)).size).toBe(4);
  });

  it('passes when the billed difference fits the declared encoding, whatever the framing', () => {
    expect(run(model({ encoding: 'o200k_base' }), 11, 51)).toMatchObject({
      status: 'pass',
      evidence: { expected: 40, observed: 40, details: { consistent_with: ['o200k_base', 'o200k_harmony'], basis: 'declared' } },
    });
    expect(run(model({ encoding: 'o200k_base' }), 1000, 1040).status).toBe('pass');
  });

  it('fails when the counts fit another encoding, naming it and whether the encoding was assumed', () => {
    const o = run(model({ encoding: 'o200k_base', profile: 'openai-cookbook-2024' }, 'auto'), 11, 63);
    expect(o).toMatchObject({ status: 'fail', evidence: { expected: 40, observed: 52, details: { consistent_with: ['cl100k_base'], basis: 'assumed' } } });
    expect(o.status === 'fail' && o.reason).toMatch(/consistent with cl100k_base, not with the assumed o200k_base/);
    expect(run(model({ encoding: 'cl100k_base' }), 11, 60)).toMatchObject({ status: 'fail', evidence: { details: { consistent_with: [] } } });
  });

  it('is informative for an opaque model: it reports the match without failing', () => {
    const o = run(model('opaque'), 11, 51);
    expect(o.status).toBe('not_applicable');
    expect(o.status !== 'pass' && o.reason).toMatch(/informative .*consistent with o200k_base, o200k_harmony/);
  });
});
