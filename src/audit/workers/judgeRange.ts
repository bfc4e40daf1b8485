import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { splitLines } from '../../io/readLines.js';
import { processLine, type LineContext, type LineOutcome } from '../core/processLine.js';

/** A byte range of a plain JSON-lines log that one worker reads and judges on its own (TMS-A-010). */
export interface ByteRange {
  readonly path: string;
  readonly file: number;
  readonly start: number;
  readonly end: number;
}

/** The offset just after the first LF at or after `from` (the file size when there is none). */
async function afterNewline(path: string, from: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    let pos = from;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return pos;
      const i = buf.subarray(0, bytesRead).indexOf(10);
      if (i >= 0) return pos + i + 1;
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Judges the lines that START in [start, end) of a plain JSON-lines file: a line straddling `start`
 * belongs to the range before, one straddling `end` to this one, so consecutive ranges split the
 * file into its lines exactly once. Outcomes come back one per line, in order, with line numbers
 * relative to the range (1 = its first line); the caller adds the lines of earlier ranges. A skipped
 * line says why (blank, or another shard's), since the caller never sees its bytes.
 */
export async function judgeRange(r: ByteRange, ctx: LineContext): Promise<LineOutcome[]> {
  const from = r.start === 0 ? 0 : await afterNewline(r.path, r.start - 1);
  if (from >= r.end && r.start !== 0) return [];
  const to = await afterNewline(r.path, r.end - 1); // exclusive: just past the LF ending the last owned line
  if (to <= from) return [];
  const outs: LineOutcome[] = [];
  for await (const l of splitLines(createReadStream(r.path, { start: from, end: to - 1, highWaterMark: 1 << 20 }))) {
    const o = processLine({ file: r.file, line: l.line, bytes: l.bytes }, ctx);
    outs.push(o.t === 'skip' && o.why === undefined ? { t: 'skip', why: isBlank(l.bytes) ? 'blank' : 'other' } : o);
  }
  return outs;
}

/** A line of spaces, tabs and CRs only (blank, TMS-A-001). */
export function isBlank(b: Uint8Array): boolean {
  for (const c of b) if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  return true;
}
