// `tokencert validate --json` prints JSON matching schemas/validate-output.json (TMS-C-001, TMS-C-002).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-validate-'));

describe('tokencert validate --json (TMS-C-002)', () => {
  it('TMS-C-001: reports each invalid JSON line with file, line and pointer, in the documented shape', async () => {
    const file = join(dir, 'lines.jsonl');
    writeFileSync(file, `${JSON.stringify({ tms_version: '0.1.0' })}\n{not json\n`);
    const r = await runCliForTest(['validate', '--schema', 'measurement-record', file, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(safeValidate('validate-output', out)).toEqual({ ok: true });
    expect(out).toMatchObject({ schema: 'measurement-record', records: 2, valid: false });
    expect(out.problems.map((p: { line: number }) => p.line)).toContain(2);
  });

  it('prints valid: true and no problems for a valid document', async () => {
    const file = join(dir, 'doc.json');
    writeFileSync(file, JSON.stringify({ tokens: 3, tokenizer: { id: 'tiktoken/o200k_base@1', vocab_sha256: 'a'.repeat(64) }, utf8_bytes: 5, code_points: 5 }));
    const r = await runCliForTest(['validate', '--schema', 'count-output', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(safeValidate('validate-output', out)).toEqual({ ok: true });
    expect(out).toEqual({ schema: 'count-output', records: 1, valid: true, problems: [] });
  });
});

describe('tokencert validate on YAML (TMS-C-001)', () => {
  it('validates the shipped YAML price sheet', async () => {
    const r = await runCliForTest(['validate', '--schema', 'price-sheet', 'examples/sheets/list-prices.yaml']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('names the line and pointer of an invalid value in a YAML sheet', async () => {
    const file = join(dir, 'sheet.yaml');
    writeFileSync(file, 'sheet_version: 1\ncurrency: USD\nentries:\n  - model: m\n    prices: 7\n');
    const r = await runCliForTest(['validate', '--schema', 'price-sheet', file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/sheet\.yaml:\d+ \//);
  });
});
