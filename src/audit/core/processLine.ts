import { errorMessage } from '../../io/errnoCode.js';
import { nativeEvents } from '../../pricing/nativeEvents.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestJson } from '../../digest/sha256.js';
import { countChat, type ChatMessage } from '../../measure/countChat.js';
import { safeEncodingForModel } from '../../measure/encodingForModel.js';
import { totalInput } from '../../measure/usageTotals.js';
import { Decimal } from '../../money/Decimal.js';
import { priceUsage } from '../../pricing/priceUsage.js';
import type { PriceLine, PriceSheet } from '../../pricing/types.js';
import type { MeasurementRecord, Usage } from '../../schemas/types.gen.js';
import { compareInstants, parseInstant, type Instant } from '../../settlement/instant.js';
import { hash } from 'node:crypto';
import { fastCanonicalJson } from '../../digest/fastCanonicalJson.js';
import { decodeUtf8 } from '../../io/readText.js';
import { csvRecord, type CsvHeader } from '../read/csvRecord.js';
import { normaliseLine, type NormalisedLine } from '../read/normaliseLine.js';
import type { DeclaredConvention } from '../../measure/usageConventions.js';
import { parseCsvLine } from '../read/parseCsvLine.js';
import type { SpanItem } from '../read/otlpGenAi.js';
import { lineShardKey, shardOf, type ShardSpec } from './shardOf.js';

/** What every line is judged against. */
export interface LineContext {
  readonly sheet: PriceSheet;
  readonly from: Instant;
  readonly until: Instant;
  readonly shard: ShardSpec | undefined;
  readonly transcripts: string | undefined;
  /** False to skip recounting even where content is available (--no-recount). */
  readonly recount: boolean;
  /** The declared usage convention variant native lines are read under (--convention, TMS-M-056). */
  readonly convention?: DeclaredConvention;
  /**
   * False when lines without a record id are not to be sharded here: their shard key is their
   * place (file and line), and a worker judging a byte range knows only its range-relative line.
   */
  readonly shardPlaceless?: boolean;
}

/** One physical line to judge; `csv` is the file's header when the file is CSV. */
export interface RawLine {
  readonly file: number;
  readonly line: number;
  readonly bytes: Uint8Array;
  readonly csv?: CsvHeader;
  /** True when the bytes are one span item of an OTLP GenAI export (JSON of a SpanItem, TMS-A-015). */
  readonly otlp?: boolean;
}

/** A recount that differs from the reported count (TMS-A-004). */
export interface RecountFinding {
  readonly field: string;
  readonly reported: number;
  readonly recounted: number;
  /** Price of the reported usage minus the price of the recounted one, when both price. */
  readonly impact: string | null;
  readonly source: 'request' | 'transcript';
}

/**
 * On a record outcome a worker packed (packOutcomes): SHA-256 of its id then its digest, 64 bytes,
 * so the merging thread neither hashes the id nor decodes the hex digest. A symbol: never written
 * to JSON (spill files), kept by object spread.
 */
export const REC_KEYS: unique symbol = Symbol('rec-keys');

/** The auditor's verdict on one line; cloneable so workers can send it. */
export type LineOutcome =
  | { readonly t: 'skip'; readonly why?: 'not-genai' | 'no-usage' | 'blank' | 'other' }
  | {
      readonly t: 'bad';
      readonly line: number;
      readonly pointer: string;
      readonly message: string;
      readonly id?: string;
      /** A line over the length limit, which a worker could not read (accounted as the stream reader accounts it, TMS-C-012). */
      readonly tooLong?: true;
    }
  | {
      readonly t: 'rec';
      readonly line: number;
      readonly id: string;
      readonly sha: string;
      readonly time: string;
      readonly period: 'in' | 'before-period' | 'after-period';
      readonly model: string;
      readonly tier: string;
      readonly priced: { ok: true; entry: string; currency: string; lines: PriceLine[]; total: string } | { ok: false; code: string; message: string };
      readonly recount?: RecountFinding;
      readonly cost?: { currency: string; amount: string };
      /** Records of other models' iterations in the same response (Anthropic advisor, TMS-M-058), judged alike. */
      readonly companions?: readonly Extract<LineOutcome, { t: 'rec' }>[];
      readonly [REC_KEYS]?: Uint8Array;
    };

