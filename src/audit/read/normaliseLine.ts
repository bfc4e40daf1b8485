import { safeValidate } from '../../schemas/registry.js';
import type { MeasurementRecord } from '../../schemas/types.gen.js';
import { toCells, type ConventionVariant, type DeclaredConvention, type ToCellsResult, type UsageApi } from '../../measure/usageConventions.js';
import { hash } from 'node:crypto';
import { fastCanonicalJson } from '../../digest/fastCanonicalJson.js';
import { tmsVersion } from '../../version.js';

/** A cost a log line states for its request (native lines and CSV only). */
export interface ReportedCost {
  readonly currency: string;
  readonly amount: string;
}

/** A usage line turned into a measurement record, with what the auditor may use beside it. */
export type NormalisedLine =
  | {
      readonly ok: true;
      readonly record: MeasurementRecord;
      readonly request?: Record<string, unknown>;
      readonly cost?: ReportedCost;
      /** Records of usage billed as other models inside the same response (Anthropic advisor iterations, declined fallback hops; TMS-M-058). */
      readonly companions?: readonly MeasurementRecord[];
    }
  | { readonly ok: false; readonly pointer: string; readonly message: string; readonly id?: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const utcZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const decimal = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

interface Shape {
  readonly api: UsageApi;
  readonly provider: string;
  readonly keys: ReadonlySet<string>;
  readonly id: string;
  readonly model: string;
  readonly usage: string;
}

// The closed key sets of schemas/native-usage-line.json, checked by hand because this runs per line.
const common = ['cost', 'provider', 'account'];
const shapes: Record<string, Shape> = {
  'openai-chat': {
    api: 'openai-chat',
    provider: 'openai',
    id: 'id',
    model: 'model',
    usage: 'usage',
    keys: new Set(['object', 'id', 'created', 'model', 'service_tier', 'system_fingerprint', 'usage', 'request', ...common]),
  },
  'openai-responses': {
    api: 'openai-responses',
    provider: 'openai',
    id: 'id',
    model: 'model',
    usage: 'usage',
    keys: new Set(['object', 'id', 'created_at', 'model', 'service_tier', 'usage', ...common]),
  },
  'anthropic-messages': {
    api: 'anthropic-messages',
    provider: 'anthropic',
    id: 'id',
    model: 'model',
    usage: 'usage',
    keys: new Set(['type', 'id', 'time', 'model', 'role', 'stop_reason', 'usage', ...common]),
  },
  gemini: {
    api: 'gemini',
    provider: 'google',
    id: 'responseId',
    model: 'modelVersion',
    usage: 'usageMetadata',
    keys: new Set(['responseId', 'createTime', 'modelVersion', 'trafficType', 'usageMetadata', ...common]),
  },
};

/** Which native shape a JSON object is, by its discriminator (TMS-A-002). */
function shapeOf(v: Obj): Shape | undefined {
  if (v.object === 'chat.completion') return shapes['openai-chat'];
  if (v.object === 'response') return shapes['openai-responses'];
  if (v.type === 'message') return shapes['anthropic-messages'];
  if ('usageMetadata' in v) return shapes.gemini;
  return undefined;
}

const fail = (pointer: string, message: string, id?: string): NormalisedLine => ({ ok: false, pointer, message, ...(typeof id === 'string' ? { id } : {}) });

function unixTime(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return undefined;
  return new Date(v * 1000).toISOString().replace('.000Z', 'Z');
}

/** Maps a provider's service-tier wording to the price sheet's (standard when it names the default). */
function tierOf(api: UsageApi, v: Obj): string | undefined {
  let t: unknown;
  if (api === 'gemini') {
    // TMS-M-061: Vertex states trafficType inside usageMetadata; an envelope field is read as before.
    const traffic = isObj(v.usageMetadata) && v.usageMetadata.trafficType !== undefined ? v.usageMetadata.trafficType : v.trafficType;
    t = traffic === 'ON_DEMAND_FLEX' ? 'flex' : traffic === 'ON_DEMAND_PRIORITY' ? 'priority' : undefined;
  } else if (api === 'anthropic-messages') {
    t = isObj(v.usage) ? v.usage.service_tier : undefined;
  } else t = v.service_tier;
  if (t === undefined || t === null || t === 'default' || t === 'auto' || t === 'standard') return undefined;
  return String(t);
}

/**
 * Turns one parsed log line into a measurement record: a tokencert record is validated against
 * schemas/measurement-record.json; a provider-native line (schemas/native-usage-line.json) is
 * checked and its usage normalised by the declared convention (TMS-M-024..027). Every problem
 * is a value with the JSON pointer of the offending field (TMS-C-001). Under a declared convention
 * variant (`--convention`, TMS-M-056) native lines of the variant's API are read by it, and their
 * records name it in `convention`; lines of other APIs are read by their own convention.
 */
export function normaliseLine(v: unknown, convention?: DeclaredConvention): NormalisedLine {
  if (!isObj(v)) return fail('', 'a usage line must be a JSON object');
  if ('tms_version' in v) return readTokencertRecord(v);
  const shape = shapeOf(v);
  if (!shape)
    return fail(
      '',
      'neither a tokencert measurement record (tms_version) nor a known native usage line (object chat.completion/response, type message, usageMetadata)',
    );
  // This runs for every line of logs of millions of lines, so the parts below pass plain values
  // (strings, the line itself) rather than building an object per line to carry their results:
  // what a part has checked, the next one reads again from the line.
  const time = checkEnvelope(v, shape);
  if (typeof time !== 'string') return time;
  const id = v[shape.id] as string; // checkEnvelope made sure it is a string of 1 to 256 characters
  const optionalProblem = checkOptionalFields(v, id);
  if (optionalProblem) return optionalProblem;
  const variant = convention?.api === shape.api ? convention.variant : undefined;
  const cells = toCells(shape.api, v[shape.usage], variant);
  if (!cells.ok) return fail(`/${shape.usage}`, `invalid ${shape.api} usage: ${cells.message}`, id);
  return buildLine(v, shape, id, time, variant, cells);
}

/** A tokencert measurement record line: validated whole against its schema, the first issue reported (with a count of the rest). */
function readTokencertRecord(v: Obj): NormalisedLine {
  const r = safeValidate('measurement-record', v);
  if (!r.ok)
    return fail(r.issues[0].pointer, `${r.issues[0].message}${r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : ''}`, v.record_id as string);
  return { ok: true, record: v as unknown as MeasurementRecord };
}

/**
 * Checks a native line's envelope against its shape's closed key set, then id, model and time, in
 * that order (the first problem is the one reported, and vectors pin which it is). Returns the
 * record time as an RFC 3339 string, or the failure: a string rather than a result object, so the
 * hot path allocates nothing to carry it.
 */
function checkEnvelope(v: Obj, shape: Shape): string | NormalisedLine {
  const id = v[shape.id];
  // An unknown key is reported with the line's id when it has one, before the id itself is checked.
  for (const k of Object.keys(v)) if (!shape.keys.has(k)) return fail(`/${k}`, `unknown property "${k}" for a ${shape.api} usage line`, id as string);
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) return fail(`/${shape.id}`, 'the id must be a string of 1 to 256 characters');
  const model = v[shape.model];
  if (typeof model !== 'string' || model.length === 0) return fail(`/${shape.model}`, 'the model must be a non-empty string', id);
  let time: string | undefined;
  if (shape.api === 'openai-chat') time = unixTime(v.created);
  else if (shape.api === 'openai-responses') time = unixTime(v.created_at);
  else {
    const t = shape.api === 'gemini' ? v.createTime : v.time;
    time = typeof t === 'string' && utcZ.test(t) ? t : undefined;
  }
  if (time !== undefined) return time;
  const timeKey = shape.api === 'openai-chat' ? 'created' : shape.api === 'openai-responses' ? 'created_at' : shape.api === 'gemini' ? 'createTime' : 'time';
  return fail(
    `/${timeKey}`,
    shape.api.startsWith('openai') ? 'must be a non-negative integer of Unix seconds' : 'must be an RFC 3339 UTC timestamp ending in Z',
    id,
  );
}

