import { describe, expect, it } from 'vitest';
import { encodingForModel } from './encodingForModel.js';

describe('encodingForModel (TMS-M-003)', () => {
  it('TMS-M-003: tiktoken tests/test_misc.py cases', () => {
    const cases: [string, string][] = [
      ['gpt2', 'gpt2'],
      ['text-davinci-003', 'p50k_base'],
      ['text-davinci-edit-001', 'p50k_edit'],
      ['gpt-3.5-turbo-0301', 'cl100k_base'],
      ['gpt-4', 'cl100k_base'],
      ['gpt-4o', 'o200k_base'],
      ['gpt-oss-120b', 'o200k_harmony'],
    ];
    for (const [m, e] of cases) expect(encodingForModel(m), m).toBe(e);
  });

  it('TMS-M-003: prefix order and edge cases of the tiktoken model.py tables', () => {
    expect(encodingForModel('ft:gpt-4o-mini:org::id')).toBe('o200k_base');
    expect(encodingForModel('ft:gpt-4:org::id')).toBe('cl100k_base');
    expect(encodingForModel('davinci-002')).toBe('cl100k_base');
    expect(encodingForModel('davinci')).toBe('r50k_base');
    expect(encodingForModel('gpt-5-mini')).toBe('o200k_base');
    expect(encodingForModel('gpt-4-turbo')).toBe('cl100k_base');
  });

  it('TMS-M-003: an unknown model is an error naming it', () => {
    expect(() => encodingForModel('gpt-4.5')).toThrow(/"gpt-4.5"/);
    expect(() => encodingForModel('claude-sonnet-4-5')).toThrow(expect.objectContaining({ code: 'unknown-model' }));
  });
});