/** Parses the bytes of one line into a normalised record (strict UTF-8, TMS-C-005). */
function parseLine(raw: RawLine, convention: DeclaredConvention | undefined): NormalisedLine | 'blank' {
  let text: string;
  try {
    text = decodeUtf8(raw.bytes, '');
  } catch (e) {
    return { ok: false, pointer: '', message: errorMessage(e) };
  }
  if (text.trim() === '') return 'blank';
  if (raw.csv) {
    const f = parseCsvLine(text);
    if (!f.ok) return { ok: false, pointer: '', message: `malformed CSV at column ${f.column}: ${f.message}` };
    return csvRecord(raw.csv, f.fields);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = errorMessage(e).replace(/^JSON\.parse: /, '');
    return { ok: false, pointer: '', message: `malformed JSON (truncated or corrupt line): ${msg}` };
  }
  return normaliseLine(value, convention);
}

/**
 * One span item of an OTLP GenAI export, as the reader expanded it (JSON of a SpanItem): a record
 * is validated like any tokencert record; the others say why the span bills nothing (TMS-A-016).
 */
function otlpLine(raw: RawLine): NormalisedLine | 'blank' | 'not-genai' | { noUsage: true; id?: string } {
  if (raw.bytes.length === 0) return 'blank';
  const item = JSON.parse(Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength).toString('utf8')) as SpanItem;
  if (item.t === 'not-genai') return 'not-genai';
  if (item.t === 'no-usage') return { noUsage: true, ...(item.id !== undefined ? { id: item.id } : {}) };
  if (item.t === 'bad') return { ok: false, pointer: item.pointer, message: item.message, ...(item.id !== undefined ? { id: item.id } : {}) };
  return normaliseLine(item.record);
}

/** The request body behind a record: inline in the line, or a transcript named by its digest. */
function requestOf(
  n: Extract<NormalisedLine, { ok: true }>,
  dir: string | undefined,
): { body: Record<string, unknown>; source: 'request' | 'transcript' } | undefined {
  if (n.request) return { body: n.request, source: 'request' };
  const sha = n.record.request_sha256;
  if (!dir || !sha) return undefined;
  const path = join(dir, `${sha}.json`);
  if (!existsSync(path)) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    // A transcript is only evidence if it is the request the record commits to (TMS-M-042).
    if (digestJson(body) !== sha) return undefined;
  } catch {
    // Unreadable, not JSON or not canonicalisable: not that request either (it crashed the audit).
    return undefined;
  }
  return { body, source: 'transcript' };
}

/** The usage with `delta` tokens taken off fresh text input (the cell a recount corrects). */
function correctedUsage(usage: Usage, delta: number): Usage | undefined {
  const cells = usage.cells.map((c) => ({ ...c }));
  const fresh = cells.find((c) => c.direction === 'input' && c.cache === 'none' && c.modality === 'text' && c.phase === undefined);
  if (!fresh || fresh.tokens - delta < 0) return undefined;
  fresh.tokens -= delta;
  return { cells };
}

/** Recounts the input of an OpenAI Chat request when its tokenizer is public (TMS-A-004). */
function recount(rec: MeasurementRecord, n: Extract<NormalisedLine, { ok: true }>, ctx: LineContext, total: string | undefined): RecountFinding | undefined {
  if (rec.api !== undefined && rec.api !== 'openai-chat') return undefined;
  if (safeEncodingForModel(rec.model) === undefined) return undefined;
  const req = requestOf(n, ctx.transcripts);
  if (!req) return undefined;
  let counted: number;
  try {
    counted = countChat({
      model: rec.model,
      messages: req.body.messages as ChatMessage[],
      ...(Array.isArray(req.body.tools) ? { tools: req.body.tools as never } : {}),
    }).total;
  } catch {
    return undefined; // content without a public counting rule (images, unknown parts): not recounted
  }
  const reported = totalInput(rec.usage);
  if (counted === reported) return undefined;
  let impact: string | null = null;
  const fixed = correctedUsage(rec.usage, reported - counted);
  if (fixed && total !== undefined) {
    const events = rec.api && rec.native_usage ? nativeEvents(rec.native_usage) : undefined;
    const p = priceUsage(ctx.sheet, {
      model: rec.model,
      at: rec.time,
      serviceTier: rec.service_tier,
      usage: fixed,
      ...(events?.ok ? { events: events.events } : {}),
    });
    if (p.ok) impact = Decimal.parse(total).sub(Decimal.parse(p.total)).toString();
  }
  return { field: 'input_tokens', reported, recounted: counted, impact, source: req.source };
}

