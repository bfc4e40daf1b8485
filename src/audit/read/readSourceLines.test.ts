// Exact line numbers of plain and gzip logs, and damaged streams reported, not dropped (TMS-A-001, TMS-C-003).
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatOf, readSourceLines, sourceFormat } from './readSourceLines.js';

const dir = mkdtempSync(join(tmpdir(), 'tokencert-read-'));
const collect = async (path: string) => {
  const out: (string | { error: number; message: string })[] = [];
  for await (const l of readSourceLines(path)) out.push(l.ok ? `${l.line}:${Buffer.from(l.bytes).toString()}` : { error: l.line, message: l.message });
  return out;
};

describe('readSourceLines (TMS-A-001)', () => {
  it('numbers lines of a plain file, CRLF and a last line without LF', async () => {
    writeFileSync(join(dir, 'a.jsonl'), 'one\r\ntwo\n\nfour');
    expect(await collect(join(dir, 'a.jsonl'))).toEqual(['1:one', '2:two', '3:', '4:four']);
  });

  it('numbers the decompressed lines of a gzip file', async () => {
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`).join('\n');
    writeFileSync(join(dir, 'b.jsonl.gz'), gzipSync(text));
    const lines = await collect(join(dir, 'b.jsonl.gz'));
    expect(lines).toHaveLength(5000);
    expect(lines[4999]).toBe('5000:line 5000');
  });

  it('decompresses gzip content by its magic bytes whatever the name; shorter or other bytes stay text (TMS-A-001)', async () => {
    for (const name of ['part-00000.jsonl', 'part-00000.csv', 'part-00000']) {
      writeFileSync(join(dir, name), gzipSync('one\ntwo\n'));
      expect(await collect(join(dir, name)), name).toEqual(['1:one', '2:two']);
    }
    writeFileSync(join(dir, 'empty.jsonl'), '');
    expect(await collect(join(dir, 'empty.jsonl'))).toEqual([]);
    writeFileSync(join(dir, 'one-byte.jsonl'), Buffer.from([0x1f]));
    expect(await collect(join(dir, 'one-byte.jsonl'))).toEqual(['1:\x1f']);
    writeFileSync(join(dir, 'not-gzip.jsonl'), Buffer.from([0x1f, 0x41, 0x0a]));
    expect(await collect(join(dir, 'not-gzip.jsonl'))).toEqual(['1:\x1fA']);
    expect([formatOf('a.csv', gzipSync('')), formatOf('a.jsonl', gzipSync('')), formatOf('a.csv', Buffer.from('x,y'))]).toEqual(['csv.gz', 'jsonl.gz', 'csv']);
  });

  it('ends a truncated gzip file with one error naming the first lost line (TMS-C-003)', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => `{"n":${i + 1},"pad":"${'x'.repeat(40)}"}`).join('\n');
    const gz = gzipSync(text);
    writeFileSync(join(dir, 'c.gz'), gz.subarray(0, gz.length >> 1));
    const out = await collect(join(dir, 'c.gz'));
    const last = out[out.length - 1] as { error: number; message: string };
    expect(typeof last).toBe('object');
    expect(last.error).toBe(out.length);
    expect(last.message).toMatch(/^gzip stream is truncated: line \d+ and everything after it is lost$/);
    expect(out.length).toBeLessThan(20000);
  });

  it('reads every line before bytes that are not gzip after the last of several members, then one error for those bytes, as gzip -d does (TMS-C-003)', async () => {
    // Lines of hex digests compress little, so the step that meets the junk had many lines in it.
    const lines = Array.from({ length: 6000 }, (_, i) => `${i + 1} ${createHash('sha256').update(String(i)).digest('hex')}`);
    const members = [gzipSync(`${lines.slice(0, 2500).join('\n')}\n`), gzipSync(`${lines.slice(2500).join('\n')}\n`)];
    writeFileSync(join(dir, 'junk.gz'), Buffer.concat([...members, Buffer.from('trailing bytes, not gzip\n'.repeat(100))]));
    const out = await collect(join(dir, 'junk.gz'));
    expect(out.slice(0, -1)).toEqual(lines.map((l, i) => `${i + 1}:${l}`));
    expect(out[out.length - 1]).toEqual({ error: 6001, message: expect.stringMatching(/^gzip stream is corrupt \(Z_DATA_ERROR\): line 6001 /) });
  });

  it('chooses the format by extension', () => {
    expect(['x.csv', 'x.CSV.gz', 'x.jsonl.gz', 'x.ndjson', '-'].map(sourceFormat)).toEqual(['csv', 'csv.gz', 'jsonl.gz', 'jsonl', 'jsonl']);
  });
});
