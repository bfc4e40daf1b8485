// End-to-end tests of `tokencert settle`, `verify` and `prove`, in-process (TMS-S-014, TMS-S-016,
// TMS-S-019, TMS-C-001, TMS-C-002, TMS-C-004).
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../digest/canonicalJson.js';
import { runCliForTest } from '../../testing/runCliForTest.js';
import { sampleRecord, sampleRecords, sampleSheetSource } from '../../testing/sampleRecords.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-settle-'));
const f = (name: string) => join(dir, name);
const lines = (rs: readonly unknown[]) => rs.map((r) => JSON.stringify(r)).join('\n') + '\n';
const records = sampleRecords(30, 21, true);
writeFileSync(f('sheet.json'), JSON.stringify(sampleSheetSource));
writeFileSync(f('all.jsonl'), lines(records));
writeFileSync(f('part1.jsonl'), lines([...records.slice(15)].reverse()));
writeFileSync(f('part2.jsonl'), lines([...records.slice(0, 15), records[3], records[20]]));
const keys = generateKeyPairSync('ed25519');
writeFileSync(f('key.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(f('key.pub'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
writeFileSync(f('other.pub'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
const period = ['--from', '2026-01-01T00:00:00Z', '--until', '2026-02-01T00:00:00Z'];
const settle = (out: string, ...extra: string[]) => runCliForTest(['settle', '--sheet', f('sheet.json'), ...period, '--out', f(out), ...extra]);
const inPeriod = records.find((r) => r.time >= '2026-01-01' && r.time < '2026-02-01')!;

describe('tokencert settle / verify / prove', () => {
  it('TMS-S-014: writes a canonical statement; reordered, split and duplicated input gives the same bytes', async () => {
    const a = await settle('a.json', '--records', f('all.jsonl'));
    expect(a).toMatchObject({ code: 0, err: '' });
    expect(a.out).toMatch(/statement written to .*a\.json/);
    const b = await settle('b.json', '--records', f('part1.jsonl'), '--records', f('part2.jsonl'));
    expect(b.out).toMatch(/2 duplicate/);
    expect(readFileSync(f('b.json'))).toEqual(readFileSync(f('a.json')));
    const text = readFileSync(f('a.json'), 'utf8');
    expect(text).toBe(canonicalJson(JSON.parse(text)));
  });

  it('TMS-S-016, TMS-S-015: a signed statement verifies with its key; tampering, another key or another record fails with exit 1', async () => {
    expect((await settle('s.json', '--records', f('all.jsonl'), '--sign-key', f('key.pem'))).code).toBe(0);
    const ok = await runCliForTest([
      'verify',
      '--statement',
      f('s.json'),
      '--records',
      f('all.jsonl'),
      '--sheet',
      f('sheet.json'),
      '--public-key',
      f('key.pub'),
    ]);
    expect(ok.out).toMatch(/statement OK/);
    expect(ok.code).toBe(0);
    const wrongKey = await runCliForTest([
      'verify',
      '--statement',
      f('s.json'),
      '--records',
      f('all.jsonl'),
      '--sheet',
      f('sheet.json'),
      '--public-key',
      f('other.pub'),
    ]);
    expect(wrongKey.code).toBe(1);
    const st = JSON.parse(readFileSync(f('s.json'), 'utf8'));
    st.totals.amount = `1${st.totals.amount}`;
    writeFileSync(f('tampered.json'), JSON.stringify(st));
    const t = await runCliForTest(['verify', '--statement', f('tampered.json'), '--records', f('all.jsonl'), '--sheet', f('sheet.json'), '--json']);
    expect(t.code).toBe(1);
    const report = JSON.parse(t.out);
    expect(report.differences).toContainEqual(expect.objectContaining({ place: 'totals', field: 'amount' }));
    // The tampered total over-bills: stated − recomputed is positive (TMS-S-016).
    expect(report.differences.find((d: { field: string }) => d.field === 'amount').impact).toMatch(/^1/);
    expect(report.differences).toContainEqual(expect.objectContaining({ place: 'signature' }));
    writeFileSync(f('changed.jsonl'), lines(records.map((r) => (r === inPeriod ? { ...r, provider: 'elsewhere' } : r))));
    const changed = await runCliForTest(['verify', '--statement', f('s.json'), '--records', f('changed.jsonl'), '--sheet', f('sheet.json')]);
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/merkle root: stated [0-9a-f]{64}, recomputed [0-9a-f]{64}/);
  });

  it('TMS-S-013: prove prints a proof that verify accepts; a changed proof or an excluded record fails', async () => {
    await settle('p.json', '--records', f('all.jsonl'));
    const p = await runCliForTest(['prove', '--statement', f('p.json'), '--records', f('all.jsonl'), '--id', inPeriod.record_id]);
    expect(p.code).toBe(0);
    writeFileSync(f('proof.json'), p.out);
    const v = await runCliForTest(['verify', '--proof', f('proof.json'), '--statement', f('p.json'), '--records', f('all.jsonl')]);
    expect(v).toMatchObject({ code: 0 });
    expect(v.out).toMatch(/proof OK/);
    const proof = JSON.parse(p.out);
    proof.leaf_index = (proof.leaf_index + 1) % proof.tree_size;
    writeFileSync(f('bad-proof.json'), JSON.stringify(proof));
    expect((await runCliForTest(['verify', '--proof', f('bad-proof.json'), '--statement', f('p.json')])).code).toBe(1);
    const outside = records.find((r) => r.time < '2026-01-01')!;
    const e = await runCliForTest(['prove', '--statement', f('p.json'), '--records', f('all.jsonl'), '--id', outside.record_id]);
    expect(e.code).toBe(1);
    expect(e.err).toMatch(/not billed in this statement \(excluded\)/);
  });

  it('TMS-S-019, TMS-C-001, TMS-C-004: bad input exits 2 naming file, line and pointer, and leaves no statement', async () => {
    writeFileSync(f('keep.json'), 'previous statement');
    const bad = [
      ...records.slice(0, 4),
      { ...inPeriod, record_id: 'x', usage: { cells: [{ direction: 'sideways', cache: 'none', modality: 'text', tokens: 1 }] } },
    ];
    writeFileSync(f('bad.jsonl'), lines(bad));
    const r = await settle('keep.json', '--records', f('bad.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.jsonl:5 \/usage\/cells\/0\/direction/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(f('keep.json'), 'utf8')).toBe('previous statement');
    writeFileSync(f('syntax.jsonl'), `${JSON.stringify(records[0])}\n{"record_id": \n`);
    expect((await settle('none1.json', '--records', f('syntax.jsonl'))).err).toMatch(/syntax\.jsonl:2/);
    writeFileSync(f('unknown.jsonl'), lines([{ ...sampleRecord(1, { time: '2026-01-05T00:00:00Z' }), model: 'gpt4o' }]));
    const u = await settle('none2.json', '--records', f('unknown.jsonl'));
    expect(u).toMatchObject({ code: 2 });
    expect(u.err).toMatch(/unknown\.jsonl:1 \/model: unknown model "gpt4o".*nearest known: gpt-4o/);
    expect(existsSync(f('none1.json')) || existsSync(f('none2.json'))).toBe(false);
  });

  it('TMS-S-001, TMS-C-002: usage errors exit 2 (empty period, malformed time, unknown rounding mode or level)', async () => {
    const run = (...a: string[]) => runCliForTest(['settle', '--sheet', f('sheet.json'), '--records', f('all.jsonl'), '--out', f('none3.json'), ...a]);
    expect((await run('--from', '2026-02-01T00:00:00Z', '--until', '2026-01-01T00:00:00Z')).err).toMatch(/period is empty/);
    expect((await run('--from', '2026-01-01', '--until', '2026-02-01T00:00:00Z')).code).toBe(2);
    expect((await run(...period, '--rounding', 'bankers')).err).toMatch(/rounding mode "bankers"/);
    expect((await run(...period, '--rounding-level', 'record')).code).toBe(2);
    expect((await runCliForTest(['settle', '--sheet', f('sheet.json'), ...period, '--out', f('x.json')])).code).toBe(2);
    expect(existsSync(f('none3.json'))).toBe(false);
  });

  it("TMS-S-009, TMS-S-016: verify fails when the statement's policy is not the one expected", async () => {
    await settle('st.json', '--records', f('all.jsonl'), '--rounding-level', 'statement', '--rounding', 'half_up');
    const args = ['verify', '--statement', f('st.json'), '--records', f('all.jsonl'), '--sheet', f('sheet.json')];
    expect((await runCliForTest(args)).code).toBe(0);
    const v = await runCliForTest([...args, '--rounding-level', 'line', '--rounding', 'half_even']);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/rounding level: stated statement, recomputed line/);
  });
});
