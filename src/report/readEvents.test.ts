import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/errors.js';
import { readEvents } from './readEvents.js';
import { writeSyntheticRun } from '../testing/syntheticRun.js';

async function run(): Promise<{ dir: string; file: string; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tokencert-events-'));
  await writeSyntheticRun(dir);
  const file = join(dir, 'events.jsonl');
  return { dir, file, lines: readFileSync(file, 'utf8').trimEnd().split('\n') };
}

async function inputError(dir: string): Promise<InputError> {
  try {
    await readEvents(dir);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('readEvents (TMS-C-200, TMS-C-208)', () => {
  it('reads every event of a complete run and digests the file bytes', async () => {
    const { dir, lines } = await run();
    const r = await readEvents(dir);
    expect(r.events).toHaveLength(lines.length);
    expect(r.problems).toEqual([]);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('TMS-C-208: a cut-off last line is a problem with file and line, and the events before it are kept', async () => {
    const { dir, file, lines } = await run();
    writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n${lines.at(-1)!.slice(0, 20)}`);
    const r = await readEvents(dir);
    expect(r.events).toHaveLength(lines.length - 1);
    expect(r.problems).toEqual([{ file, line: lines.length, message: expect.stringMatching(/truncated last line/) }]);
  });

  it('TMS-C-208: a last line cut inside a multi-byte character is also a truncated line, not an encoding error', async () => {
    const { dir, file, lines } = await run();
    const cut = Buffer.from(`${lines.slice(0, -1).join('\n')}\n{"v":1,"message":"日本`);
    writeFileSync(file, cut.subarray(0, cut.length - 1));
    const r = await readEvents(dir);
    expect(r.problems.map((p) => p.line)).toEqual([lines.length]);
  });

  it('invalid UTF-8 in a complete line is an input error naming the line (TMS-C-005)', async () => {
    const { dir, file, lines } = await run();
    writeFileSync(file, Buffer.concat([Buffer.from(`${lines[0]}\n`), Buffer.from([0x7b, 0xff, 0x7d, 0x0a])]));
    const e = await inputError(dir);
    expect(e.code).toBe('input-encoding');
    expect(e.location).toMatchObject({ file, line: 2 });
  });

  it('a malformed line that is not the cut-off last one is an input error naming file and line', async () => {
    const { dir, file, lines } = await run();
    writeFileSync(file, `${lines[0]}\n{"v":1,\n${lines.slice(1).join('\n')}\n`);
    const e = await inputError(dir);
    expect(e.code).toBe('input-syntax');
    expect(e.location).toMatchObject({ file, line: 2 });
  });

  it('an unknown event type is an input error naming line and pointer /type', async () => {
    const { dir, file, lines } = await run();
    writeFileSync(file, `${lines.slice(0, 2).join('\n')}\n{"v":1,"seq":3,"type":"party","time":"2026-01-01T00:00:00Z"}\n`);
    const e = await inputError(dir);
    expect(e.toLine()).toBe(
      `${file}:3 /type: invalid event: unknown event type "party"; known: run_started, case_started, exchange, result, metric, note, run_finished [input-invalid]`,
    );
  });

  it('an invalid field, a broken sequence or a missing run_started is an input error with its pointer', async () => {
    const { dir, file, lines } = await run();
    writeFileSync(file, `${lines[0]}\n${lines[1].replace('"case_id"', '"case"')}\n`);
    expect((await inputError(dir)).location).toMatchObject({ line: 2, pointer: expect.stringMatching(/^\/case(_id)?$/) });
    writeFileSync(file, `${lines[0]}\n${lines[2]}\n`);
    expect((await inputError(dir)).location).toMatchObject({ line: 2, pointer: '/seq' });
    writeFileSync(file, `${lines[1].replace('"seq":2', '"seq":1')}\n`);
    expect((await inputError(dir)).location).toMatchObject({ line: 1, pointer: '/type' });
    writeFileSync(file, '');
    expect((await inputError(dir)).message).toMatch(/no events/);
  });
});
