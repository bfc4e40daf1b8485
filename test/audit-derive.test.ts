// A provider can settle from exactly the records the auditor derives from its native log
// (TMS-A-013, TMS-A-014, TMS-S-022): `records from-native` writes them, `settle` reads either form,
// and both statements are the audit's recomputed statement byte for byte.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, jsonl, SHEET, settleCli, tmp } from './audit-helpers.js';

const FROM = '2026-10-01T00:00:00Z';
const UNTIL = '2026-11-01T00:00:00Z';

describe.each(['openai', 'anthropic', 'gemini'])('native %s log', (native) => {
  const dir = tmp(`derive-${native}`);
  const log = join(dir, 'log.jsonl.gz');
  beforeAll(async () => {
    const g = await cli([
      'generate',
      'records',
      '--count',
      '300',
      '--seed',
      '5',
      '--native',
      native,
      '--plant',
      'dup:0.02',
      '--plant',
      'conflict:0.02',
      '--plant',
      'period:0.02',
      '--out',
      log,
    ]);
    expect(g.code, g.err).toBe(0);
  });

  it('records from-native, settle of the records, settle of the native lines and the audit agree byte for byte, FOCUS rows too (TMS-A-014, TMS-S-022, TMS-A-017)', async () => {
    const r = await cli(['records', 'from-native', log, '--out', join(dir, 'records.jsonl'), '--json']);
    expect(r.code, r.err).toBe(0);
    const records = jsonl<{ tms_version: string }>(join(dir, 'records.jsonl'));
    expect(JSON.parse(r.out).records).toBe(records.length);
    expect(records.every((x) => x.tms_version === '0.1.0')).toBe(true);
    const a = await settleCli(
      { records: join(dir, 'records.jsonl'), from: FROM, until: UNTIL, out: join(dir, 'from-records.json') },
      '--focus',
      join(dir, 'settle-focus.csv'),
      '--focus-provider',
      native,
    );
    expect(a.code, a.err).toBe(0);
    // settle reads plain JSON lines: give it the native lines uncompressed
    const { gunzipSync } = await import('node:zlib');
    writeFileSync(join(dir, 'log.jsonl'), gunzipSync(readFileSync(log)));
    const b = await settleCli({ records: join(dir, 'log.jsonl'), from: FROM, until: UNTIL, out: join(dir, 'from-native.json') });
    expect(b.code, b.err).toBe(0);
    const audit = await cli([
      'audit',
      '--records',
      log,
      '--sheet',
      SHEET,
      '--from',
      FROM,
      '--until',
      UNTIL,
      '--quiet',
      '--out',
      join(dir, 'audit'),
      '--focus',
      join(dir, 'audit-focus.csv'),
      '--focus-provider',
      native,
    ]);
    expect([0, 1]).toContain(audit.code);
    const want = readFileSync(join(dir, 'audit', 'statement.json'));
    expect(readFileSync(join(dir, 'from-records.json')).equals(want)).toBe(true);
    expect(readFileSync(join(dir, 'from-native.json')).equals(want)).toBe(true);
    // The FOCUS rows of both statements are the same bytes too (TMS-S-023, TMS-A-017).
    const focus = readFileSync(join(dir, 'settle-focus.csv'));
    expect(focus.toString()).toMatch(/^BilledCost,BillingAccountId,/);
    expect(readFileSync(join(dir, 'audit-focus.csv')).equals(focus)).toBe(true);
  });
});

describe('records from-native on bad input (TMS-A-014)', () => {
  it('settle --focus refuses a period FOCUS cannot state and writes neither file (TMS-S-023, TMS-C-004)', async () => {
    const dir = tmp('focus-bad');
    const good = {
      object: 'chat.completion',
      id: 'c1',
      created: 1790812800,
      model: 'gpt-4o',
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    };
    writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify(good)}\n`);
    const r = await settleCli(
      { records: join(dir, 'in.jsonl'), from: '2026-10-01T00:00:00.5Z', until: UNTIL, out: join(dir, 's.json') },
      '--focus',
      join(dir, 'f.csv'),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('datetime_format.md');
    expect(existsSync(join(dir, 's.json'))).toBe(false);
    expect(existsSync(join(dir, 'f.csv'))).toBe(false);
  });

  it('stops at an invalid line with file, line and pointer and writes nothing', async () => {
    const dir = tmp('derive-bad');
    const good = {
      object: 'chat.completion',
      id: 'c1',
      created: 1790812800,
      model: 'gpt-4o',
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    };
    writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify(good)}\n\n${JSON.stringify({ ...good, id: 'c2', created: 'soon' })}\n`);
    const r = await cli(['records', 'from-native', join(dir, 'in.jsonl'), '--out', join(dir, 'out.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('in.jsonl:3');
    expect(r.err).toContain('/created');
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });

  it('refuses malformed JSON with its line', async () => {
    const dir = tmp('derive-bad2');
    writeFileSync(join(dir, 'in.jsonl'), '{"object":"chat.completion",\n');
    const r = await cli(['records', 'from-native', join(dir, 'in.jsonl'), '--out', join(dir, 'out.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('in.jsonl:1');
  });
});
