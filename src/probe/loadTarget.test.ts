// Target profiles: no inline secrets (TMS-C-100), shipped profiles valid, quick targets.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/errors.js';
import { fromRoot } from '../paths.js';
import { loadTarget, parseHeaderFlags, quickTarget } from './loadTarget.js';
import { parseTokenizerFlag } from './resolveTokenizer.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-target-'));
function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('loadTarget (TMS-C-100)', () => {
  it.each([
    ['api_key', 'name: x\nbase_url: https://api.example.com\napi: openai-chat\napi_key: sk-live-abc\nmodels: [{id: m, tokenizer: opaque}]\n', '/api_key', 4],
    [
      'authorization header',
      'name: x\nbase_url: https://api.example.com\napi: openai-chat\nheaders:\n  Authorization: Bearer sk-live-abc\nmodels: [{id: m, tokenizer: opaque}]\n',
      '/headers/Authorization',
      5,
    ],
    [
      'key in the base_url query',
      'name: x\nbase_url: https://api.example.com/v1?key=sk-live-abc\napi: gemini\nmodels: [{id: m, tokenizer: opaque}]\n',
      '/base_url',
      2,
    ],
    ['nested key', 'name: x\napi: openai-chat\nmodels:\n  - id: m\n    tokenizer: opaque\n    key: abc123\n', '/models/0/key', 6],
  ])('rejects an inline credential (%s) naming its place and api_key_env', async (_n, text, pointer, line) => {
    const file = write(`bad-${line}.yaml`, text);
    const e = await loadTarget(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).location).toMatchObject({ file, pointer, line });
    expect((e as InputError).message).toContain('api_key_env');
    expect((e as InputError).message).not.toContain('sk-live-abc');
  });

  it('reports schema errors with line and pointer', async () => {
    const file = write('bad-api.yaml', 'name: x\napi: openai\nmodels: [{id: m, tokenizer: opaque}]\n');
    await expect(loadTarget(file)).rejects.toMatchObject({ location: { file, line: 2, pointer: '/api' } });
  });

  it('loads every shipped profile; model capabilities override the target', async () => {
    for (const f of ['reference.yaml', ...readdirSync(fromRoot('targets', 'examples')).map((n) => `examples/${n}`)]) {
      const t = await loadTarget(fromRoot('targets', f));
      expect(t.models.length, f).toBeGreaterThan(0);
    }
    const ref = await loadTarget(fromRoot('targets', 'reference.yaml'));
    expect(ref.models.map((m) => [m.id, m.tokenizer === 'opaque' ? 'opaque' : m.tokenizer.encoding])).toEqual([
      ['gpt-4o', 'o200k_base'],
      ['gpt-4', 'cl100k_base'],
      ['o3', 'o200k_base'],
      ['claude-sonnet-4-5', 'opaque'],
      ['gemini-2.5-flash', 'opaque'],
    ]);
    expect(ref.models[2].capabilities).toEqual({ streaming: true, count_endpoint: true, caching: true, reasoning: true });
    expect(ref.priceSheet).toBe(fromRoot('examples', 'sheets', 'list-prices.yaml'));
  });

  it('builds a quick target from flags and rejects a URL with credentials', () => {
    expect(quickTarget({ baseUrl: 'http://127.0.0.1:8000/', api: 'openai-chat', model: 'm', apiKeyEnv: 'K' })).toMatchObject({
      baseUrl: 'http://127.0.0.1:8000',
      apiKeyEnv: 'K',
      models: [{ id: 'm', api: 'openai-chat', tokenizer: 'opaque', capabilities: {} }],
    });
    expect(() => quickTarget({ baseUrl: 'https://user:sk@host', api: 'openai-chat', model: 'm' })).toThrow(/without credentials/);
    expect(() => quickTarget({ baseUrl: 'https://host/v1?key=sk-live-abc', api: 'gemini', model: 'm' })).toThrow(/without credentials/);
    expect(() => quickTarget({ baseUrl: 'http://[', api: 'gemini', model: 'm' })).toThrow(/without credentials/);
    expect(() => quickTarget({ baseUrl: 'https://host', api: 'cohere', model: 'm' })).toThrow(/--api/);
  });

  it("resolves tokenizer auto from tiktoken's model map and states the assumption (TMS-C-113)", () => {
    const m = (model: string, api = 'openai-chat', tokenizer?: ReturnType<typeof parseTokenizerFlag>) =>
      quickTarget({ baseUrl: 'http://127.0.0.1:1', api, model, ...(tokenizer ? { tokenizer } : {}) }).models[0];
    expect(m('gpt-4o')).toMatchObject({
      tokenizer: { encoding: 'o200k_base', profile: 'openai-cookbook-2024' },
      assumption: expect.stringMatching(/assumed o200k_base .*tiktoken's model map/),
    });
    expect(m('gpt-4-0613').tokenizer).toEqual({ encoding: 'cl100k_base', profile: 'openai-cookbook-2024' });
    expect(m('gpt-3.5-turbo-0301').tokenizer).toEqual({ encoding: 'cl100k_base', profile: 'openai-gpt-3.5-turbo-0301' });
    expect(m('o3').tokenizer).toEqual({ encoding: 'o200k_base', profile: 'openai-cookbook-2024' });
    expect(m('llama-3.1-8b')).toMatchObject({ tokenizer: 'opaque', assumption: expect.stringMatching(/does not know this model id/) });
    expect(m('gpt-oss-20b')).toMatchObject({ tokenizer: 'opaque', assumption: expect.stringMatching(/o200k_harmony/) });
    expect(m('gpt-4o', 'anthropic')).toMatchObject({ tokenizer: 'opaque', assumption: expect.stringMatching(/speaks anthropic/) });
    expect(m('gpt-4o', 'openai-chat', 'opaque')).toEqual({ id: 'gpt-4o', api: 'openai-chat', tokenizer: 'opaque', capabilities: {} });
    expect(m('x', 'openai-chat', parseTokenizerFlag('cl100k_base:openai-cookbook-2024')).tokenizer).toEqual({
      encoding: 'cl100k_base',
      profile: 'openai-cookbook-2024',
    });
    expect(() => parseTokenizerFlag('cl100k')).toThrow(/--tokenizer must be auto, opaque or ENCODING/);
    expect(() => parseTokenizerFlag('o200k_base:nope')).toThrow(/unknown framing profile "nope"/);
  });

  it('defaults a profile model without tokenizer to auto, and reads limit_param (TMS-C-113, TMS-C-115)', async () => {
    const t = await loadTarget(
      write(
        'auto.yaml',
        'name: x\napi: openai-chat\nmodels:\n  - id: gpt-4o\n  - id: o3-mini\n    tokenizer: auto\n    limit_param: max_tokens\n  - id: my-model\n',
      ),
    );
    expect(t.models.map((x) => [x.id, x.tokenizer === 'opaque' ? 'opaque' : x.tokenizer.encoding, x.limitParam])).toEqual([
      ['gpt-4o', 'o200k_base', undefined],
      ['o3-mini', 'o200k_base', 'max_tokens'],
      ['my-model', 'opaque', undefined],
    ]);
  });

  it('takes --header Name: value and refuses credential headers (TMS-C-100)', () => {
    expect(parseHeaderFlags(['X-Team: probe', 'x-empty:'])).toEqual({ 'X-Team': 'probe', 'x-empty': '' });
    expect(() => parseHeaderFlags(['Authorization: Bearer sk-live-abc'])).toThrow(/--api-key-env/);
    expect(() => parseHeaderFlags(['Authorization: Bearer sk-live-abc'])).not.toThrow(/sk-live/);
    expect(() => parseHeaderFlags(['no colon here'])).toThrow(/Name: value/);
    expect(quickTarget({ baseUrl: 'http://h', api: 'openai-chat', model: 'm', headers: { 'X-Team': 'a' } })).toMatchObject({ headers: { 'X-Team': 'a' } });
    expect(quickTarget({ baseUrl: 'http://h', api: 'openai-chat', model: 'm' }).apiKeyEnv).toBeUndefined();
  });
});
