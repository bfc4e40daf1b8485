import type { MeasurementRecord, UsageCell } from '../../schemas/types.gen.js';
import { tmsVersion } from '../../version.js';

/**
 * The OpenTelemetry GenAI semantic conventions this reader follows: the GenAI attributes of
 * open-telemetry/semantic-conventions at 953276ff4d0404cdddb515e7418e6a2cf43c2b0b (release v1.41.0
 * plus `gen_ai.usage.reasoning.output_tokens`, #3383; the last commit before the GenAI conventions
 * moved to open-telemetry/semantic-conventions-genai). Every GenAI attribute is Development stability.
 */
export const GENAI_SEMCONV = 'otel-semconv-genai@953276f (v1.41.0 + reasoning.output_tokens)';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What one span of an OTLP export becomes (TMS-A-015). */
export type SpanItem =
  | { readonly t: 'record'; readonly pointer: string; readonly record: MeasurementRecord }
  /** A GenAI span (it has gen_ai.* attributes) that reports no token usage: accounted, not billed (TMS-A-016). */
  | { readonly t: 'no-usage'; readonly pointer: string; readonly id?: string }
  /** A span that is not a GenAI operation (no gen_ai.* attribute): accounted, not a record. */
  | { readonly t: 'not-genai'; readonly pointer: string }
  | { readonly t: 'bad'; readonly pointer: string; readonly message: string; readonly id?: string };

/** Reads one OTLP/JSON AnyValue (intValue may be a JSON number or, per the OTLP/JSON encoding, a decimal string). */
function anyValue(v: unknown): unknown {
  if (!isObj(v)) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) {
    const i = v.intValue;
    if (typeof i === 'number' && Number.isSafeInteger(i)) return i;
    if (typeof i === 'string' && /^-?(0|[1-9][0-9]*)$/.test(i) && Number.isSafeInteger(Number(i))) return Number(i);
    return { invalidInt: i };
  }
  if ('boolValue' in v) return v.boolValue;
  if ('doubleValue' in v) return v.doubleValue;
  return undefined;
}

function attributes(list: unknown): Attrs {
  const m = new Map<string, { value: unknown; index: number }>();
  if (!Array.isArray(list)) return m;
  list.forEach((a, index) => {
    if (isObj(a) && typeof a.key === 'string') m.set(a.key, { value: anyValue(a.value), index });
  });
  return m;
}

/** Names of the usage attributes, semconv first; the underscore spellings are the pre-registry names instrumentations still emit. */
const INPUT = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'];
const OUTPUT = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'];
const CACHE_READ = ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens'];
const CACHE_WRITE = ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens'];
const REASONING = ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.reasoning_output_tokens'];

/** Unix nanoseconds (decimal string or safe integer) as RFC 3339 UTC, fraction without trailing zeros. */
function nanosToTime(v: unknown): string | undefined {
  let n: bigint;
  if (typeof v === 'string' && /^(0|[1-9][0-9]*)$/.test(v)) n = BigInt(v);
  else if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) n = BigInt(v);
  else return undefined;
  if (n === 0n) return undefined;
  const secs = n / 1_000_000_000n;
  const frac = (n % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const iso = new Date(Number(secs) * 1000).toISOString().replace('.000Z', '');
  if (iso.length !== 19) return undefined;
  return `${iso}${frac ? `.${frac}` : ''}Z`;
}

type Attrs = Map<string, { value: unknown; index: number }>;
/** One usage count: the attribute it came from and its value, or that the value is not a non-negative integer. */
type Count = { key: string; n: number } | { key: string; bad: true } | undefined;
interface Counts {
  input: Count;
  output: Count;
  read: Count;
  write: Count;
  reasoning: Count;
}

/** A non-empty string attribute. */
function stringAttr(attrs: Attrs, k: string): string | undefined {
  const a = attrs.get(k);
  return a && typeof a.value === 'string' && a.value !== '' ? a.value : undefined;
}

/** The first of `names` the span has (semconv spelling before the pre-registry one). */
function firstCount(attrs: Attrs, names: string[]): Count {
  for (const k of names) {
    const a = attrs.get(k);
    if (!a) continue;
    if (typeof a.value === 'number' && Number.isSafeInteger(a.value) && a.value >= 0) return { key: k, n: a.value };
    return { key: k, bad: true };
  }
  return undefined;
}

