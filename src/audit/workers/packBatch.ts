import type { CsvHeader } from '../read/csvRecord.js';
import type { RawLine } from '../core/processLine.js';

/** A batch of lines packed into one buffer so it crosses to a worker as a single transfer. */
export interface PackedBatch {
  data: Uint8Array;
  /** Per line: file, line number, start, end. */
  meta: Uint32Array;
  /** CSV header per file index, when the file is CSV. */
  csv: Record<number, CsvHeader>;
  /** File indexes whose lines are OTLP span items. */
  otlp: number[];
}

/** Packs lines (their bytes are copied out of the read buffers). */
export function packBatch(lines: readonly RawLine[]): PackedBatch {
  let size = 0;
  for (const l of lines) size += l.bytes.length;
  const data = new Uint8Array(size);
  const meta = new Uint32Array(lines.length * 4);
  const csv: Record<number, CsvHeader> = {};
  const otlp = new Set<number>();
  let o = 0;
  lines.forEach((l, i) => {
    data.set(l.bytes, o);
    meta[i * 4] = l.file;
    meta[i * 4 + 1] = l.line;
    meta[i * 4 + 2] = o;
    meta[i * 4 + 3] = o + l.bytes.length;
    o += l.bytes.length;
    if (l.csv) csv[l.file] = l.csv;
    if (l.otlp) otlp.add(l.file);
  });
  return { data, meta, csv, otlp: [...otlp] };
}

/** Unpacks a batch into lines viewing the one buffer. */
export function unpackBatch(b: PackedBatch): RawLine[] {
  const out: RawLine[] = [];
  const otlp = new Set(b.otlp);
  for (let i = 0; i < b.meta.length / 4; i++) {
    const file = b.meta[i * 4];
    out.push({
      file,
      line: b.meta[i * 4 + 1],
      bytes: b.data.subarray(b.meta[i * 4 + 2], b.meta[i * 4 + 3]),
      ...(b.csv[file] ? { csv: b.csv[file] } : {}),
      ...(otlp.has(file) ? { otlp: true } : {}),
    });
  }
  return out;
}
