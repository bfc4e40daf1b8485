import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliForTest } from '../testing/runCliForTest.js';
import { canonicalJson } from '../digest/canonicalJson.js';
import { sha256Hex } from '../digest/sha256.js';
import { safeValidate } from '../schemas/registry.js';
import type { Report } from '../schemas/types.gen.js';
import { verifyReportSeal } from './signReport.js';
import { HOSTILE, SYNTHETIC_KEY, writeSyntheticRun } from '../testing/syntheticRun.js';
import { REPORT_FILES, writeReport } from './writeReport.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tokencert-report-'));
const read = (dir: string) => Object.fromEntries(REPORT_FILES.map((f) => [f, readFileSync(join(dir, f))]));

describe('writeReport (TMS-C-201, TMS-C-204, TMS-C-206)', () => {
  it('TMS-C-201: rendering the same events twice gives byte-identical files, also through `report render`', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir);
    await writeReport(dir);
    const first = read(dir);
    await writeReport(dir);
    expect(read(dir)).toEqual(first);
    const { code, out } = await runCliForTest(['report', 'render', dir]);
    expect(code).toBe(1); // the synthetic run fails a MUST check
    expect(out).toContain('verdict: FAIL (provider-api core fail, full fail)');
    expect(read(dir)).toEqual(first);
  });

  it('report.json is valid, names tool, spec, suite and vectors versions, and records the events digest', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir);
    const report = await writeReport(dir);
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(safeValidate('report', json)).toEqual({ ok: true });
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
    expect(json).toMatchObject({
      tool: { name: 'tokencert', version: '0.1.0' },
      spec_version: '0.1.0',
      suite: { name: 'provider-api', version: '0.1.0', sha256: 'a'.repeat(64) },
      vectors_manifest_sha256: 'b'.repeat(64),
    });
    expect(json.events).toEqual({ file: 'events.jsonl', sha256: sha256Hex(readFileSync(join(dir, 'events.jsonl'))), count: 9 });
    expect(json.verdict.overall).toBe('fail');
    expect(json.impact).toEqual([{ currency: 'USD', amount: '0.0000025', results: 1 }]);
  });

  it('TMS-C-204: the digest is SHA-256 of the canonical JSON without digest and signature; the Ed25519 signature verifies and detects tampering', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeReport(dir, { signKey: keyFile });
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const { digest, signature, ...rest } = report;
    expect(digest).toBe(sha256Hex(canonicalJson(rest)));
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    expect(signature).toMatchObject({ algorithm: 'Ed25519', public_key: spki.toString('base64'), public_key_sha256: sha256Hex(spki) });
    expect(verifyReportSeal(report)).toEqual({ ok: true, signed: true });
    expect(verifyReportSeal({ ...report, verdict: { ...report.verdict, overall: 'pass' } })).toEqual({
      ok: false,
      reason: 'digest does not match the report content',
    });
    const forged = { ...report, counts: { ...report.counts, pass: 3 } };
    expect(verifyReportSeal({ ...forged, digest: sha256Hex(canonicalJson({ ...forged, digest: undefined, signature: undefined })) })).toEqual({
      ok: false,
      reason: 'signature does not verify',
    });
    // Ed25519 is deterministic: signing again with the same key re-renders the same bytes.
    const before = read(dir);
    expect((await runCliForTest(['report', 'render', dir, '--sign-key', keyFile])).code).toBe(1);
    expect(read(dir)).toEqual(before);
  });

  it('rejects a signing key that is not Ed25519 as an input error', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(dir, 'ec.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const r = await runCliForTest(['report', 'render', dir, '--sign-key', join(dir, 'ec.pem')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('signing key must be Ed25519, not ec [input-invalid]');
  });

  it('TMS-C-207: no output contains the API key; TMS-C-205: none contains the raw hostile string', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir);
    await writeReport(dir);
    for (const [name, bytes] of Object.entries(read(dir))) {
      expect(bytes.toString('utf8'), name).not.toContain(SYNTHETIC_KEY);
      if (name !== 'report.json') expect(bytes.toString('utf8'), name).not.toContain(HOSTILE);
    }
  });

  it('TMS-C-208: `report render` of a crashed run warns with file and line, renders the rest and exits 1', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir, { crash: true });
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"v":1,"seq":9,"type":"res`);
    const r = await runCliForTest(['report', 'render', dir, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`tokencert: warning: ${file}:9: truncated last line (the run stopped while writing it); the report uses the events before it\n`);
    const out = JSON.parse(r.out) as { verdict: string; problems: unknown[] };
    expect(out.verdict).toBe('fail');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.run).toMatchObject({ complete: false, finished: null, stopped: { reason: 'crashed' } });
    expect(report.problems).toEqual([{ file: 'events.jsonl', line: 9, message: expect.stringMatching(/truncated/) }]);
  });

  it('usage and input errors exit 2 with one line', async () => {
    expect((await runCliForTest(['report', 'render'])).code).toBe(2);
    const r = await runCliForTest(['report', 'render', join(tmp(), 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/events\.jsonl: no such file \[input-missing\]\n$/);
  });
});
