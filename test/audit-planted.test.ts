// End to end: an audit finds exactly the faults planted in a generated log, with their money impact
// (TMS-A-001, TMS-A-003, TMS-A-004, TMS-A-005, TMS-A-006, TMS-A-007, TMS-A-008, TMS-A-011).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestJson } from '../src/digest/sha256.js';
import { Decimal } from '../src/money/Decimal.js';
import { fromRoot } from '../src/paths.js';
import { safeValidate } from '../src/schemas/registry.js';
import type { Discrepancy } from '../src/audit/types.js';
import type { Planted } from '../src/audit/generate/plants.js';
import { auditCli, cli, jsonl, SHEET, settleCli, tmp } from './audit-helpers.js';

const recordKinds = new Set(['duplicate', 'conflict', 'out-of-period', 'recount', 'cost', 'currency']);
const sumOf = (xs: (string | null)[]) => xs.reduce((a, x) => (x === null ? a : a.add(Decimal.parse(x))), Decimal.zero).toString();
const plants = ['dup:0.01', 'conflict:0.01', 'period:0.01', 'missing:0.01', 'price:0.01'];

describe('audit of a generated log with planted faults (native OpenAI lines)', () => {
  const dir = tmp('planted');
  let found: Discrepancy[];
  let planted: Planted[];
  let code: number;
  let out: string;
  beforeAll(async () => {
    const g = await cli([
      'generate',
      'records',
      '--count',
      '3000',
      '--seed',
      '11',
      '--native',
      'openai',
      ...plants.flatMap((p) => ['--plant', p]),
      '--plant',
      'inflate:0.01',
      '--plant',
      'currency:0.01',
      '--out',
      join(dir, 'log.jsonl'),
    ]);
    expect(g.code, g.err).toBe(0);
    const a = await auditCli({ records: join(dir, 'log.jsonl'), statement: join(dir, 'statement.json'), out: join(dir, 'out') }, '--json');
    code = a.code;
    out = a.out;
    found = jsonl<Discrepancy>(join(dir, 'out', 'discrepancies.jsonl'));
    planted = jsonl<Planted>(join(dir, 'planted.jsonl'));
  });

  it('plants every kind (the test is not vacuous)', () => {
    for (const p of ['dup', 'conflict', 'period', 'missing', 'price', 'inflate', 'currency'])
      expect(planted.filter((x) => x.plant === p).length, p).toBeGreaterThan(3);
  });

  it('reports exactly the planted record faults (duplicates, conflicts, out of period, inflated counts found by recount, costs) with their exact money impact (TMS-A-003, TMS-A-004, TMS-A-008)', () => {
    const key = (k: string, id: string | null, amount: string | null) => `${k} ${id} ${amount === null ? '-' : Decimal.parse(amount).toString()}`;
    const got = found
      .filter((d) => recordKinds.has(d.kind))
      .map((d) => key(d.kind, d.record_id, d.impact?.amount ?? null))
      .sort();
    const want = planted
      .filter((p) => p.expect !== null)
      .map((p) => key(p.expect!, p.record_id, p.impact))
      .sort();
    expect(got).toEqual(want);
  });

  it('finds no invalid or unpriced lines in a clean log (TMS-A-001)', () => {
    expect(found.filter((d) => d.kind === 'invalid-line' || d.kind === 'unpriced')).toEqual([]);
  });

  it('states the net over-billing as the exact sum of the planted statement faults (TMS-A-007)', () => {
    const summary = JSON.parse(out) as { billing: { net_exact: string; over: string; under: string; currency: string } };
    expect(summary.billing.net_exact).toBe(sumOf(planted.filter((p) => p.in_statement).map((p) => p.impact)));
    expect(Decimal.parse(summary.billing.over).sign()).toBe(1);
    expect(summary.billing.under).toBe('0');
  });

  it('flags the wrong unit prices at line level and the root (TMS-A-006)', () => {
    expect(found.some((d) => d.kind === 'line' && (d.field === 'unit_price' || d.field === 'line'))).toBe(true);
    expect(found.some((d) => d.kind === 'root' && d.field === 'merkle/root')).toBe(true);
  });

  it('writes valid discrepancy records and exits 1 (TMS-A-011)', () => {
    for (const d of found) expect(safeValidate('discrepancy', d)).toEqual({ ok: true });
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as { run: { kind: string }; verdict: { overall: string } };
    expect(report.run.kind).toBe('audit');
    expect(report.verdict.overall).toBe('fail');
  });

  it('recounts records without their request from --transcripts as from the native lines, and a corrupt transcript is no evidence rather than a crash (TMS-A-004, TMS-M-042)', async () => {
    // The log's records (requests left out) and each request as a transcript named by its digest.
    const conv = await cli(['records', 'from-native', join(dir, 'log.jsonl'), '--out', join(dir, 'records.jsonl')]);
    expect(conv.code, conv.err).toBe(0);
    const transcripts = join(dir, 'transcripts');
    mkdirSync(transcripts);
    for (const l of readFileSync(join(dir, 'log.jsonl'), 'utf8').split('\n').filter(Boolean)) {
      const request = (JSON.parse(l) as { request?: unknown }).request;
      if (request !== undefined) writeFileSync(join(transcripts, `${digestJson(request)}.json`), JSON.stringify(request));
    }
    const recounts = (out: string) =>
      jsonl<Discrepancy>(join(dir, out, 'discrepancies.jsonl'))
        .filter((d) => d.kind === 'recount')
        .map((d) => `${d.record_id} ${d.billed} ${d.recomputed}`);
    const want = recounts('out');
    expect(want.length).toBeGreaterThan(3);
    const run = (out: string) =>
      auditCli({ records: join(dir, 'records.jsonl'), statement: join(dir, 'statement.json'), out: join(dir, out) }, '--transcripts', transcripts);
    expect((await run('with-transcripts')).code).toBe(1);
    expect(recounts('with-transcripts')).toEqual(want);
    // One inflated record's transcript damaged: that record is not recounted, the rest are.
    const damaged = found.find((d) => d.kind === 'recount')!.record_id;
    const rec = jsonl<{ record_id: string; request_sha256: string }>(join(dir, 'records.jsonl')).find((r) => r.record_id === damaged)!;
    writeFileSync(join(transcripts, `${rec.request_sha256}.json`), '{"messages": [');
    const r = await run('damaged-transcript');
    expect(r.code, r.err).toBe(1);
    expect(recounts('damaged-transcript')).toEqual(want.filter((k) => !k.startsWith(`${damaged} `)));
  });

  it('audits the log piped on standard input (--records -) exactly as the file: conflicting first versions are withdrawn too (TMS-S-005, TMS-A-001)', () => {
    // Standard input cannot be read twice: the first version of a conflict, read again to take its
    // cost back, stayed billed when the log was piped.
    const args = ['audit', '--records', '-', '--sheet', SHEET, '--statement', join(dir, 'statement.json'), '--quiet', '--out', join(dir, 'piped')];
    const r = spawnSync(process.execPath, [fromRoot('bin', 'tokencert.mjs'), ...args], { input: readFileSync(join(dir, 'log.jsonl')) });
    expect(r.status, r.stderr.toString()).toBe(code);
    const fileOut = (f: string) => readFileSync(join(dir, 'out', f), 'utf8');
    const pipedOut = (f: string) => readFileSync(join(dir, 'piped', f), 'utf8');
    expect(pipedOut('statement.json')).toBe(fileOut('statement.json'));
    expect(pipedOut('discrepancies.jsonl')).toBe(fileOut('discrepancies.jsonl').replaceAll(join(dir, 'log.jsonl'), '-'));
  });
});

