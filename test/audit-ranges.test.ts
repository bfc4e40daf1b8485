// Workers that read their own byte ranges of a plain JSON-lines log give the same bytes as one
// thread streaming it, whatever the range size — lines straddling range ends, CRLF, blank and
// invalid lines, non-ASCII text and a last line without LF included (TMS-A-009, TMS-A-010, TMS-A-001).
import { appendFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestJson } from '../src/digest/sha256.js';
import { finalizeAudit } from '../src/audit/core/finalizeAudit.js';
import { runAudit, type LineJudge } from '../src/audit/runAudit.js';
import { workerJudge } from '../src/audit/workers/workerJudge.js';
import { loadPriceSheet } from '../src/pricing/loadPriceSheet.js';
import { resolvePolicy } from '../src/settlement/policy.js';
import { cli, SHEET, tmp } from './audit-helpers.js';
import { MAX_LINE_BYTES } from '../src/io/readLines.js';

const FILES = ['statement.json', 'discrepancies.jsonl', 'events.jsonl', 'report.json', 'summary.md'];
const period = { from: '2026-10-01T00:00:00Z', until: '2026-11-01T00:00:00Z' };

describe('workers reading byte ranges', () => {
  const dir = tmp('ranges');
  const log = join(dir, 'log.jsonl');
  beforeAll(async () => {
    const g = await cli([
      'generate',
      'records',
      '--count',
      '400',
      '--seed',
      '41',
      '--native',
      'openai',
      '--plant',
      'dup:0.03',
      '--plant',
      'conflict:0.03',
      '--plant',
      'period:0.03',
      '--plant',
      'inflate:0.03',
      '--out',
      log,
    ]);
    expect(g.code, g.err).toBe(0);
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // Damage and decorate: CRLF, blank lines, a truncated line, invalid UTF-8, no final LF.
    const out: Buffer[] = [];
    lines.forEach((l, i) => {
      if (i % 50 === 7) out.push(Buffer.from('\n   \n'));
      if (i === 100) out.push(Buffer.from(`${l.slice(0, 40)}\n`));
      if (i === 200) out.push(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]));
      out.push(Buffer.from(`${l}${i % 9 === 0 ? '\r' : ''}${i === lines.length - 1 ? '' : '\n'}`));
    });
    writeFileSync(log, Buffer.concat(out));
  });

  /** runAudit of one file over the period, judged by `judge` (in this thread when undefined). */
  async function runOn(file: string, judge: LineJudge | undefined, rangeBytes?: number) {
    const sheet = await loadPriceSheet(SHEET);
    return runAudit({
      files: [file],
      sheet,
      inputs: {
        period,
        sheet: { path: SHEET, id: sheet.id, sha256: digestJson(sheet.source), currency: sheet.currency },
        statement: null,
        rounding: resolvePolicy(sheet.currency, period.from),
        transcripts: null,
        recount: true,
      },
      shard: null,
      hints: undefined,
      failFast: false,
      judge,
      ...(rangeBytes ? { rangeBytes } : {}),
    });
  }

  async function audit(out: string, workers: number, rangeBytes?: number, file = log) {
    const judge = workers > 1 ? await workerJudge(workers, { sheetPath: resolve(SHEET), period, shard: null, transcripts: null, recount: true }) : undefined;
    return finalizeAudit([await runOn(file, judge, rangeBytes)], out, null);
  }

  it('gives the single thread’s bytes with 2 workers at range sizes 997 B, 4 KiB and 4 MiB (TMS-A-010)', async () => {
    const one = await audit(join(dir, 'one'), 1);
    expect(one.tally.invalid).toBe(2);
    expect(one.tally.lines).toBe(one.tally.blank + one.tally.invalid + one.tally.records);
    for (const size of [997, 4096, 4 << 20]) {
      const w = await audit(join(dir, `w-${size}`), 2, size);
      expect(w.tally).toEqual(one.tally);
      for (const f of FILES) expect(readFileSync(join(dir, `w-${size}`, f)).equals(readFileSync(join(dir, 'one', f))), `${f} at ${size}`).toBe(true);
    }
  }, 300_000);

  it('shards lines without a record id by their place in the file, as the single thread does (TMS-A-009)', async () => {
    // Lines without an id (truncated JSON) past the first 256 KiB range: a worker knows only its
    // range-relative line, so the merging thread shards them. Each shard's outputs equal the single thread's.
    const deep = join(dir, 'deep.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    for (let i = lines.length - 20; i > lines.length - 140; i -= 20) lines.splice(i, 0, '{"object":"chat.completion","id');
    writeFileSync(deep, lines.join('\n'));
    let invalid = 0;
    for (const k of [0, 1]) {
      const args = ['audit', '--records', deep, '--sheet', SHEET, '--from', period.from, '--until', period.until, '--shard', `${k}/2`, '--quiet'];
      const one = await cli([...args, '--workers', '1', '--out', join(dir, `shard-${k}-one`)]);
      const two = await cli([...args, '--workers', '2', '--out', join(dir, `shard-${k}-two`)]);
      expect(one.code, one.err).toBeLessThan(2);
      expect(two.code, two.err).toBe(one.code);
      for (const f of readdirSync(join(dir, `shard-${k}-one`)))
        expect(readFileSync(join(dir, `shard-${k}-two`, f)).equals(readFileSync(join(dir, `shard-${k}-one`, f))), `shard ${k}: ${f}`).toBe(true);
      invalid += readFileSync(join(dir, `shard-${k}-one`, 'audit-partial.json'), 'utf8').match(/"invalid-line"/g)?.length ?? 0;
    }
    expect(invalid).toBe(2 + 6);
  }, 300_000);

  it('reports a line over the length limit as one invalid line, as the single thread does (TMS-C-012)', async () => {
    // A line of MAX_LINE_BYTES + 1 bytes straddling many ranges, between valid records.
    const long = join(dir, 'long.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n').slice(0, 6);
    writeFileSync(long, `${lines.slice(0, 3).join('\n')}\n${'x'.repeat(MAX_LINE_BYTES + 1)}\n${lines.slice(3).join('\n')}\n`);
    // The reference streams in this thread (no judge given), whatever the file's size; the workers
    // read ranges of 1 MiB (the long line straddles many) and of 128 MiB (it lies inside one).
    const one = await audit(join(dir, 'long-one'), 1, undefined, long);
    const two = await audit(join(dir, 'long-two'), 2, 1 << 20, long);
    const whole = await audit(join(dir, 'long-whole'), 2, 128 << 20, long);
    expect(two.tally).toEqual(one.tally);
    expect(whole.tally).toEqual(one.tally);
    expect(one.tally.invalid).toBe(1);
    const findings = readFileSync(join(dir, 'long-one', 'discrepancies.jsonl'), 'utf8');
    expect(findings).toContain('over the limit');
    expect(findings).toContain('"line":4');
    for (const f of FILES)
      for (const w of ['long-two', 'long-whole']) expect(readFileSync(join(dir, w, f)).equals(readFileSync(join(dir, 'long-one', f))), `${w}: ${f}`).toBe(true);
  }, 300_000);

  it('takes back the first version of a conflict that follows a line over the length limit (TMS-S-005, TMS-C-012)', async () => {
    // The first version is read again to withdraw it; that second reading stopped at the long line.
    const first = readFileSync(log, 'utf8').split('\n')[4].trim();
    const other = JSON.parse(first);
    other.usage.completion_tokens += 1;
    other.usage.total_tokens += 1;
    const tail = `${first}\n${JSON.stringify(other)}\n`;
    const short = join(dir, 'conflict-short.jsonl');
    writeFileSync(short, `{}\n${tail}`);
    const long = join(dir, 'conflict-long.jsonl');
    writeFileSync(long, `${'x'.repeat(MAX_LINE_BYTES + 1)}\n${tail}`);
    const want = await audit(join(dir, 'conflict-short'), 1, undefined, short);
    expect(want.tally.conflicting_versions).toBe(2);
    for (const [out, workers] of [
      ['conflict-long-one', 1],
      ['conflict-long-two', 2],
    ] as const) {
      const got = await audit(join(dir, out), workers, 1 << 20, long);
      expect(got.tally).toEqual(want.tally);
      expect(readFileSync(join(dir, out, 'statement.json')).equals(readFileSync(join(dir, 'conflict-short', 'statement.json'))), out).toBe(true);
    }
  }, 300_000);

  it('audits the bytes a growing log had when the audit began, and says so (TMS-A-001)', async () => {
    // A live log appended to during the audit: its last line was still being written (no LF).
    // The workers read, and the inputs record hashes, exactly the bytes present at the start.
    const live = join(dir, 'live.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean).slice(0, 120);
    const start = `${lines.slice(0, 100).join('\n')}\n${lines[100].slice(0, 30)}`;
    writeFileSync(live, start);
    const snapshot = join(dir, 'snapshot.jsonl');
    writeFileSync(snapshot, start);
    const inner = await workerJudge(2, { sheetPath: resolve(SHEET), period, shard: null, transcripts: null, recount: true });
    let appended = false;
    const judge = {
      ...inner,
      judgeRange: (r: Parameters<NonNullable<typeof inner.judgeRange>>[0]) => {
        if (!appended) appendFileSync(live, `${lines[100].slice(30)}\n${lines.slice(101).join('\n')}\n`);
        appended = true;
        return inner.judgeRange!(r);
      },
    };
    const run = (file: string, j: LineJudge | undefined) => runOn(file, j, 997);
    const grown = await run(live, judge);
    const still = await run(snapshot, undefined);
    expect(appended).toBe(true);
    expect(grown.partial.inputs.files[0]).toEqual({ ...still.partial.inputs.files[0], path: live });
    expect(grown.partial.inputs.files[0].sha256).toBe(createHash('sha256').update(start).digest('hex'));
    expect(grown.partial.tally).toEqual(still.partial.tally);
    expect(grown.partial.tally.invalid).toBe(1); // the cut-off line, as it stood
    grown.leaves.release();
    still.leaves.release();
    // A log cut short meanwhile cannot be the file the audit began with: exit 2, not a crash.
    const fresh = await workerJudge(2, { sheetPath: resolve(SHEET), period, shard: null, transcripts: null, recount: true });
    const cut = {
      ...fresh,
      judgeRange: (r: Parameters<NonNullable<typeof fresh.judgeRange>>[0]) => {
        truncateSync(snapshot, 10);
        return fresh.judgeRange!(r);
      },
    };
    await expect(run(snapshot, cut)).rejects.toThrow(/shrank while it was audited/);
    // A worker that finds the log cut short crosses an input error (exit 2), not an internal one.
    const judge2 = await workerJudge(1, { sheetPath: resolve(SHEET), period, shard: null, transcripts: null, recount: true });
    try {
      await expect(judge2.judgeRange!({ path: snapshot, file: 0, start: 0, end: 100, size: 100 })).rejects.toMatchObject({
        code: 'input-unreadable',
        exitCode: 2,
        location: { file: snapshot },
      });
    } finally {
      await judge2.close();
    }
  }, 300_000);
});