const countOf = (c: Count): number => (c && 'n' in c ? c.n : 0);

/** Which usage convention the span follows: underscore cache names mean provider-native counts (see spanItem). */
function usageConvention(counts: Counts, provider: string): { exclusive: boolean; convention: string } {
  const underscore = [counts.read, counts.write].some((c) => c !== undefined && c.key.includes('_input_tokens'));
  const exclusive = underscore && provider === 'anthropic';
  const convention = exclusive
    ? 'provider-native: input excludes cache (Anthropic)'
    : underscore
      ? 'provider-native: input includes cache'
      : 'semconv: input includes cache, output includes reasoning';
  return { exclusive, convention };
}

/** The usage cells of a span's counts under its convention, or the count that contradicts it (its key and message). */
function usageCells(
  counts: Counts & { input: NonNullable<Count>; output: NonNullable<Count> },
  exclusive: boolean,
  convention: string,
): { cells: UsageCell[] } | { key: string; message: string } {
  const read = countOf(counts.read);
  const write = countOf(counts.write);
  const reasoning = countOf(counts.reasoning);
  const fresh = exclusive ? countOf(counts.input) : countOf(counts.input) - read - write;
  if (fresh < 0)
    return {
      key: counts.input.key,
      message: `cache reads ${read} + writes ${write} exceed ${counts.input.key} ${countOf(counts.input)}, which the ${convention} convention requires to include them`,
    };
  const answer = countOf(counts.output) - reasoning;
  if (answer < 0)
    return { key: counts.reasoning!.key, message: `${counts.reasoning!.key} ${reasoning} exceeds ${counts.output.key} ${countOf(counts.output)}` };
  const cells: UsageCell[] = [{ direction: 'input', cache: 'none', modality: 'text', tokens: fresh }];
  if (read > 0) cells.push({ direction: 'input', cache: 'read', modality: 'text', tokens: read });
  if (write > 0) cells.push({ direction: 'input', cache: 'write', modality: 'text', tokens: write });
  cells.push({ direction: 'output', cache: 'none', modality: 'text', phase: 'answer', tokens: answer });
  if (reasoning > 0) cells.push({ direction: 'output', cache: 'none', modality: 'text', phase: 'reasoning', tokens: reasoning });
  return { cells };
}

/** The record's `otel` extension: where it came from and the usage attributes it was read from. */
function otelExtension(attrs: Attrs, counts: Counts, convention: string, ids: { traceId: string; spanId: string }, scope: { name?: string; version?: string }) {
  const usageAttrs: Record<string, number> = {};
  for (const c of Object.values(counts)) if (c && 'n' in c) usageAttrs[c.key] = c.n;
  return {
    semconv: GENAI_SEMCONV,
    convention,
    trace_id: ids.traceId,
    span_id: ids.spanId,
    ...(stringAttr(attrs, 'gen_ai.response.model') ? { response_model: stringAttr(attrs, 'gen_ai.response.model') } : {}),
    ...(scope.name ? { scope: scope.version ? `${scope.name}@${scope.version}` : scope.name } : {}),
    usage_attributes: usageAttrs,
  };
}

/**
 * Maps one span to a measurement record by the GenAI semantic conventions (TMS-A-015):
 * record_id = gen_ai.response.id (else `span:<traceId>/<spanId>`); time = endTimeUnixNano;
 * provider = gen_ai.provider.name (else the deprecated gen_ai.system); model = gen_ai.request.model
 * (else gen_ai.response.model); usage cells from the usage attributes under the convention the
 * instrumentation follows:
 *  - semconv (dotted cache names, or no cache attribute): input_tokens includes cache reads and
 *    writes, output_tokens includes reasoning;
 *  - provider-native (underscore cache names: the instrumentation copies the provider's usage
 *    fields): for Anthropic (provider anthropic) input_tokens excludes cache reads and writes, as
 *    Anthropic's own input_tokens does; for every other provider it includes them.
 */
