import { createHash } from 'node:crypto';
import { InputError } from '../errors/errors.js';
import { errorMessage } from '../io/errnoCode.js';
import { decodeUtf8 } from '../io/readText.js';
import type { AuditBook } from './core/AuditBook.js';
import type { AuditInputs } from './core/partial.js';
import type { LineOutcome, RawLine } from './core/processLine.js';
import { lineShardKey, shardOf } from './core/shardOf.js';
import { parseCsvHeader, type CsvHeader } from './read/csvRecord.js';
import { looksLikeOtlp } from './read/otlpGenAi.js';
import { isJsonDocumentFile, otlpRawLines } from './read/otlpRawLines.js';
import { parseCsvLine } from './read/parseCsvLine.js';
import { readSourceLines, sourceFormat, type SourceLine } from './read/readSourceLines.js';
import { StdinCopy } from './read/StdinCopy.js';
import type { LineJudge, RunAuditOptions } from './runAudit.js';
import { isBlank } from './workers/judgeRange.js';

/** What reading one file as a stream needs from its audit. */
export interface StreamContext {
  readonly o: RunAuditOptions;
  readonly book: AuditBook;
  readonly judge: LineJudge;
  /** Lines per batch handed to the judge. */
  readonly size: number;
  /** Batches in flight before the oldest is consumed. */
  readonly depth: number;
  /** Files read as OTLP exports, and whether as one document, so a re-read expands them alike. */
  readonly otlpFiles: Map<number, boolean>;
  /** Copies of standard input by file number, for reading its lines again (StdinCopy). */
  readonly stdinCopies: Map<number, StdinCopy>;
}

/** Batches being judged, consumed strictly in submission order so the book sees input order (TMS-A-010). */
class BatchPipe {
  private batch: RawLine[] = [];
  private readonly inflight: { lines: RawLine[]; outs: Promise<LineOutcome[]> }[] = [];

  constructor(
    private readonly ctx: StreamContext,
    private readonly fi: number,
  ) {}

  async push(r: RawLine): Promise<void> {
    this.batch.push(r);
    if (this.batch.length >= this.ctx.size) await this.flush(false);
  }

  /** Hands the open batch to the judge, then consumes batches until at most `depth` (none when draining) are in flight. */
  async flush(drain: boolean): Promise<void> {
    if (this.batch.length > 0) {
      this.inflight.push({ lines: this.batch, outs: this.ctx.judge.judge(this.batch) });
      this.batch = [];
    }
    while (this.inflight.length > (drain ? 0 : this.ctx.depth)) await this.consume();
  }

  private async consume(): Promise<void> {
    const { o, book } = this.ctx;
    const head = this.inflight.shift();
    if (head === undefined) return;
    const outs = await head.outs;
    for (let i = 0; i < outs.length; i++) {
      const out = outs[i];
      if (out.t === 'bad' && o.failFast)
        throw new InputError('input-invalid', `${out.message} (--fail-fast)`, { file: o.files[this.fi], line: out.line, pointer: out.pointer });
      book.add(out, this.fi);
      if (out.t === 'skip') book.skipped(out.why ?? (isBlank(head.lines[i].bytes) ? 'blank' : 'other'));
    }
    o.progress?.lines(head.lines.length);
  }
}

/**
 * What OTLP auto-detection (TMS-A-015) reads of a file's first non-blank line: its first 64 bytes
 * as UTF-8. The one rule for the streaming reader and the range reader (readRanges).
 */
export function lineHead(line: Uint8Array): string {
  return Buffer.from(line.subarray(0, 64)).toString('utf8');
}

/**
 * Accounts a line the reader could not deliver: an over-long line is one invalid line and reading
 * goes on; a damaged stream ends the file (TMS-C-012). Like any line without an id, the damage is
 * reported by the shard its place hashes to. Returns whether the file ends here.
 */
export function accountUnreadable(ctx: Pick<StreamContext, 'o' | 'book'>, fi: number, l: Extract<SourceLine, { ok: false }>): boolean {
  const { o, book } = ctx;
  const file = o.files[fi];
  if (o.failFast) throw new InputError(l.code === 'line-too-long' ? 'input-invalid' : l.code, l.message, { file, line: l.line });
  book.tally.lines++;
  if (o.shard && shardOf(lineShardKey(undefined, fi, l.line), o.shard.count) !== o.shard.index) {
    book.tally.other_shards++;
  } else {
    book.tally.invalid++;
    book.findings.push({
      kind: 'invalid-line',
      record_id: null,
      field: '(stream)',
      billed: null,
      recomputed: null,
      impact: null,
      location: { file, line: l.line },
      message: l.message,
    });
  }
  return l.code !== 'line-too-long';
}

