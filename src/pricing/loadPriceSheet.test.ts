// Loading sheets from files: TMS-P-001 (quote prices), TMS-P-002 (validated, placed errors), TMS-C-001, TMS-P-019.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/errors.js';
import { fromRoot } from '../paths.js';
import { loadPriceSheet } from './loadPriceSheet.js';
import { priceUsage } from './priceUsage.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-sheet-'));
const put = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadPriceSheet', () => {
  it("loads the shipped list-prices sheet with the reference provider's models, each entry citing a source (TMS-P-019)", async () => {
    const s = await loadPriceSheet(fromRoot('examples', 'sheets', 'list-prices.yaml'));
    for (const m of ['gpt-4o', 'gpt-4', 'o3', 'claude-sonnet-4-5', 'gemini-2.5-flash']) expect(s.byName.has(m), m).toBe(true);
    for (const e of (s.source as { entries: { source?: string; checked?: string }[] }).entries) {
      expect(e.source).toBeTruthy();
      expect(e.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const r = priceUsage(s, {
      model: 'gpt-4o',
      at: '2026-01-01T00:00:00Z',
      usage: {
        cells: [
          { direction: 'input', cache: 'none', modality: 'text', tokens: 86 },
          { direction: 'input', cache: 'read', modality: 'text', tokens: 1920 },
          { direction: 'output', cache: 'none', modality: 'text', tokens: 300 },
        ],
      },
    });
    expect(r.ok && r.total).toBe('0.005615');
  });

  it('loads every shipped example sheet, each entry citing a source (TMS-P-002, TMS-P-019)', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = fromRoot('examples', 'sheets');
    const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const s = await loadPriceSheet(join(dir, f));
      for (const e of (s.source as { entries: { source?: string }[] }).entries) expect(e.source, `${f}`).toBeTruthy();
    }
    const q = await loadPriceSheet(join(dir, 'qwen-cny.yaml'));
    const r = priceUsage(q, {
      model: 'qwen3-max',
      at: '2026-06-01T00:00:00Z',
      usage: {
        cells: [
          { direction: 'input', cache: 'none', modality: 'text', tokens: 32001 },
          { direction: 'output', cache: 'none', modality: 'text', tokens: 1000 },
        ],
      },
    });
    expect(r.ok && [r.currency, r.total]).toEqual(['CNY', '0.144004']);
  });

  it('rejects an unquoted price with file, line, pointer and a hint to quote it (TMS-P-001, TMS-C-001)', async () => {
    const p = put(
      'num.yaml',
      'tms_version: 0.1.0\nid: t\ncurrency: USD\nunit: 1000000\nentries:\n  - id: a\n    model: m\n    prices:\n      input/none/text: 2.50\n',
    );
    const e = (await loadPriceSheet(p).catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.location).toEqual({ file: p, line: 9, pointer: '/entries/0/prices/input~1none~1text' });
    expect(e.toLine()).toMatch(/num\.yaml:9 \/entries\/0\/prices\/input~1none~1text: price 2.5 is written as a number; quote it/);
  });

  it('names both entries of an ambiguous sheet (TMS-P-009)', async () => {
    const p = put(
      'amb.json',
      JSON.stringify(
        {
          tms_version: '0.1.0',
          id: 't',
          currency: 'USD',
          unit: 1000000,
          entries: [
            { id: 'one', model: 'm', prices: {} },
            { id: 'two', model: 'x', aliases: ['m'], prices: {} },
          ],
        },
        null,
        2,
      ),
    );
    await expect(loadPriceSheet(p)).rejects.toThrow(/"one".*"two"/);
  });

  it('reports a missing file and an unknown currency as input errors (TMS-P-002, TMS-P-004)', async () => {
    await expect(loadPriceSheet(join(dir, 'nope.yaml'))).rejects.toMatchObject({ code: 'input-missing' });
    const p = put('cur.yaml', 'tms_version: 0.1.0\nid: t\ncurrency: USX\nunit: 1000000\nentries: []\n');
    await expect(loadPriceSheet(p)).rejects.toMatchObject({ code: 'unknown-currency', location: { line: 3, pointer: '/currency' } });
  });
});
