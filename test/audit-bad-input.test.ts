// Bad input is reported clearly — where, what, why — with exit 2 for unusable input and 1 for a
// failed audit (TMS-A-001, TMS-A-002, TMS-A-005, TMS-A-006, TMS-A-011, TMS-C-001, TMS-C-005).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Discrepancy } from '../src/audit/types.js';
import { fromRoot } from '../src/paths.js';
import { cli, jsonl, SHEET, tmp } from './audit-helpers.js';

const PERIOD = ['--from', '2026-10-01T00:00:00Z', '--until', '2026-11-01T00:00:00Z'];

describe('audit with bad input', () => {
  const dir = tmp('bad');
  let lines: string[];
  const audit = (records: string, ...more: string[]) => cli(['audit', '--records', records, '--sheet', SHEET, ...PERIOD, '--out', join(dir, 'out'), ...more]);
  const found = () => jsonl<Discrepancy>(join(dir, 'out', 'discrepancies.jsonl'));
  beforeAll(async () => {
    await cli(['generate', 'records', '--count', '40', '--seed', '2', '--native', 'openai', '--out', join(dir, 'log.jsonl')]);
    lines = readFileSync(join(dir, 'log.jsonl'), 'utf8').split('\n').filter(Boolean);
  });

  it('reports a truncated gzip stream at the first line it lost and goes on (TMS-A-001)', async () => {
    const gz = gzipSync(Buffer.from(`${lines.join('\n')}\n`));
    writeFileSync(join(dir, 'cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = await audit(join(dir, 'cut.jsonl.gz'));
    expect(r.code).toBe(1);
    const bad = found().filter((d) => d.kind === 'invalid-line');
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toMatch(/gzip stream is truncated: line \d+ and everything after it is lost/);
    const read = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).results.find((x: { check: string }) => x.check === 'lines-accounted')
      .evidence.observed;
    expect(bad[0].location!.line).toBe(read.records + 1);
    // Sharded, the damage is reported once, by one shard, and the merge equals the single run.
    for (const k of [0, 1]) await audit(join(dir, 'cut.jsonl.gz'), '--shard', `${k}/2`, '--out', join(dir, `cut-${k}`));
    const m = await cli(['audit', 'merge', join(dir, 'cut-0'), join(dir, 'cut-1'), '--out', join(dir, 'cut-merged')]);
    expect(m.code).toBe(1);
    expect(readFileSync(join(dir, 'cut-merged', 'discrepancies.jsonl'))).toEqual(readFileSync(join(dir, 'out', 'discrepancies.jsonl')));
    expect(readFileSync(join(dir, 'cut-merged', 'report.json'))).toEqual(readFileSync(join(dir, 'out', 'report.json')));
    const ff = await audit(join(dir, 'cut.jsonl.gz'), '--fail-fast');
    expect(ff.code).toBe(2);
    expect(ff.err).toMatch(/cut\.jsonl\.gz:\d+: gzip stream is truncated/);
  });

  it('records the digest of every byte of a gzip log whose decompression fails, not of what was read ahead (TMS-A-001)', async () => {
    // A gzip member followed by bytes that are not gzip (2 MiB of them, more than one read ahead):
    // the inputs record gave the SHA-256 of a timing-dependent prefix of the file.
    const bytes = Buffer.concat([gzipSync(Buffer.from(`${lines.join('\n')}\n`)), Buffer.alloc(2 << 20, 'x')]);
    writeFileSync(join(dir, 'tail.jsonl.gz'), bytes);
    const r = await audit(join(dir, 'tail.jsonl.gz'), '--out', join(dir, 'tail'));
    expect(r.code).toBe(1);
    const bad = jsonl<Discrepancy>(join(dir, 'tail', 'discrepancies.jsonl')).filter((d) => d.kind === 'invalid-line');
    expect(bad.map((d) => d.message)).toEqual([expect.stringMatching(/gzip stream is corrupt/)]);
    const files = JSON.parse(readFileSync(join(dir, 'tail', 'report.json'), 'utf8')).target.files as { sha256: string }[];
    expect(files[0].sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reads every line of a gzip log before bytes that are not gzip after its last member, as gzip -d does, and reports those bytes (TMS-A-001, TMS-C-003)', async () => {
    // Node's gunzip drops the output of the step that meets the junk: up to 16 KiB of lines were
    // lost silently, all of them for a small log.
    const log = join(dir, 'junk.jsonl');
    await cli(['generate', 'records', '--count', '400', '--seed', '3', '--native', 'openai', '--out', log]);
    const plain = readFileSync(log);
    expect(plain.length).toBeGreaterThan(64 << 10);
    writeFileSync(join(dir, 'junk.jsonl.gz'), Buffer.concat([gzipSync(plain), Buffer.from('not gzip\n'.repeat(5000))]));
    expect((await audit(log, '--out', join(dir, 'junk-plain'))).code).toBe(0);
    const r = await audit(join(dir, 'junk.jsonl.gz'), '--out', join(dir, 'junk-gz'));
    expect(r.code).toBe(1);
    const out = (run: string, f: string) => readFileSync(join(dir, run, f), 'utf8');
    expect(out('junk-gz', 'statement.json')).toBe(out('junk-plain', 'statement.json'));
    const found = jsonl<Discrepancy>(join(dir, 'junk-gz', 'discrepancies.jsonl'));
    const lineCount = plain.toString('utf8').split('\n').filter(Boolean).length;
    expect(found.filter((d) => d.kind === 'invalid-line')).toEqual([
      expect.objectContaining({
        location: { file: join(dir, 'junk.jsonl.gz'), line: lineCount + 1 },
        message: expect.stringMatching(/gzip stream is corrupt/),
      }),
    ]);
    expect(found.filter((d) => d.kind !== 'invalid-line')).toEqual(
      jsonl<Discrepancy>(join(dir, 'junk-plain', 'discrepancies.jsonl')).map((d) => ({ ...d, location: { ...d.location, file: join(dir, 'junk.jsonl.gz') } })),
    );
    // Piped on standard input, the same (its copy is read again, not the pipe).
    const piped = spawnSync(
      process.execPath,
      [fromRoot('bin', 'tokencert.mjs'), 'audit', '--records', '-', '--sheet', SHEET, ...PERIOD, '--quiet', '--out', join(dir, 'junk-piped')],
      {
        input: readFileSync(join(dir, 'junk.jsonl.gz')),
      },
    );
    expect(piped.status, piped.stderr.toString()).toBe(1);
    expect(out('junk-piped', 'statement.json')).toBe(out('junk-plain', 'statement.json'));
    expect(out('junk-piped', 'discrepancies.jsonl')).toBe(out('junk-gz', 'discrepancies.jsonl').replaceAll(join(dir, 'junk.jsonl.gz'), '-'));
  });

  it('reports invalid UTF-8 and a cut-off JSON line with file and line, never dropping them (TMS-C-005)', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${lines[0]}\n`),
      Buffer.from('{"object":"chat.completion","id":"x\xff"}\n', 'latin1'),
      Buffer.from(`${lines[1]}\n${lines[2].slice(0, 50)}\n${lines[3]}\n`),
    ]);
    writeFileSync(join(dir, 'mixed.jsonl'), bytes);
    const r = await audit(join(dir, 'mixed.jsonl'));
    expect(r.code).toBe(1);
    const bad = found().filter((d) => d.kind === 'invalid-line');
    expect(bad.map((d) => [d.location!.line, /UTF-8/.test(d.message) ? 'utf8' : /malformed JSON/.test(d.message) ? 'json' : d.message])).toEqual([
      [2, 'utf8'],
      [4, 'json'],
    ]);
    const tally = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).results.find((x: { check: string }) => x.check === 'lines-accounted')
      .evidence.observed;
    expect([tally.lines, tally.invalid, tally.records]).toEqual([5, 2, 3]);
    const ff = await audit(join(dir, 'mixed.jsonl'), '--fail-fast');
    expect(ff.code).toBe(2);
    expect(ff.err).toMatch(/mixed\.jsonl:2 .*invalid UTF-8/);
  });

  it('refuses a CSV without its required columns with exit 2, naming them (TMS-A-011)', async () => {
    writeFileSync(join(dir, 'short.csv'), 'record_id,time,model,input_tokens\nr1,2026-10-02T00:00:00Z,gpt-4o,10\n');
    const r = await audit(join(dir, 'short.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `tokencert: ${join(dir, 'short.csv')}:1: CSV header lacks required column(s) output_tokens; required: record_id, time, model, input_tokens, output_tokens [input-invalid]\n`,
    );
  });

  it('accounts an empty CSV part (0 bytes, blank lines, a BOM) like an empty JSON-lines part, but refuses a blank header before rows (TMS-A-001, TMS-A-011)', async () => {
    const csvHeader = 'record_id,time,model,input_tokens,output_tokens\n';
    writeFileSync(join(dir, 'empty.jsonl'), '');
    const tallyOf = () =>
      JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).results.find((x: { check: string }) => x.check === 'lines-accounted').evidence.observed;
    const j = await audit(join(dir, 'empty.jsonl'));
    expect(j.code, j.err).toBe(0);
    const jsonTally = tallyOf();
    for (const [name, bytes, lines] of [
      ['empty.csv', '', 0],
      ['blank.csv', '\n \r\n', 2],
      ['bom.csv', '\uFEFF', 1],
    ] as const) {
      writeFileSync(join(dir, name), bytes);
      const r = await audit(join(dir, name));
      expect(r.code, `${name}: ${r.err}`).toBe(0);
      const t = tallyOf();
      expect({ ...t, lines: 0, blank: 0 }).toEqual(jsonTally);
      expect([t.lines, t.blank]).toEqual([lines, lines]);
    }
    // Beside a header-only CSV and a part with rows, in one directory of parts.
    const parts = join(dir, 'csv-parts');
    mkdirSync(parts);
    writeFileSync(join(parts, 'part-00000.csv'), '');
    writeFileSync(join(parts, 'part-00001.csv'), csvHeader);
    writeFileSync(join(parts, 'part-00002.csv'), `${csvHeader}r1,2026-10-02T00:00:00Z,gpt-4o,10,5\n`);
    const p = await audit(parts);
    expect(p.code, p.err).toBe(0);
    expect(tallyOf().records).toBe(1);
    // Rows after a blank header line: the header is broken, as before.
    writeFileSync(join(dir, 'noheader.csv'), `\nr1,2026-10-02T00:00:00Z,gpt-4o,10,5\n`);
    const n = await audit(join(dir, 'noheader.csv'));
    expect(n.code).toBe(2);
    expect(n.err).toContain(`${join(dir, 'noheader.csv')}:1: the CSV header line is blank, yet rows follow`);
  });

  it('reports a CSV row with a missing field at its line (TMS-A-002)', async () => {
    writeFileSync(
      join(dir, 'rows.csv'),
      'record_id,time,model,input_tokens,output_tokens\nr1,2026-10-02T00:00:00Z,gpt-4o,10,5\nr2,2026-10-02T00:00:01Z,gpt-4o,10\n',
    );
    const r = await audit(join(dir, 'rows.csv'));
    expect(r.code).toBe(1);
    expect(found().map((d) => [d.kind, d.location?.line, d.message])).toEqual([['invalid-line', 3, 'expected 5 CSV fields as in the header, found 4']]);
  });

  it('reports a cost in another currency and refuses a statement in another currency (TMS-A-005)', async () => {
    const v = JSON.parse(lines[5]);
    v.cost = { currency: 'EUR', amount: v.cost.amount };
    writeFileSync(join(dir, 'eur.jsonl'), `${lines[4]}\n${JSON.stringify(v)}\n`);
    const r = await audit(join(dir, 'eur.jsonl'));
    expect(r.code).toBe(1);
    expect(found().map((d) => [d.kind, d.record_id, d.location?.line, d.impact])).toEqual([['currency', v.id, 2, null]]);
    const st = JSON.parse(readFileSync(join(dir, 'statement.json'), 'utf8'));
    writeFileSync(join(dir, 'eur-statement.json'), JSON.stringify({ ...st, currency: 'EUR' }));
    const s = await cli([
      'audit',
      '--records',
      join(dir, 'log.jsonl'),
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'eur-statement.json'),
      '--out',
      join(dir, 'out'),
    ]);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/eur-statement\.json \/currency: the statement is in EUR, the price sheet in USD.*\[mixed-currency\]/);
  });

  it('refuses a statement for another period with exit 2 (TMS-A-006)', async () => {
    const r = await cli([
      'audit',
      '--records',
      join(dir, 'log.jsonl'),
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'statement.json'),
      '--from',
      '2026-09-01T00:00:00Z',
      '--until',
      '2026-10-01T00:00:00Z',
      '--out',
      join(dir, 'out'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /statement\.json \/period: the statement is for the period \[2026-10-01T00:00:00Z, 2026-11-01T00:00:00Z\), the audit is for \[2026-09-01T00:00:00Z, 2026-10-01T00:00:00Z\)/,
    );
  });

  it('reports a record of an unknown model as unpriced, naming the model (TMS-A-005)', async () => {
    const v = JSON.parse(lines[6]);
    v.model = 'gpt-unknown-9';
    delete v.request;
    writeFileSync(join(dir, 'unknown.jsonl'), `${JSON.stringify(v)}\n`);
    const r = await audit(join(dir, 'unknown.jsonl'));
    expect(r.code).toBe(1);
    const [d] = found();
    expect([d.kind, d.field, d.location?.pointer]).toEqual(['unpriced', 'model', '/model']);
    expect(d.message).toMatch(/unknown-model: .*gpt-unknown-9/);
  });

  it('names a missing log file with exit 2 and no stack trace (TMS-C-001)', async () => {
    const r = await audit(join(dir, 'nope.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`tokencert: ${join(dir, 'nope.jsonl')}: no such file [input-missing]\n`);
  });

  it('refuses a --transcripts path that is not a directory before reading the log, which would recount nothing from it (TMS-A-004)', async () => {
    const missing = join(dir, 'no-transcripts');
    const r = await audit(join(dir, 'log.jsonl'), '--transcripts', missing);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`tokencert: ${missing}: no such directory [input-missing]\n`);
    const file = await audit(join(dir, 'log.jsonl'), '--transcripts', join(dir, 'log.jsonl'));
    expect(file.code).toBe(2);
    expect(file.err).toMatch(/log\.jsonl: is not a directory/);
  });

  it('refuses standard input given twice, which would read nothing the second time (TMS-A-001)', async () => {
    const r = await cli(['audit', '--records', '-', '--records', '-', '--sheet', SHEET, ...PERIOD, '--out', join(dir, 'stdin-twice')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--records - \(standard input\) can be given only once/);
  });
});
