import { InputError, UsageError } from '../../errors/errors.js';
import { parseYamlLocated } from '../../io/parseYaml.js';
import { readText } from '../../io/readText.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { nativeEvents } from '../../pricing/nativeEvents.js';
import { priceUsage } from '../../pricing/priceUsage.js';
import { tmsVersion } from '../../version.js';
import { defineCommand } from '../command.js';
import { isOneOf, requiredString } from '../flags.js';
import type { LocatedDocument } from '../../io/parseYaml.js';
import { toCells, usageApis, type UsageApi } from '../../measure/usageConventions.js';
import { safeParse } from '../../schemas/registry.js';
import type { PriceOutput, Usage } from '../../schemas/types.gen.js';

/** A usage to price, whatever form it came in, with the facts a measurement record carries. */
interface UsageInput {
  readonly form: 'canonical' | 'record' | 'native';
  readonly usage: Usage;
  readonly model?: string;
  readonly at?: string;
  readonly serviceTier?: string;
  readonly events: Record<string, number>;
}

/** The service tiers a sheet entry can name (schemas/price-sheet.json, TMS-P-008). */
const serviceTiers = ['standard', 'batch', 'flex', 'priority'];

/** The fee events of a native usage at `pointer` in the usage file; a bad count is an InputError at its place. */
function eventsAt(native: unknown, doc: LocatedDocument, file: string, pointer: string): Record<string, number> {
  const e = nativeEvents(native);
  if (!e.ok)
    throw new InputError('input-invalid', `invalid usage: ${e.message}`, { file, line: doc.lineOf(pointer + e.pointer), pointer: pointer + e.pointer });
  return e.events;
}

function fromNative(api: UsageApi, native: unknown, doc: LocatedDocument, file: string, pointer: string): { usage: Usage; events: Record<string, number> } {
  const r = toCells(api, native);
  if (!r.ok) throw new InputError('input-invalid', `invalid ${api} usage: ${r.message}`, { file, line: doc.lineOf(pointer), pointer });
  return { usage: r.usage, events: eventsAt(native, doc, file, pointer) };
}

/**
 * Reads what `tokencert price --usage` accepts (TMS-P-016): a canonical usage (`{cells}`), a
 * measurement record (`record_id`, `usage`, …), or a provider-native usage object with `api`
 * (a whole response body is accepted too: its `usage` or `usageMetadata` is taken). Invalid
 * input is an InputError with file, line and pointer (TMS-C-001, TMS-P-017).
 */
function readUsageInput(doc: LocatedDocument, file: string, api?: string): UsageInput {
  const o = doc.value;
  const place = (pointer: string) => ({ file, line: doc.lineOf(pointer), pointer });
  if (!isObject(o)) throw new InputError('input-invalid', 'usage must be a JSON object', place(''));
  if (api !== undefined && !isOneOf(api, usageApis)) throw new InputError('input-invalid', `unknown --api "${api}"; known: ${usageApis.join(', ')}`);
  if ('record_id' in o) {
    const r = safeParse('measurement-record', o);
    if (!r.ok) throw new InputError('input-invalid', `invalid measurement record: ${r.issues[0].message}`, place(r.issues[0].pointer));
    const record = r.value;
    const events = record.api && record.native_usage ? eventsAt(record.native_usage, doc, file, '/native_usage') : {};
    return { form: 'record', usage: record.usage, model: record.model, at: record.time, serviceTier: record.service_tier, events };
  }
  if ('cells' in o && api === undefined) {
    const r = safeParse('usage', o);
    if (!r.ok) throw new InputError('input-invalid', `invalid usage: ${r.issues[0].message}`, place(r.issues[0].pointer));
    return { form: 'canonical', usage: r.value, events: {} };
  }
  if (api === undefined)
    throw new InputError('input-invalid', 'not a canonical usage ({cells: […]}) nor a measurement record; for a provider usage object give --api', place(''));
  const inner =
    o.usageMetadata !== undefined
      ? (['/usageMetadata', o.usageMetadata] as const)
      : o.usage !== undefined && typeof o.usage === 'object'
        ? (['/usage', o.usage] as const)
        : (['', o] as const);
  const n = fromNative(api, inner[1], doc, file, inner[0]);
  return { form: 'native', ...n, model: typeof o.model === 'string' ? o.model : typeof o.modelVersion === 'string' ? o.modelVersion : undefined };
}

