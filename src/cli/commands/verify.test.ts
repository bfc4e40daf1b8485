// `tokencert settle --json`, `verify --json` and `prove` print documented, schema-valid JSON (TMS-C-002,
// TMS-S-013, TMS-S-014, TMS-S-016).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeValidate } from '../../schemas/registry.js';
import { sampleRecords, sampleSheetSource } from '../../testing/sampleRecords.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-verify-json-'));
const f = (name: string) => join(dir, name);
const records = sampleRecords(12, 7, true);
writeFileSync(f('sheet.json'), JSON.stringify(sampleSheetSource));
writeFileSync(f('all.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
const period = ['--from', '2026-01-01T00:00:00Z', '--until', '2026-02-01T00:00:00Z'];
const inPeriod = records.find((r) => r.time >= '2026-01-01' && r.time < '2026-02-01')!;

describe('--json output of settle / verify / prove matches its schema (TMS-C-002)', () => {
  it('TMS-S-014: settle --json matches schemas/settle-output.json', async () => {
    const r = await runCliForTest(['settle', '--sheet', f('sheet.json'), ...period, '--records', f('all.jsonl'), '--out', f('s.json'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(safeValidate('settle-output', out)).toEqual({ ok: true });
    const statement = JSON.parse(readFileSync(f('s.json'), 'utf8'));
    expect(out.totals).toEqual(statement.totals);
    expect(out.merkle_root).toBe(statement.merkle.root);
  });

  it('TMS-S-016: verify --json (statement mode) matches schemas/verify-output.json, both when OK and when tampered', async () => {
    await runCliForTest(['settle', '--sheet', f('sheet.json'), ...period, '--records', f('all.jsonl'), '--out', f('v.json')]);
    const ok = await runCliForTest(['verify', '--statement', f('v.json'), '--records', f('all.jsonl'), '--sheet', f('sheet.json'), '--json']);
    expect(ok.code).toBe(0);
    const okOut = JSON.parse(ok.out);
    expect(safeValidate('verify-output', okOut)).toEqual({ ok: true });
    expect(okOut).toMatchObject({ mode: 'statement', ok: true, differences: [] });
    const s = JSON.parse(readFileSync(f('v.json'), 'utf8'));
    s.totals.amount = `${s.totals.amount}1`;
    writeFileSync(f('tampered.json'), JSON.stringify(s));
    const bad = await runCliForTest(['verify', '--statement', f('tampered.json'), '--records', f('all.jsonl'), '--sheet', f('sheet.json'), '--json']);
    expect(bad.code).toBe(1);
    const badOut = JSON.parse(bad.out);
    expect(safeValidate('verify-output', badOut)).toEqual({ ok: true });
    expect(badOut.differences.length).toBeGreaterThan(0);
  });

  it('TMS-S-013: prove prints an inclusion proof (schemas/inclusion-proof.json); verify --proof --json matches schemas/verify-output.json', async () => {
    await runCliForTest(['settle', '--sheet', f('sheet.json'), ...period, '--records', f('all.jsonl'), '--out', f('p.json')]);
    const p = await runCliForTest(['prove', '--statement', f('p.json'), '--records', f('all.jsonl'), '--id', inPeriod.record_id]);
    expect(p.code).toBe(0);
    expect(safeValidate('inclusion-proof', JSON.parse(p.out))).toEqual({ ok: true });
    writeFileSync(f('proof.json'), p.out);
    const v = await runCliForTest(['verify', '--proof', f('proof.json'), '--statement', f('p.json'), '--records', f('all.jsonl'), '--json']);
    expect(v.code).toBe(0);
    const out = JSON.parse(v.out);
    expect(safeValidate('verify-output', out)).toEqual({ ok: true });
    expect(out).toEqual({ mode: 'proof', ok: true, record_id: inPeriod.record_id, problems: [] });
  });

  it('TMS-S-013: prove --out writes the proof and says where, on one line', async () => {
    await runCliForTest(['settle', '--sheet', f('sheet.json'), ...period, '--records', f('all.jsonl'), '--out', f('q.json')]);
    const p = await runCliForTest(['prove', '--statement', f('q.json'), '--records', f('all.jsonl'), '--id', inPeriod.record_id, '--out', f('q-proof.json')]);
    expect(p.code).toBe(0);
    const proof = JSON.parse(readFileSync(f('q-proof.json'), 'utf8'));
    expect(safeValidate('inclusion-proof', proof)).toEqual({ ok: true });
    expect(p.out).toBe(`wrote ${f('q-proof.json')}: inclusion proof of record ${inPeriod.record_id} (leaf ${proof.leaf_index} of ${proof.tree_size})\n`);
  });
});