describe('audit of tokencert measurement records', () => {
  it('recomputes the statement tokencert settle writes, byte for byte, and matches an honest bill (TMS-A-006)', async () => {
    const dir = tmp('records');
    const g = await cli([
      'generate',
      'records',
      '--count',
      '1500',
      '--seed',
      '5',
      '--plant',
      'dup:0.02',
      '--plant',
      'conflict:0.02',
      '--plant',
      'period:0.02',
      '--out',
      join(dir, 'log.jsonl'),
    ]);
    expect(g.code, g.err).toBe(0);
    const s = await settleCli({ records: join(dir, 'log.jsonl'), from: '2026-10-01T00:00:00Z', until: '2026-11-01T00:00:00Z', out: join(dir, 'honest.json') });
    expect(s.code, s.err).toBe(0);
    const a = await auditCli({ records: join(dir, 'log.jsonl'), statement: join(dir, 'honest.json'), out: join(dir, 'out') });
    expect(readFileSync(join(dir, 'out', 'statement.json'))).toEqual(readFileSync(join(dir, 'honest.json')));
    // The honest statement lists exclusions and conflicts, so only the duplicates remain to report.
    const found = jsonl<Discrepancy>(join(dir, 'out', 'discrepancies.jsonl'));
    expect(new Set(found.map((d) => d.kind))).toEqual(new Set(['duplicate']));
    expect(a.code).toBe(1);
  });

  it('bills the web searches a native usage object reports exactly as settle does (TMS-A-006, TMS-P-012)', async () => {
    const dir = tmp('websearch');
    expect((await cli(['generate', 'records', '--count', '200', '--seed', '3', '--out', join(dir, 'log.jsonl')])).code).toBe(0);
    const searched = {
      tms_version: '0.1.0',
      record_id: 'web-search-1',
      time: '2026-10-15T12:00:00Z',
      provider: 'anthropic',
      api: 'anthropic-messages',
      model: 'claude-sonnet-4-5',
      usage: {
        cells: [
          { direction: 'input', cache: 'none', modality: 'text', tokens: 105 },
          { direction: 'output', cache: 'none', modality: 'text', tokens: 6039 },
        ],
      },
      native_usage: { input_tokens: 105, output_tokens: 6039, server_tool_use: { web_search_requests: 2 } },
    };
    appendFileSync(join(dir, 'log.jsonl'), `${JSON.stringify(searched)}\n`);
    const s = await settleCli({ records: join(dir, 'log.jsonl'), from: '2026-10-01T00:00:00Z', until: '2026-11-01T00:00:00Z', out: join(dir, 'honest.json') });
    expect(s.code, s.err).toBe(0);
    expect(readFileSync(join(dir, 'honest.json'), 'utf8')).toContain('web_search');
    const a = await auditCli({ records: join(dir, 'log.jsonl'), statement: join(dir, 'honest.json'), out: join(dir, 'out') });
    expect(readFileSync(join(dir, 'out', 'statement.json'))).toEqual(readFileSync(join(dir, 'honest.json')));
    expect(jsonl<Discrepancy>(join(dir, 'out', 'discrepancies.jsonl'))).toEqual([]);
    expect(a.code, a.err).toBe(0);
  });

  it('reads a generated CSV log and finds its planted faults exactly (TMS-A-002)', async () => {
    const dir = tmp('csv');
    const g = await cli([
      'generate',
      'records',
      '--count',
      '800',
      '--seed',
      '4',
      '--plant',
      'dup:0.03',
      '--plant',
      'period:0.03',
      '--plant',
      'missing:0.03',
      '--out',
      join(dir, 'log.csv'),
    ]);
    expect(g.code, g.err).toBe(0);
    const a = await auditCli({ records: join(dir, 'log.csv'), statement: join(dir, 'statement.json'), out: join(dir, 'out') }, '--json');
    expect(a.code, a.err).toBe(1);
    const found = jsonl<Discrepancy>(join(dir, 'out', 'discrepancies.jsonl'));
    const planted = jsonl<Planted>(join(dir, 'planted.jsonl'));
    const key = (k: string, id: string | null, amount: string | null | undefined) => `${k} ${id} ${amount ?? '-'}`;
    expect(
      found
        .filter((d) => recordKinds.has(d.kind))
        .map((d) => key(d.kind, d.record_id, d.impact?.amount))
        .sort(),
    ).toEqual(
      planted
        .filter((p) => p.expect)
        .map((p) => key(p.expect!, p.record_id, p.impact))
        .sort(),
    );
    expect((JSON.parse(a.out) as { billing: { net_exact: string } }).billing.net_exact).toBe(sumOf(planted.filter((p) => p.in_statement).map((p) => p.impact)));
  });

  it('exits 0 on a clean log with its honest statement (TMS-A-011)', async () => {
    const dir = tmp('clean');
    await cli(['generate', 'records', '--count', '300', '--seed', '9', '--out', join(dir, 'log.jsonl')]);
    const a = await auditCli({ records: join(dir, 'log.jsonl'), statement: join(dir, 'statement.json'), out: join(dir, 'out') });
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'discrepancies.jsonl'), 'utf8')).toBe('');
  });
});