/** A line without a leading UTF-8 byte order mark. */
function withoutBom(b: Buffer): Buffer {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

/** The header of a CSV log from its first line (a byte order mark left out); the re-read takes it here too. */
export function csvHeaderOf(bytes: Buffer, file: string): CsvHeader {
  let text: string;
  try {
    text = decodeUtf8(withoutBom(bytes), file);
  } catch (e) {
    throw new InputError('input-encoding', errorMessage(e), { file, line: 1 });
  }
  const f = parseCsvLine(text);
  if (!f.ok) throw new InputError('input-invalid', `malformed CSV header: ${f.message}`, { file, line: 1, column: f.column });
  return parseCsvHeader(f.fields, file);
}

/**
 * Reads file `fi` of the audit as a stream of lines (JSON lines, CSV or OTLP GenAI exports, gzip or
 * not), judges them in batches and feeds the outcomes to the book in input order; returns the
 * file's entry in the inputs, with the digest of its bytes as stored (identical for every run over
 * the same log).
 */
export async function auditStream(ctx: StreamContext, fi: number): Promise<AuditInputs['files'][number]> {
  const { o, book } = ctx;
  const file = o.files[fi];
  const hash = createHash('sha256');
  let bytes = 0;
  const csv = sourceFormat(file).startsWith('csv');
  let header: CsvHeader | undefined;
  let blankFirst = false; // the CSV's first line is blank: it is empty, unless rows follow
  let otlp: boolean | undefined = csv ? false : o.format === 'otlp-genai' ? true : undefined;
  const docFile = isJsonDocumentFile(file);
  let doc: Buffer[] | undefined;
  const pipe = new BatchPipe(ctx, fi);
  const copy = file === '-' ? new StdinCopy() : undefined;
  if (copy) ctx.stdinCopies.set(fi, copy);
  const onChunk = (c: Buffer): void => {
    copy?.write(c);
    hash.update(c);
    bytes += c.length;
    o.progress?.bytes(c.length);
  };
  for await (const l of readSourceLines(file, onChunk, copy?.path)) {
    if (!l.ok) {
      await pipe.flush(true);
      if (accountUnreadable(ctx, fi, l)) break;
      continue;
    }
    if (csv && header === undefined) {
      // The header line (read and used, not a record), or a blank line of a file that may have no
      // header at all: an empty CSV (0 bytes, blank lines, a BOM) is an empty log, like an empty
      // JSON-lines part. A blank first line before data is still a broken header, reported at line 1.
      book.tally.lines++;
      book.tally.blank++;
      if (isBlank(withoutBom(l.bytes))) {
        blankFirst = true;
        continue;
      }
      if (blankFirst) throw new InputError('input-invalid', 'the CSV header line is blank, yet rows follow', { file, line: 1 });
      header = csvHeaderOf(l.bytes, file);
      continue;
    }
    if (otlp === undefined && !isBlank(l.bytes)) {
      // Auto-detection (TMS-A-015): an export starts with its resourceSpans member; a .json document may open with a lone brace.
      const head = lineHead(l.bytes);
      otlp = looksLikeOtlp(head) || (docFile && head.trim() === '{');
    }
    if (otlp) {
      ctx.otlpFiles.set(fi, docFile);
      if (docFile) {
        (doc ??= []).push(Buffer.from(l.bytes), Buffer.from('\n'));
        continue;
      }
      for (const r of otlpRawLines(fi, l.line, l.bytes)) await pipe.push(r);
      continue;
    }
    await pipe.push({ file: fi, line: l.line, bytes: l.bytes, ...(header ? { csv: header } : {}) });
  }
  copy?.close();
  // A whole-document export is expanded once it is read; its spans are placed at line 1 and told apart by pointer.
  if (doc) for (const r of otlpRawLines(fi, 1, Buffer.concat(doc))) await pipe.push(r);
  await pipe.flush(true);
  return { path: file, sha256: hash.digest('hex'), bytes };
}
