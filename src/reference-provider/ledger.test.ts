// The reference provider's ledger: what each generation request was billed, by correlation header (TMS-G-001).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceProvider, type RunningReferenceProvider } from './startReferenceProvider.js';

let p: RunningReferenceProvider;
beforeAll(async () => {
  p = await startReferenceProvider();
});
afterAll(async () => p.close());

const sum = (cells: { direction: string; tokens: number }[], d: string) => cells.filter((c) => c.direction === d).reduce((a, c) => a + c.tokens, 0);

async function chat(correlation: string, stream: boolean): Promise<string> {
  const body = {
    model: 'gpt-4o',
    max_tokens: 20,
    messages: [{ role: 'user', content: `hello ${correlation}` }],
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
  const r = await fetch(`${p.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tokencert-correlation': correlation },
    body: JSON.stringify(body),
  });
  return r.text();
}

describe('reference provider ledger (TMS-G-001)', () => {
  it('TMS-G-001: records the billed cells of each request under its correlation header, JSON and streamed', async () => {
    const a = JSON.parse(await chat('case-a', false));
    const streamed = await chat('case-b', true);
    const usageB = streamed
      .split('\n')
      .filter((l) => l.startsWith('data: {'))
      .map((l) => JSON.parse(l.slice(6)))
      .find((d) => d.usage)!.usage;
    const all = (await (await fetch(`${p.url}/_tokencert/ledger`)).json()) as any;
    expect(all.entries.map((e: { correlation: string }) => e.correlation)).toEqual(['case-a', 'case-b']);
    const one = (await (await fetch(`${p.url}/_tokencert/ledger?correlation=case-b`)).json()) as any;
    expect(one.entries).toHaveLength(1);
    const [ea, eb] = all.entries;
    expect([sum(ea.usage.cells, 'input'), sum(ea.usage.cells, 'output')]).toEqual([a.usage.prompt_tokens, a.usage.completion_tokens]);
    expect([sum(eb.usage.cells, 'input'), sum(eb.usage.cells, 'output')]).toEqual([usageB.prompt_tokens, usageB.completion_tokens]);
    expect(eb.stream).toBe(true);
    expect(ea.request_sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