export function spanItem(span: unknown, pointer: string, scope: { name?: string; version?: string }): SpanItem {
  if (!isObj(span)) return { t: 'bad', pointer, message: 'a span must be a JSON object' };
  const attrs = attributes(span.attributes);
  const ap = (k: string) => `${pointer}/attributes/${attrs.get(k)!.index}/value`;
  if (![...attrs.keys()].some((k) => k.startsWith('gen_ai.'))) return { t: 'not-genai', pointer };
  const str = (k: string) => stringAttr(attrs, k);
  const traceId = typeof span.traceId === 'string' ? span.traceId : '';
  const spanId = typeof span.spanId === 'string' ? span.spanId : '';
  const id = str('gen_ai.response.id') ?? (traceId && spanId ? `span:${traceId}/${spanId}` : undefined);
  const first = (names: string[]) => firstCount(attrs, names);
  const counts = { input: first(INPUT), output: first(OUTPUT), read: first(CACHE_READ), write: first(CACHE_WRITE), reasoning: first(REASONING) };
  for (const c of Object.values(counts))
    if (c && 'bad' in c) return { t: 'bad', pointer: ap(c.key), message: `${c.key} must be a non-negative integer`, ...(id ? { id } : {}) };
  if (!counts.input && !counts.output) return { t: 'no-usage', pointer, ...(id ? { id } : {}) };
  if (!id) return { t: 'bad', pointer, message: 'a GenAI span needs gen_ai.response.id, or traceId and spanId, for a record id' };
  if (!counts.input || !counts.output) {
    const missing = counts.input ? 'gen_ai.usage.output_tokens' : 'gen_ai.usage.input_tokens';
    return { t: 'bad', pointer: `${pointer}/attributes`, message: `${missing} is missing; a span with usage needs both input and output counts`, id };
  }
  const provider = str('gen_ai.provider.name') ?? str('gen_ai.system');
  if (!provider) return { t: 'bad', pointer: `${pointer}/attributes`, message: 'gen_ai.provider.name (or the deprecated gen_ai.system) is missing', id };
  const model = str('gen_ai.request.model') ?? str('gen_ai.response.model');
  if (!model) return { t: 'bad', pointer: `${pointer}/attributes`, message: 'gen_ai.request.model (or gen_ai.response.model) is missing', id };
  const time = nanosToTime(span.endTimeUnixNano);
  if (!time) return { t: 'bad', pointer: `${pointer}/endTimeUnixNano`, message: 'endTimeUnixNano must be Unix nanoseconds (a decimal string) after 1970', id };
  const { exclusive, convention } = usageConvention(counts, provider);
  const usage = usageCells({ ...counts, input: counts.input, output: counts.output }, exclusive, convention);
  if ('key' in usage) return { t: 'bad', pointer: ap(usage.key), message: usage.message, id };
  const tier = str('openai.response.service_tier');
  const record: MeasurementRecord = {
    tms_version: tmsVersion as MeasurementRecord['tms_version'],
    record_id: id,
    time,
    provider,
    model,
    ...(tier && !['default', 'auto', 'standard'].includes(tier) ? { service_tier: tier } : {}),
    usage: { cells: usage.cells },
    extensions: { otel: otelExtension(attrs, counts, convention, { traceId, spanId }, scope) },
  };
  return { t: 'record', pointer, record };
}

/** Walks an OTLP/JSON TracesData (ExportTraceServiceRequest) object: every span, in order, with its JSON pointer. */
export function spanItems(doc: unknown): SpanItem[] | { error: string; pointer: string } {
  if (!isObj(doc) || !Array.isArray(doc.resourceSpans)) return { error: 'not an OTLP trace export: no resourceSpans array', pointer: '' };
  const out: SpanItem[] = [];
  doc.resourceSpans.forEach((rs, i) => {
    const scopes = isObj(rs) && Array.isArray(rs.scopeSpans) ? rs.scopeSpans : [];
    scopes.forEach((ss, j) => {
      if (!isObj(ss)) return;
      const sc = isObj(ss.scope) ? ss.scope : {};
      const scope = { ...(typeof sc.name === 'string' ? { name: sc.name } : {}), ...(typeof sc.version === 'string' ? { version: sc.version } : {}) };
      const spans = Array.isArray(ss.spans) ? ss.spans : [];
      spans.forEach((s, k) => out.push(spanItem(s, `/resourceSpans/${i}/scopeSpans/${j}/spans/${k}`, scope)));
    });
  });
  return out;
}

/** True when a JSON text starts like an OTLP trace export (auto-detection by the first member). */
export function looksLikeOtlp(text: string): boolean {
  return /^\s*\{\s*"resourceSpans"\s*:/.test(text);
}
