import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliForTest } from '../../testing/runCliForTest.js';
import { safeValidate } from '../../schemas/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'tokencert-count-'));
const file = (name: string, data: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('tokencert count (TMS-M-004, TMS-M-005, TMS-M-007, TMS-C-001, TMS-C-002, TMS-C-005)', () => {
  it('TMS-M-004: counts text and prints JSON matching schemas/count-output.json', async () => {
    expect(await runCliForTest(['count', '--encoding', 'cl100k_base', '--text', 'hello world'])).toMatchObject({ code: 0, out: '2\n' });
    const r = await runCliForTest(['count', '--model', 'gpt-4o', '--json', file('t.txt', 'héllo 👍')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(safeValidate('count-output', out)).toEqual({ ok: true });
    expect(out).toMatchObject({ utf8_bytes: 11, code_points: 7, tokenizer: { id: 'tiktoken/o200k_base@1' } });
  });

  it('TMS-M-005: special-token strings are text unless --allow-special', async () => {
    expect((await runCliForTest(['count', '--encoding', 'cl100k_base', '--text', '<|endoftext|>'])).out).toBe('7\n');
    expect((await runCliForTest(['count', '--encoding', 'cl100k_base', '--text', '<|endoftext|>', '--allow-special'])).out).toBe('1\n');
  });

  it('TMS-M-007: empty text counts 0', async () => {
    expect(await runCliForTest(['count', '--encoding', 'o200k_base', file('empty.txt', '')])).toMatchObject({ code: 0, out: '0\n' });
  });

  it('TMS-M-011: --request counts a Chat Completions body with its breakdown', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] };
    expect((await runCliForTest(['count', '--request', file('req.json', JSON.stringify(body))])).out).toBe('8\n');
    const r = await runCliForTest(['count', '--request', file('req.json', JSON.stringify(body)), '--model', 'gpt-4', '--json']);
    const out = JSON.parse(r.out);
    expect(safeValidate('count-output', out)).toEqual({ ok: true });
    expect(out).toMatchObject({ prompt_tokens: 8, model: 'gpt-4', profile: 'openai-cookbook-2024', reply_priming: 3 });
  });

  it('TMS-M-003: --encoding with --request counts a model id tiktoken does not know', async () => {
    // 8 = the cookbook's API-verified "hello" count on o200k_base (3 framing + 1 role + 1 text + 3 priming).
    const body = { model: 'acme-chat-7', messages: [{ role: 'user', content: 'hello' }] };
    expect(await runCliForTest(['count', '--request', file('acme.json', JSON.stringify(body)), '--encoding', 'o200k_base'])).toMatchObject({
      code: 0,
      out: '8\n',
    });
  });

  it('TMS-C-001: bad input is one line naming its place, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['count', '--request', file('bad.json', '{"model": "gpt-4o",\n "messages": [1 2]}')], /bad\.json:2:\d+: malformed JSON/],
      [['count', '--encoding', 'cl100k_base', file('bad.txt', Buffer.from([0x61, 0x0a, 0xff]))], /bad\.txt:2: invalid UTF-8/],
      [['count', '--encoding', 'cl99k', '--text', 'x'], /unknown encoding "cl99k"/],
      [['count', '--model', 'gpt-9', '--text', 'x'], /"gpt-9"/],
      [['count', '--encoding', 'cl100k_base', join(dir, 'missing.txt')], /missing\.txt: no such file/],
      [['count', '--request', file('claude.json', '{"model":"claude-3","messages":[]}')], /claude\.json \/model: .*"claude-3"/],
    ];
    for (const [argv, re] of cases) {
      const r = await runCliForTest(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(re);
      expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
    }
    const u = await runCliForTest(['count', '--text', 'x', '--encoding', 'cl100k_base', '--model', 'gpt-4o']);
    expect(u.code).toBe(2);
    expect(u.err.split('\n')[0]).toMatch(/--encoding NAME or --model MODEL, not both/);
  });

  it('TMS-M-001: with neither --model nor --encoding counts with o200k_base and says so on standard error', async () => {
    const r = await runCliForTest(['count', '--text', 'お誕生日おめでとう']);
    expect(r.code).toBe(0);
    // 8 is the o200k_base count the README quotes for gpt-4o; cl100k_base gives another number.
    expect(r.out).toBe(`${(await runCliForTest(['count', '--model', 'gpt-4o', '--text', 'お誕生日おめでとう'])).out}`);
    expect(r.out.trim()).not.toBe((await runCliForTest(['count', '--encoding', 'cl100k_base', '--text', 'お誕生日おめでとう'])).out.trim());
    expect(r.err).toMatch(/counting with o200k_base/);
  });
});