/**
 * Judges one line: decode, parse, validate, normalise, recount and reprice (TMS-A-002, TMS-A-004,
 * TMS-A-005). Pure apart from reading transcripts, so any worker gives the same outcome.
 */
export function processLine(raw: RawLine, ctx: LineContext): LineOutcome {
  const n = raw.otlp ? otlpLine(raw) : parseLine(raw, ctx.convention);
  if (n === 'blank') return { t: 'skip' };
  if (n === 'not-genai') return { t: 'skip', why: n };
  const id = 'noUsage' in n ? n.id : n.ok ? n.record.record_id : n.id;
  if (ctx.shard && (id !== undefined || ctx.shardPlaceless !== false) && shardOf(lineShardKey(id, raw.file, raw.line), ctx.shard.count) !== ctx.shard.index)
    return { t: 'skip' };
  if ('noUsage' in n) return { t: 'skip', why: 'no-usage' };
  if (!n.ok) return { t: 'bad', line: raw.line, pointer: n.pointer, message: n.message, ...(id !== undefined ? { id } : {}) };
  const rec = n.record;
  const at = parseInstant(rec.time);
  if (!at) return { t: 'bad', line: raw.line, pointer: '/time', message: `time "${rec.time}" is not a valid RFC 3339 UTC instant`, id: rec.record_id };
  const period = compareInstants(at, ctx.from) < 0 ? 'before-period' : compareInstants(at, ctx.until) >= 0 ? 'after-period' : 'in';
  const main = judgeRecord(rec, raw.line, period, ctx, n);
  if (main.t === 'bad' || !n.companions) return main;
  // Other models' iterations bill as those models' records, exactly as settle bills them (TMS-M-058).
  const companions: Rec[] = [];
  for (const c of n.companions) {
    const o = judgeRecord(c, raw.line, period, ctx, undefined);
    if (o.t === 'bad') return { ...o, pointer: `/usage${c.record_id.slice(rec.record_id.length)}`, id: rec.record_id };
    companions.push(o);
  }
  return { ...main, companions };
}

type Rec = Extract<LineOutcome, { t: 'rec' }>;

/** Prices one record of a line and, for the line's own record (`n` given), recounts it and keeps its stated cost. */
function judgeRecord(
  rec: MeasurementRecord,
  line: number,
  period: Rec['period'],
  ctx: LineContext,
  n: Extract<NormalisedLine, { ok: true }> | undefined,
): Rec | Extract<LineOutcome, { t: 'bad' }> {
  // Fee events (web searches) a native usage object reports are billed as settle bills them (TMS-P-012).
  const ev = rec.api && rec.native_usage ? nativeEvents(rec.native_usage) : { ok: true as const, events: {} };
  if (!ev.ok) return { t: 'bad', line, pointer: `/native_usage${ev.pointer}`, message: ev.message, id: rec.record_id };
  let priced: Rec['priced'];
  try {
    const p = priceUsage(ctx.sheet, { model: rec.model, at: rec.time, serviceTier: rec.service_tier, usage: rec.usage, events: ev.events });
    priced = p.ok ? { ok: true, entry: p.entry.id, currency: p.currency, lines: p.lines, total: p.total } : { ok: false, code: p.code, message: p.message };
  } catch (e) {
    return { t: 'bad', line, pointer: '/usage', message: errorMessage(e), id: rec.record_id };
  }
  const rc = n && ctx.recount ? recount(rec, n, ctx, priced.ok ? priced.total : undefined) : undefined;
  // Built in one literal with the optional fields set after, rather than spreading a conditional
  // object per field: one allocation per outcome on the auditor's per-line path.
  const out: { -readonly [K in keyof Rec]: Rec[K] } = {
    t: 'rec',
    line,
    id: rec.record_id,
    // The settlement's record digest (TMS-S-003) by a faster canonical serialiser for parsed JSON;
    // the one-shot hash costs a third of a createHash object per record.
    sha: hash('sha256', fastCanonicalJson(rec), 'hex'),
    time: rec.time,
    period,
    model: rec.model,
    tier: rec.service_tier ?? 'standard',
    priced,
  };
  if (rc) out.recount = rc;
  if (n?.cost) out.cost = n.cost;
  return out;
}
