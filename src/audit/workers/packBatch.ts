import type { CsvHeader } from '../read/csvRecord.js';
import type { RawLine } from '../core/processLine.js';

/** A batch of lines packed into one buffer so it crosses to a worker as a single transfer. */
export interface PackedBatch {
  data: Uint8Array;
  /** Per line: file, line number, start, end, and 1 when the line is an OTLP span item. */
  meta: Uint32Array;
  /** CSV header per file index, when the file is CSV. */
  csv: Record<number, CsvHeader>;
}

/** Numbers per line in `meta`. */
const M = 5;

/** Packs lines (their bytes are copied out of the read buffers). */
export function packBatch(lines: readonly RawLine[]): PackedBatch {
  let size = 0;
  for (const l of lines) size += l.bytes.length;
  const data = new Uint8Array(size);
  const meta = new Uint32Array(lines.length * M);
  const csv: Record<number, CsvHeader> = {};
  let o = 0;
  lines.forEach((l, i) => {
    data.set(l.bytes, o);
    meta[i * M] = l.file;
    meta[i * M + 1] = l.line;
    meta[i * M + 2] = o;
    meta[i * M + 3] = o + l.bytes.length;
    // Per line, not per file: a file's lines before its OTLP export was recognised (blank ones) are plain lines.
    meta[i * M + 4] = l.otlp ? 1 : 0;
    o += l.bytes.length;
    if (l.csv) csv[l.file] = l.csv;
  });
  return { data, meta, csv };
}

/** Unpacks a batch into lines viewing the one buffer. */
export function unpackBatch(b: PackedBatch): RawLine[] {
  const out: RawLine[] = [];
  for (let i = 0; i < b.meta.length / M; i++) {
    const file = b.meta[i * M];
    out.push({
      file,
      line: b.meta[i * M + 1],
      bytes: b.data.subarray(b.meta[i * M + 2], b.meta[i * M + 3]),
      ...(b.csv[file] ? { csv: b.csv[file] } : {}),
      ...(b.meta[i * M + 4] === 1 ? { otlp: true } : {}),
    });
  }
  return out;
}
