// `tokencert prices import`: TMS-P-018 (exact decimals, provenance, report), TMS-C-002, TMS-C-004.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { fromRoot } from '../../paths.js';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-import-'));

describe('tokencert prices import', () => {
  it('converts the bundled genai-prices data for one provider into a sheet that prices V2 exactly (TMS-P-018)', async () => {
    const out = join(dir, 'anthropic.yaml');
    const r = await runCliForTest([
      'prices',
      'import',
      '--from',
      'genai-prices',
      '--provider',
      'anthropic',
      '--out',
      out,
      '--report',
      join(dir, 'report.json'),
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*anthropic\.yaml: \d+ entries from genai-prices/);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('shortest round-trip representation');
    expect(text).not.toMatch(/: \d+\.\d+\n/); // no unquoted decimal anywhere
    const sheet = await loadPriceSheet(out);
    expect(sheet.byName.has('claude-sonnet-4-5')).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(safeValidate('prices-import-output', report)).toEqual({ ok: true });
    expect(report.issues.length).toBe(Object.values(report.summary as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('converts a LiteLLM file and requires FILE for litellm (no network)', async () => {
    const out = join(dir, 'litellm.json');
    const fixture = fromRoot('src', 'pricing', 'import', 'fixtures', 'litellm-sample.json');
    const ok = await runCliForTest(['prices', 'import', '--from', 'litellm', fixture, '--out', out, '--json']);
    expect(ok.code).toBe(0);
    expect(safeValidate('prices-import-output', JSON.parse(ok.out))).toEqual({ ok: true });
    expect(JSON.parse(ok.out).summary).toEqual({ 'price-dropped': 3, narrowed: 1 });
    expect(JSON.parse(readFileSync(out, 'utf8')).entries.find((e: { id: string }) => e.id === 'openai/gpt-4o').prices).toEqual({
      'input/read/*': '1.25',
      'input/none/*': '2.5',
      'output/none/*': '10',
    });
    const missing = await runCliForTest(['prices', 'import', '--from', 'litellm', '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/needs FILE/);
  });

  it('malformed genai-prices data is an input error with its pointer, never a crash or an ignored constraint (TMS-C-001, TMS-P-018)', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /\(root\): .*expected a JSON array of providers/],
      [[1], / \/0: .*a provider must be an object/],
      [[{ id: 'p', models: [{ id: 'm', match: { weird: 'm' }, prices: { input_mtok: 1 } }] }], / \/0\/models\/0\/match: .*unknown match clause "weird"/],
      [
        [{ id: 'p', models: [{ id: 'm', match: { regex: '(' }, prices: { input_mtok: 1 } }] }],
        / \/0\/models\/0\/match\/regex: .*not a valid regular expression/,
      ],
      [
        [{ id: 'p', models: [{ id: 'm', match: { equals: 'm' }, prices: [{ constraint: { start_date: 'soon' }, prices: { input_mtok: 1 } }] }] }],
        / \/0\/models\/0\/prices\/0\/constraint\/start_date: /,
      ],
    ];
    for (const [i, [data, want]] of cases.entries()) {
      const file = join(dir, `bad-genai-${i}.json`);
      writeFileSync(file, JSON.stringify(data));
      const r = await runCliForTest(['prices', 'import', '--from', 'genai-prices', file, '--out', join(dir, `bad-${i}.yaml`)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(want);
      expect(r.err).toMatch(/\[input-invalid\]\n$/);
    }
  });

  it('a LiteLLM model with no representable price, or with both flat and tiered prices, is reported, never dropped silently (TMS-P-018)', async () => {
    const file = join(dir, 'll-edge.json');
    writeFileSync(
      file,
      JSON.stringify({
        'm-nothing': { litellm_provider: 'openai', max_tokens: 100 },
        'm-both': {
          litellm_provider: 'dashscope',
          input_cost_per_token: 1e-6,
          tiered_pricing: [
            { range: [0, 100000], input_cost_per_token: 1e-6 },
            { range: [100000, 500000], input_cost_per_token: 5e-7 },
          ],
        },
      }),
    );
    const r = await runCliForTest(['prices', 'import', '--from', 'litellm', file, '--out', join(dir, 'll-edge.yaml'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.entries).toBe(1);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'm-nothing', effect: 'entry-skipped' }),
        expect.objectContaining({ source: 'm-both', field: 'tiered_pricing', effect: 'price-dropped' }),
      ]),
    );
  });
});
