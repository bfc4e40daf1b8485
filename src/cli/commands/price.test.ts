// `tokencert price`: TMS-P-011, TMS-P-016, TMS-P-020, TMS-C-001, TMS-C-002.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-price-'));
const put = (name: string, v: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  return p;
};
const sheet = fromRoot('examples', 'sheets', 'list-prices.yaml');
const at = ['--at', '2026-01-01T00:00:00Z'];

describe('tokencert price', () => {
  it('prices a raw Anthropic response with disjoint cache counters and a web search: V8 = 0.13058065, output valid against price-output.json (TMS-P-016, TMS-P-020)', async () => {
    const u = put('v8.json', {
      model: 'claude-sonnet-4-5-20250929',
      usage: {
        input_tokens: 105,
        output_tokens: 6039,
        cache_read_input_tokens: 7123,
        cache_creation_input_tokens: 7345,
        server_tool_use: { web_search_requests: 1 },
      },
    });
    const r = await runCliForTest(['price', '--sheet', sheet, '--usage', u, '--api', 'anthropic-messages', ...at, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(safeValidate('price-output', out)).toEqual({ ok: true });
    expect(out.total).toBe('0.13058065');
    expect(out.entry.id).toBe('anthropic/claude-sonnet-4-5');
  });

  it('prices an OpenAI chat usage without pricing cached tokens twice: V1 = 0.005615 (TMS-P-016)', async () => {
    const u = put('v1.json', { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } });
    const r = await runCliForTest(['price', '--sheet', sheet, '--usage', u, '--api', 'openai-chat', '--model', 'gpt-4o', ...at]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('total 0.005615 USD');
    expect(r.out).toMatch(/input\/read\/text\s+1920\s+1.25\/1000000/);
  });

  it('takes model, time and tier from a measurement record', async () => {
    const u = put('rec.json', {
      tms_version: '0.1.0',
      record_id: 'r1',
      time: '2025-06-01T12:00:00Z',
      provider: 'openai',
      model: 'o3',
      usage: {
        cells: [
          { direction: 'input', cache: 'none', modality: 'text', tokens: 1000 },
          { direction: 'output', cache: 'none', modality: 'text', tokens: 700 },
        ],
      },
    });
    const r = await runCliForTest(['price', '--sheet', sheet, '--usage', u, '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ entry: { id: 'openai/o3-launch' }, total: '0.038', at: '2025-06-01T12:00:00Z' });
  });

  it('bad input exits 2 with one line naming file, line and pointer (TMS-C-001, TMS-C-002)', async () => {
    const u = put('neg.json', '{"cells": [\n  {"direction": "input", "cache": "none", "modality": "text", "tokens": 1.5}\n]}\n');
    const r = await runCliForTest(['price', '--sheet', sheet, '--usage', u, '--model', 'gpt-4o', ...at]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`neg\\.json:2 /cells/0/tokens: .*\\[input-invalid\\]`));
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('an unknown model exits 2 naming the nearest known models (TMS-P-010)', async () => {
    const u = put('ok.json', { cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: 1 }] });
    const r = await runCliForTest(['price', '--sheet', sheet, '--usage', u, '--model', 'gpt-4-o', ...at]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown model "gpt-4-o".*nearest known: gpt-4o/);
  });

  it('a cell without a price exits 2 with no-price, never prices it as free (TMS-P-006)', async () => {
    const u = put('read.json', { cells: [{ direction: 'input', cache: 'read', modality: 'text', tokens: 100 }] });
    const r = await runCliForTest(['price', '--sheet', sheet, '--usage', u, '--model', 'gpt-4', ...at]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no price for cell input\/read\/text.*\[no-price\]/);
  });

  it('an empty --at or a negative web-search count is rejected, never priced at the epoch or dropped (TMS-P-005, TMS-P-017)', async () => {
    const ok = put('ok2.json', { cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: 1 }] });
    const empty = await runCliForTest(['price', '--sheet', sheet, '--usage', ok, '--model', 'gpt-4o', '--at', '']);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^tokencert: --at: request time "" is not an RFC 3339 timestamp/);
    const u = put(
      'ws.json',
      '{"model": "claude-sonnet-4-5",\n "usage": {"input_tokens": 10, "output_tokens": 5, "server_tool_use": {"web_search_requests": -2}}}\n',
    );
    const neg = await runCliForTest(['price', '--sheet', sheet, '--usage', u, '--api', 'anthropic-messages', ...at]);
    expect(neg.code).toBe(2);
    expect(neg.err).toMatch(/ws\.json:2 \/usage\/server_tool_use\/web_search_requests: .*non-negative integer.*\[input-invalid\]/);
  });

  it('an unknown --service-tier is a usage error naming the tiers (TMS-P-008)', async () => {
    const ok = put('ok3.json', { cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: 1 }] });
    const r = await runCliForTest(['price', '--sheet', sheet, '--usage', ok, '--model', 'gpt-4o', '--service-tier', 'bogus', ...at]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--service-tier must be one of standard, batch, flex, priority/);
  });
});
