import { InputError } from '../errors/errors.js';
import { digestJson } from '../digest/sha256.js';
import { validate } from '../schemas/registry.js';
import type { MeasurementRecord, TokenizerDescriptor, Usage } from '../schemas/types.gen.js';
import { tmsVersion } from '../version.js';
import { getEncoding } from './encodings.js';
import { resolveConvention, toCells, type UsageApi } from './usageConventions.js';

/** What a record is built from; usage is given as canonical cells or as a native object with its api. */
export interface MeasurementInput {
  recordId: string;
  time: string | Date;
  provider: string;
  model: string;
  api?: UsageApi;
  nativeUsage?: Record<string, unknown>;
  /** A usage variant of `api` the native usage is read under (TMS-M-056), e.g. openai-chat/reasoning-beside. */
  convention?: string;
  usage?: Usage;
  requestId?: string;
  serviceTier?: string;
  account?: string;
  /** A descriptor, an encoding name (its descriptor is used), or null for an opaque tokenizer. */
  tokenizer?: TokenizerDescriptor | string | null;
  /** Request and response bodies: only their digests enter the record (TMS-M-042). */
  request?: unknown;
  response?: unknown;
  /** Input text for the content-free comparability facts (TMS-M-043); the text itself is not stored. */
  inputText?: string;
  /** Encoding for `comparability.reference_tokens`. */
  referenceEncoding?: string;
  extensions?: Record<string, unknown>;
}

/** RFC 3339 UTC with Z (TMS-M-041): Dates are converted, strings must already be UTC and parse. */
function recordTime(t: string | Date): string {
  if (t instanceof Date) {
    if (Number.isNaN(t.getTime())) throw new InputError('input-invalid', 'record time is an invalid date', { pointer: '/time' });
    return t.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(t) || Number.isNaN(Date.parse(t))) {
    throw new InputError('input-invalid', `record time "${t}" is not RFC 3339 UTC with a Z suffix`, { pointer: '/time' });
  }
  return t;
}

/** Number of Unicode code points (a lone surrogate counts as one). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Builds a schema-valid measurement record (TMS-M-040..044); invalid native usage is an InputError with its flags. */
export function buildMeasurementRecord(input: MeasurementInput): MeasurementRecord {
  let usage = input.usage;
  if (usage === undefined) {
    if (input.nativeUsage === undefined || input.api === undefined) {
      throw new InputError('input-invalid', 'a record needs canonical usage or a native usage object with its api', { pointer: '/usage' });
    }
    const variant = input.convention !== undefined ? resolveConvention(input.convention).variant : undefined;
    if (variant !== undefined && variant.api !== input.api)
      throw new InputError('input-invalid', `convention ${variant.id} is not a variant of ${input.api}`, { pointer: '/convention' });
    const r = toCells(input.api, input.nativeUsage, variant);
    if (!r.ok) throw new InputError('input-invalid', `invalid ${input.api} usage [${r.flags.join(', ')}]: ${r.message}`, { pointer: '/native_usage' });
    usage = r.usage;
  }
  const rec: Record<string, unknown> = {
    tms_version: tmsVersion,
    record_id: input.recordId,
    time: recordTime(input.time),
    provider: input.provider,
    model: input.model,
    usage,
  };
  if (input.requestId !== undefined) rec.request_id = input.requestId;
  if (input.api !== undefined) rec.api = input.api;
  if (input.convention !== undefined && input.convention !== input.api) rec.convention = input.convention;
  if (input.serviceTier !== undefined) rec.service_tier = input.serviceTier;
  if (input.account !== undefined) rec.account = input.account;
  if (input.tokenizer !== undefined) rec.tokenizer = typeof input.tokenizer === 'string' ? getEncoding(input.tokenizer).descriptor : input.tokenizer;
  if (input.nativeUsage !== undefined) rec.native_usage = input.nativeUsage;
  if (input.request !== undefined) rec.request_sha256 = digestJson(input.request);
  if (input.response !== undefined) rec.response_sha256 = digestJson(input.response);
  if (input.inputText !== undefined) {
    const comp: Record<string, unknown> = { utf8_bytes: Buffer.byteLength(input.inputText, 'utf8'), code_points: codePoints(input.inputText) };
    if (input.referenceEncoding !== undefined) {
      const enc = getEncoding(input.referenceEncoding);
      comp.reference_tokens = { tokenizer: enc.descriptor.id, tokens: enc.count(input.inputText) };
    }
    rec.comparability = comp;
  }
  if (input.extensions !== undefined) rec.extensions = input.extensions;
  return validate('measurement-record', rec);
}
