import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { safeValidate } from '../schemas/registry.js';
import { Reporter } from './Reporter.js';
import { SYNTHETIC_KEY, writeSyntheticRun } from '../testing/syntheticRun.js';

// writeSync fails with ENOSPC while disk.full is set.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (original) => (await import('../testing/fullDisk.js')).fullDiskFs(await original<typeof import('node:fs')>(), disk));

const tmp = () => mkdtempSync(join(tmpdir(), 'tokencert-reporter-'));
const start = {
  run_id: 'r',
  kind: 'probe' as const,
  tool: { name: 'tokencert', version: '0.1.0' },
  spec_version: '0.1.0',
  suite: { name: 's', version: '1', sha256: 'a'.repeat(64) },
  target: { name: 't' },
  vectors_manifest_sha256: 'b'.repeat(64),
  options: {},
};

describe('Reporter (TMS-C-200)', () => {
  it('writes one schema-valid event per line with v, seq from 1, type and UTC time', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir);
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((l) => JSON.parse(l) as { v: number; seq: number; type: string; time: string });
    events.forEach((e, i) => {
      expect(safeValidate('event', e)).toEqual({ ok: true });
      expect(e).toMatchObject({ v: 1, seq: i + 1 });
      expect(e.time).toMatch(/Z$/);
    });
    expect(events[0].type).toBe('run_started');
    expect(events.at(-1)!.type).toBe('run_finished');
  });

  it('TMS-C-207: scrubs the API key from every field and credential-named options, and secret URL parameters', async () => {
    const dir = tmp();
    await writeSyntheticRun(dir);
    const text = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    expect(text).not.toContain(SYNTHETIC_KEY);
    const first = JSON.parse(text.split('\n')[0]) as { options: Record<string, unknown>; target: { base_url: string } };
    expect(first.options).toMatchObject({ api_key: '[redacted]', authorization: '[redacted]', max_tokens: 16, note: 'key is [redacted]' });
    expect(first.target.base_url).toBe('http://127.0.0.1:9/v1?key=%5Bredacted%5D');
  });

  it('rejects a malformed event as a bug in the caller, naming the method and pointer, and writes nothing for it', async () => {
    const dir = tmp();
    const r = await Reporter.open(dir);
    r.runStarted(start);
    expect(() =>
      r.result({
        case_id: 'c',
        check: 'x',
        title: 't',
        requirements: ['TMS-C-200'],
        level: 'MUST',
        classes: ['counter'],
        status: 'pass',
        evidence: { surprise: 1 } as never,
      }),
    ).toThrow(/Reporter\.result: invalid event: \/evidence\/surprise unknown property/);
    expect(() => r.note({ level: 'loud' as never, message: 'm' })).toThrow(/Reporter\.note: .*\/level/);
    r.runFinished({ duration_ms: 1, stopped: null });
    await r.close();
    expect(readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('enforces run_started first and nothing after run_finished', async () => {
    const r = await Reporter.open(tmp());
    expect(() => r.note({ level: 'info', message: 'early' })).toThrow(/runStarted must be the first event/);
    r.runStarted(start);
    expect(() => r.runStarted(start)).toThrow(/already started/);
    r.runFinished({ duration_ms: 0, stopped: { reason: 'interrupted', message: 'SIGINT' } });
    expect(() => r.note({ level: 'info', message: 'late' })).toThrow(/already finished/);
    await r.close();
    await r.close();
    expect(r.count).toBe(2);
  });

  it('TMS-C-004: an event that cannot be written for a full disk is an output error saying so and naming the events file (exit 2)', async () => {
    const dir = tmp();
    const r = await Reporter.open(dir);
    disk.full = true;
    try {
      expect(() => r.runStarted(start)).toThrow(
        expect.objectContaining({
          code: 'output-unwritable',
          exitCode: 2,
          location: { file: join(dir, 'events.jsonl') },
          message: 'no space left on device (ENOSPC): cannot write events; free space or choose another output location',
        }),
      );
    } finally {
      disk.full = false;
    }
    await r.close();
  });
});