/**
 * Checks the optional fields tokencert allows beside a native body (cost, request, provider,
 * account), in that order; returns the first problem, or undefined when all are absent or well
 * formed. Only checks: buildLine reads the values it needs from the line afterwards, so no object
 * is made here on the hot path.
 */
function checkOptionalFields(v: Obj, id: string): NormalisedLine | undefined {
  const c = v.cost;
  if (
    c !== undefined &&
    (!isObj(c) ||
      typeof c.currency !== 'string' ||
      !/^[A-Z]{3}$/.test(c.currency) ||
      typeof c.amount !== 'string' ||
      !decimal.test(c.amount) ||
      Object.keys(c).length !== 2)
  )
    return fail('/cost', 'cost must be {"currency": ISO 4217 code, "amount": decimal string}', id);
  if (v.request !== undefined && (!isObj(v.request) || !Array.isArray(v.request.messages)))
    return fail('/request', 'request must be an object with a messages array', id);
  if (v.provider !== undefined && (typeof v.provider !== 'string' || v.provider === '')) return fail('/provider', 'provider must be a non-empty string', id);
  if (v.account !== undefined && typeof v.account !== 'string') return fail('/account', 'account must be a string', id);
  return undefined;
}

/**
 * Builds the record of a checked native line, the records of usage it bills as other models, and
 * the stated cost and request beside them. Everything read from `v` here was checked by
 * checkEnvelope and checkOptionalFields, hence the casts.
 */