/** A JSON object (not null, not an array), as a record of its members. */
function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function render(o: PriceOutput): string {
  const rows = o.lines.map((l) => [
    l.kind + (l.price_key ? ` (as ${l.price_key})` : ''),
    String(l.quantity),
    l.unit === 1 ? l.unit_price : `${l.unit_price}/${l.unit}`,
    l.tier ?? '',
    l.amount,
  ]);
  const head = ['line', 'quantity', 'unit price', 'tier', `amount ${o.currency}`];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 1 || i === 4 ? c.padStart(w[i]) : c.padEnd(w[i])))
      .join('  ')
      .trimEnd();
  return [
    `model ${o.model} at ${o.at} (${o.service_tier}) — entry ${o.entry.id} of sheet ${o.sheet.id}`,
    fmt(head),
    ...rows.map(fmt),
    `total ${o.total} ${o.currency} (exact, unrounded)`,
    '',
  ].join('\n');
}

/** `tokencert price`: prices one usage with a price sheet and prints every line, the entry used and the exact total. */
export const price = defineCommand({
  name: 'price',
  summary: 'Price one usage with a price sheet: exact amount per cell, entry used, total',
  usage: `Usage: tokencert price --sheet SHEET --usage USAGE [--model M] [--at TIME] [--service-tier T] [--api API] [--json]

Prices one usage exactly (TMS-P-011): each usage cell at its unit price, fees, and the exact total.
USAGE is a JSON file (or - for standard input) holding a canonical usage ({"cells": [...]}), a
measurement record (model, time and service tier are taken from it), or, with --api, a provider's
usage object or whole response body (openai-chat, openai-responses, anthropic-messages, gemini).
  --sheet SHEET         price sheet (YAML or JSON; see docs/pricing.md)
  --usage USAGE         the usage to price
  --model M             model name (required unless the record or response names it)
  --at TIME             request time, RFC 3339 (default: the record's time, else now)
  --service-tier T      standard (default), batch, flex or priority
  --api API             the usage object's convention
  --json                print JSON (schemas/price-output.json)
Exit 0 when priced, 2 for a usage or input error (unknown model, no price, ambiguous sheet, bad usage).
`,
  options: {
    sheet: { type: 'string' },
    usage: { type: 'string' },
    model: { type: 'string' },
    at: { type: 'string' },
    'service-tier': { type: 'string' },
    api: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const sheetPath = requiredString('price', 'sheet', values.sheet, 'SHEET');
    const usagePath = requiredString('price', 'usage', values.usage, 'USAGE');
    const sheet = await loadPriceSheet(sheetPath);
    const doc = parseYamlLocated(await readText(usagePath), usagePath);
    const input = readUsageInput(doc, usagePath, values.api);
    const model = values.model ?? input.model;
    if (!model) throw new UsageError('price: --model M is required for this usage (it does not name its model)');
    const at = values.at ?? input.at ?? `${new Date().toISOString().slice(0, 19)}Z`;
    const serviceTier = values['service-tier'] ?? input.serviceTier ?? 'standard';
    if (values['service-tier'] !== undefined && !serviceTiers.includes(serviceTier))
      throw new UsageError(`price: --service-tier must be one of ${serviceTiers.join(', ')}, got "${serviceTier}"`);
    let r;
    try {
      r = priceUsage(sheet, { model, at, serviceTier, usage: input.usage, events: input.events });
    } catch (e) {
      if (e instanceof InputError && !e.location)
        throw new InputError(e.code as 'input-invalid', e.message, { file: /request time/.test(e.message) && values.at !== undefined ? '--at' : usagePath });
      throw e;
    }
    if (!r.ok) {
      const where =
        r.code === 'unknown-model'
          ? values.model
            ? { file: '--model' }
            : { file: usagePath, line: doc.lineOf('/model'), pointer: '/model' }
          : { file: sheetPath };
      throw new InputError(r.code, r.message, where);
    }
    const out: PriceOutput = {
      tms_version: tmsVersion,
      sheet: { id: sheet.id, file: sheetPath },
      model,
      at,
      service_tier: serviceTier,
      entry: r.entry,
      currency: r.currency,
      lines: r.lines,
      total: r.total,
    };
    io.out(values.json ? `${JSON.stringify(out, null, 2)}\n` : render(out));
    return 0;
  },
});
