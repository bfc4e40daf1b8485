import { InputError } from '../../errors/errors.js';
import { normaliseLine, type NormalisedLine } from './normaliseLine.js';

/** Columns a usage CSV must have (TMS-A-002); see docs/audit.md. */
export const requiredCsvColumns = ['record_id', 'time', 'model', 'input_tokens', 'output_tokens'] as const;
/** Columns a usage CSV may have. */
export const optionalCsvColumns = [
  'provider',
  'service_tier',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'account',
  'cost',
  'currency',
] as const;

/** Column positions of a CSV header. */
export type CsvHeader = Readonly<Record<string, number>>;

/**
 * Reads a CSV header line: every required column must be there, unknown and repeated columns are
 * refused. A header that fails makes the whole file unusable (exit 2), so this throws.
 */
export function parseCsvHeader(fields: readonly string[], file: string): CsvHeader {
  const known = new Set<string>([...requiredCsvColumns, ...optionalCsvColumns]);
  const out: Record<string, number> = {};
  fields.forEach((f, i) => {
    const name = f.trim();
    if (!known.has(name))
      throw new InputError('input-invalid', `unknown CSV column "${name}" (column ${i + 1}); known: ${[...known].join(', ')}`, { file, line: 1 });
    if (name in out) throw new InputError('input-invalid', `CSV column "${name}" appears twice`, { file, line: 1 });
    out[name] = i;
  });
  const missing = requiredCsvColumns.filter((c) => !(c in out));
  if (missing.length > 0)
    throw new InputError('input-invalid', `CSV header lacks required column(s) ${missing.join(', ')}; required: ${requiredCsvColumns.join(', ')}`, {
      file,
      line: 1,
    });
  return out;
}

function count(v: string | undefined): number | string | undefined {
  if (v === undefined || v === '') return undefined;
  return /^(0|[1-9][0-9]*)$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

/**
 * Turns one CSV row into a measurement record. Counts follow the OpenAI Chat convention
 * (input_tokens includes cache reads and writes, output_tokens includes reasoning), so the row is
 * normalised through that convention and checked like any native line (TMS-M-024).
 */
export function csvRecord(header: CsvHeader, fields: readonly string[]): NormalisedLine {
  const width = Object.keys(header).length;
  const get = (c: string): string | undefined => (c in header ? fields[header[c]] : undefined);
  const id = get('record_id');
  if (fields.length !== width)
    return { ok: false, pointer: '', message: `expected ${width} CSV fields as in the header, found ${fields.length}`, ...(id ? { id } : {}) };
  const time = get('time') ?? '';
  const seconds = Date.parse(time);
  if (!/Z$/.test(time) || Number.isNaN(seconds) || seconds % 1000 !== 0) {
    return { ok: false, pointer: '/time', message: `time "${time}" must be an RFC 3339 UTC timestamp in whole seconds ending in Z`, ...(id ? { id } : {}) };
  }
  const input = count(get('input_tokens'));
  const output = count(get('output_tokens'));
  const read = count(get('cache_read_tokens'));
  const write = count(get('cache_write_tokens'));
  const reasoning = count(get('reasoning_tokens'));
  const usage: Record<string, unknown> = {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: typeof input === 'number' && typeof output === 'number' ? input + output : undefined,
    prompt_tokens_details: { ...(read !== undefined ? { cached_tokens: read } : {}), ...(write !== undefined ? { cache_write_tokens: write } : {}) },
    completion_tokens_details: reasoning !== undefined ? { reasoning_tokens: reasoning } : {},
  };
  const tier = get('service_tier');
  const cost = get('cost');
  const currency = get('currency');
  if ((cost && !currency) || (!cost && currency))
    return { ok: false, pointer: cost ? '/currency' : '/cost', message: 'cost and currency go together', ...(id ? { id } : {}) };
  const line: Record<string, unknown> = {
    object: 'chat.completion',
    id,
    created: seconds / 1000,
    model: get('model'),
    usage,
    ...(tier ? { service_tier: tier } : {}),
    ...(get('provider') ? { provider: get('provider') } : {}),
    ...(get('account') ? { account: get('account') } : {}),
    ...(cost ? { cost: { currency, amount: cost } } : {}),
  };
  const r = normaliseLine(line);
  if (!r.ok) return r;
  // A CSV row carries counts, not the provider's object: keep the cells only.
  const { native_usage: _n, api: _a, ...record } = r.record;
  return { ...r, record };
}
