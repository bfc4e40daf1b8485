import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicLineWriter } from './AtomicLineWriter.js';

// The signal handlers exist only while some temporary output is registered (tempPaths.ts), so
// their count shows whether the writer's temporary file would be removed on an interruption.
describe('AtomicLineWriter', () => {
  it('TMS-C-008: registers its temporary file for removal on interruption until it commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-alw-'));
    const before = process.listenerCount('SIGTERM');
    const w = await AtomicLineWriter.open(join(dir, 'out.jsonl'));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    await w.line('{"a":1}');
    await w.commit();
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8')).toBe('{"a":1}\n');
  });

  it('TMS-C-004: an aborted writer leaves nothing and no registration behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-alw-'));
    const before = process.listenerCount('SIGTERM');
    const w = await AtomicLineWriter.open(join(dir, 'out.jsonl'));
    await w.line('{"a":1}');
    await w.abort();
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });
});