function buildLine(
  v: Obj,
  shape: Shape,
  id: string,
  time: string,
  variant: ConventionVariant | undefined,
  cells: Extract<ToCellsResult, { ok: true }>,
): NormalisedLine {
  const native = v[shape.usage] as Obj;
  const request = v.request as Obj | undefined;
  const c = v.cost as ReportedCost | undefined;
  const cost: ReportedCost | undefined = c === undefined ? undefined : { currency: c.currency, amount: c.amount };
  const tier = tierOf(shape.api, v);
  const record: MeasurementRecord = {
    tms_version: tmsVersion as MeasurementRecord['tms_version'],
    record_id: id,
    time,
    provider: (v.provider as string | undefined) ?? shape.provider,
    api: shape.api,
    model: v[shape.model] as string,
    ...(tier !== undefined ? { service_tier: tier } : {}),
    ...(typeof v.account === 'string' ? { account: v.account } : {}),
    ...(variant !== undefined ? { convention: variant.id } : {}),
    usage: cells.usage,
    native_usage: native,
    // TMS-M-042: SHA-256 of the request's RFC 8785 form (fast path for parsed JSON, same bytes as digestJson).
    ...(request ? { request_sha256: hash('sha256', fastCanonicalJson(request), 'hex') } : {}),
  };
  const companions = (cells.others ?? []).map((o): MeasurementRecord => {
    const { request_sha256: _r, convention: _c, ...rest } = record;
    // The other model's record: same response, account and tier; its own model, cells and native iteration object.
    return { ...rest, record_id: `${id}${o.pointer}`, model: o.model, usage: o.usage, native_usage: pointerGet(native, o.pointer) };
  });
  return { ok: true, record, ...(request ? { request } : {}), ...(cost ? { cost } : {}), ...(companions.length > 0 ? { companions } : {}) };
}

/** The object at a JSON pointer of plain keys and indices (the pointers the normaliser returns). */
function pointerGet(root: Obj, pointer: string): Obj {
  let at: unknown = root;
  for (const k of pointer.split('/').slice(1)) at = (at as Obj)[k];
  return at as Obj;
}
