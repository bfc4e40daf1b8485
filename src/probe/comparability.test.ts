// The standard workload and the comparability metric (TMS-C-112): tokens per 1,000 UTF-8 bytes per
// language and the exact cost of the whole workload under a price sheet (TMS-M-043: content-free).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../money/Decimal.js';
import { loadPriceSheet } from '../pricing/loadPriceSheet.js';
import { priceUsage } from '../pricing/priceUsage.js';
import { fromRoot } from '../paths.js';
import { loadWorkload, measureComparability } from './comparability.js';
import { HttpClient } from './http/HttpClient.js';
import type { Target } from './types.js';

let server: Server;
let url: string;
beforeAll(async () => {
  // A fake OpenAI-style server billing one input token per UTF-16 code unit of the message, plus 1 output token.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const text = (JSON.parse(body) as { messages: { content: string }[] }).messages[0].content;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          choices: [{ message: { content: 'x' } }],
          usage: { prompt_tokens: text.length, completion_tokens: 1, total_tokens: text.length + 1 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('comparability (TMS-C-112)', () => {
  it('ships a standard workload of eight samples, a few hundred bytes to 2 KB each, with provenance', () => {
    const w = loadWorkload() as ReturnType<typeof loadWorkload> & { provenance?: unknown };
    expect(w.provenance).toBeTruthy();
    expect(w.samples.map((s) => s.id)).toEqual(['en', 'zh', 'ja', 'ar', 'hi', 'es', 'code', 'json']);
    for (const s of w.samples) {
      expect(Buffer.byteLength(s.text, 'utf8'), s.id).toBe(s.utf8_bytes);
      expect(s.utf8_bytes, s.id).toBeGreaterThanOrEqual(300);
      expect(s.utf8_bytes, s.id).toBeLessThanOrEqual(2048);
    }
  });

  it('reports tokens per 1,000 bytes per language and the exact workload cost, without any text', async () => {
    const sheet = await loadPriceSheet(fromRoot('examples', 'sheets', 'list-prices.yaml'));
    const target: Target = {
      name: 'fake',
      baseUrl: url,
      headers: {},
      models: [{ id: 'gpt-4o', api: 'openai-chat', tokenizer: 'opaque', capabilities: {} }],
      source: 'test',
    };
    const client = new HttpClient({ timeoutMs: 5000 });
    try {
      const r = await measureComparability(client, target, undefined, sheet);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const w = loadWorkload();
      let cost = Decimal.parse('0');
      w.samples.forEach((s, i) => {
        const row = r.data.rows[i];
        expect(row).toEqual({
          language: s.language,
          utf8_bytes: s.utf8_bytes,
          tokens: s.text.length,
          tokens_per_1000_bytes: Math.round((s.text.length * 100000) / s.utf8_bytes) / 100,
          source: 'usage:gpt-4o',
        });
        const p = priceUsage(sheet, {
          model: 'gpt-4o',
          at: new Date().toISOString(),
          usage: {
            cells: [
              { direction: 'input', cache: 'none', modality: 'text', tokens: s.text.length },
              { direction: 'output', cache: 'none', modality: 'text', phase: 'answer', tokens: 1 },
            ],
          },
        });
        if (p.ok) cost = cost.add(Decimal.parse(p.total));
      });
      expect(r.data.cost).toEqual({ currency: sheet.currency, amount: cost.toString() });
      expect(JSON.stringify(r.data)).not.toContain(w.samples[0].text.slice(0, 20));
    } finally {
      await client.close();
    }
  });
});
