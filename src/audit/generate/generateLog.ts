import { digestJson } from '../../digest/sha256.js';
import { merkleRootPacked } from '../../digest/merkle.js';
import { UsageError } from '../../errors/errors.js';
import { Decimal } from '../../money/Decimal.js';
import { compilePriceSheet } from '../../pricing/compilePriceSheet.js';
import { priceUsage } from '../../pricing/priceUsage.js';
import type { PriceSheet } from '../../pricing/types.js';
import type { MeasurementRecord, Statement } from '../../schemas/types.gen.js';
import { resolvePolicy } from '../../settlement/policy.js';
import { recordDigest } from '../../settlement/recordDigest.js';
import { tmsVersion } from '../../version.js';
import { LineBook } from '../../settlement/LineBook.js';
import { normaliseLine } from '../read/normaliseLine.js';
import { drawUsage, modelsOf, nativeLine, recordId, type NativeKind, type TrueUsage } from './nativeLines.js';
import { plantKinds, type PlantKind, type Planted } from './plants.js';
import { Prng } from './prng.js';

/** What to generate. */
export interface GenerateOptions {
  count: number;
  seed: number;
  native: NativeKind | undefined;
  plants: ReadonlyMap<PlantKind, number>;
  sheet: PriceSheet;
  from: string;
  until: string;
  /** Whether OpenAI lines carry their request (for recounting). */
  content: boolean;
  /** Write CSV rows instead of JSON lines (tokencert records only). */
  csv: boolean;
  /** Called every 256 records and at the end with the records made so far (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
}

/** The CSV header the generator writes (docs/audit.md). */
export const csvHeaderLine = 'record_id,time,provider,model,service_tier,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens';

/** A copy of a sheet with every price 1.2 times as high: what a provider with wrong prices charges. */
function inflatedSheet(sheet: PriceSheet): PriceSheet {
  const src = structuredClone(sheet.source) as { entries: { prices: Record<string, string>; tiers?: { levels: { prices: Record<string, string> }[] } }[] };
  const up = (p: Record<string, string>) => {
    for (const k of Object.keys(p)) p[k] = Decimal.parse(p[k]).mul(Decimal.parse('1.2')).toString();
  };
  for (const e of src.entries) {
    up(e.prices);
    for (const l of e.tiers?.levels ?? []) up(l.prices);
  }
  return compilePriceSheet(src, { file: `${sheet.file} (prices ×1.2)` });
}

function csvRow(r: MeasurementRecord, u: TrueUsage, kind: NativeKind): string {
  const output = u.output + u.reasoning;
  return [
    r.record_id,
    r.time,
    r.provider,
    r.model,
    r.service_tier ?? '',
    u.prompt,
    output,
    u.cached || '',
    u.written || '',
    kind === 'gemini' && u.reasoning ? u.reasoning : '',
  ].join(',');
}

/**
 * Generates a synthetic usage log with planted faults, the statement a faulty provider would bill
 * for it (the faults included) and the answer key. Lines go to `write` as they are made, so the
 * log never sits in memory; the billed statement keeps line totals and 32-byte digests only.
 */
export function generateLog(o: GenerateOptions, write: (line: string) => void): { planted: Planted[]; statement: Statement } {
  if (o.csv && o.native) throw new UsageError('generate records: CSV output holds tokencert records; leave out --native');
  for (const k of ['inflate'] as const)
    if ((o.plants.get(k) ?? 0) > 0 && (o.native !== 'openai' || !o.content))
      throw new UsageError('generate records: inflate:RATE needs --native openai (the requests carry the content a recount needs)');
  for (const k of ['currency'] as const)
    if ((o.plants.get(k) ?? 0) > 0 && !o.native) throw new UsageError('generate records: currency:RATE needs --native (only native lines state a cost)');
  const r = new Prng(o.seed);
  const faulty = (o.plants.get('price') ?? 0) > 0 ? inflatedSheet(o.sheet) : o.sheet;
  const from = Date.parse(o.from) / 1000;
  const until = Date.parse(o.until) / 1000;
  const span = until - from;
  const lines = new LineBook();
  const leaves: Buffer[] = [];
  const planted: Planted[] = [];
  const kinds: NativeKind[] = ['openai', 'anthropic', 'gemini'];
  if (o.csv) write(csvHeaderLine);

  const priceOf = (sheet: PriceSheet, rec: MeasurementRecord) => {
    const p = priceUsage(sheet, { model: rec.model, at: rec.time, serviceTier: rec.service_tier, usage: rec.usage });
    if (!p.ok) throw new UsageError(`generate records: the sheet cannot price ${rec.model}: ${p.message}`);
    return p;
  };
  // The provider bills what it bills: every call adds one record's lines and its digest.
  const bill = (rec: MeasurementRecord, sheet: PriceSheet) => {
    const p = priceOf(sheet, rec);
    lines.apply({ model: rec.model, service_tier: rec.service_tier ?? 'standard', price_entry: p.entry.id }, p.lines, 1);
    leaves.push(Buffer.from(recordDigest(rec), 'hex'));
    return p.total;
  };
  const make = (
    kind: NativeKind,
    id: string,
    time: string,
    u: TrueUsage,
    cost?: { currency: string; amount: string },
  ): { text: string; rec: MeasurementRecord } => {
    const native = nativeLine(kind, id, time, u, cost ? { cost } : {});
    const n = normaliseLine(native);
    if (!n.ok) throw new Error(`generator made an invalid line: ${n.pointer} ${n.message}`);
    if (o.native) return { text: JSON.stringify(native), rec: n.record };
    const { native_usage: _n, ...rest } = n.record;
    const rec = o.csv ? csvRecordOf(rest as MeasurementRecord, u, kind) : n.record;
    return { text: o.csv ? csvRow(rec, u, kind) : JSON.stringify(rec), rec };
  };
  const csvRecordOf = (rec: MeasurementRecord, u: TrueUsage, kind: NativeKind): MeasurementRecord => {
    // Re-read the CSV row as the auditor will, so the billed digest is the digest of what is in the log.
    const row = csvRow(rec, u, kind).split(',');
    const line: Record<string, unknown> = {
      object: 'chat.completion',
      id: row[0],
      created: Date.parse(row[1]) / 1000,
      model: row[3],
      provider: row[2],
      usage: {
        prompt_tokens: Number(row[5]),
        completion_tokens: Number(row[6]),
        total_tokens: Number(row[5]) + Number(row[6]),
        prompt_tokens_details: { ...(row[7] ? { cached_tokens: Number(row[7]) } : {}), ...(row[8] ? { cache_write_tokens: Number(row[8]) } : {}) },
        completion_tokens_details: row[9] ? { reasoning_tokens: Number(row[9]) } : {},
      },
    };
    const n = normaliseLine(line);
    if (!n.ok) throw new Error(`generator made an invalid CSV row: ${n.message}`);
    const { native_usage: _n, api: _a, ...rec2 } = n.record;
    return rec2 as MeasurementRecord;
  };

  for (let i = 0; i < o.count; i++) {
    if (i % 256 === 0) o.onProgress?.(i, o.count);
    const kind = o.native ?? r.pick(kinds);
    const model = r.pick(modelsOf[kind]);
    let t = Math.floor(from + ((i + r.next()) * span) / o.count);
    const u = drawUsage(r, kind, model, o.content && kind === 'openai');
    let plant: PlantKind | undefined;
    const roll = r.next();
    let acc = 0;
    for (const k of plantKinds) {
      acc += o.plants.get(k) ?? 0;
      if (roll < acc) {
        plant = k;
        break;
      }
    }
    if (plant === 'period') t = r.chance(0.5) ? from - r.int(1, 72 * 3600) : until + r.int(0, 72 * 3600);
    const time = new Date(t * 1000).toISOString().replace('.000Z', 'Z');
    const id = recordId(kind, o.seed, i);
    const trueUsage = { ...u };
    if (plant === 'inflate') u.prompt += r.int(1, 40);
    const probe = make(kind, id, time, u);
    const total = priceOf(o.sheet, probe.rec).total;
    let cost: { currency: string; amount: string } | undefined;
    if (o.native) cost = { currency: o.sheet.currency, amount: total };
    if (plant === 'price') cost = { currency: o.sheet.currency, amount: priceOf(faulty, probe.rec).total };
    if (plant === 'currency') cost = { currency: o.sheet.currency === 'EUR' ? 'USD' : 'EUR', amount: total };
    const line = make(kind, id, time, u, cost);
    if (plant !== 'missing') write(line.text);
    const billedTotal = bill(line.rec, plant === 'price' ? faulty : o.sheet);
    const diff = (a: string, b: string) => Decimal.parse(a).sub(Decimal.parse(b)).toString();
    switch (plant) {
      case 'missing':
        planted.push({ plant, expect: null, record_id: id, impact: billedTotal, in_statement: true });
        break;
      case 'period':
        planted.push({ plant, expect: 'out-of-period', record_id: id, impact: billedTotal, in_statement: true });
        break;
      case 'price':
        planted.push({ plant, expect: o.native ? 'cost' : null, record_id: id, impact: diff(billedTotal, total), in_statement: true });
        break;
      case 'currency':
        planted.push({ plant, expect: 'currency', record_id: id, impact: null, in_statement: false });
        break;
      case 'inflate': {
        const honest = priceOf(o.sheet, make(kind, id, time, trueUsage).rec).total;
        planted.push({ plant, expect: 'recount', record_id: id, impact: diff(total, honest), in_statement: false });
        break;
      }
      case 'dup':
        write(line.text);
        planted.push({ plant, expect: 'duplicate', record_id: id, impact: bill(line.rec, o.sheet), in_statement: true });
        break;
      case 'conflict': {
        const v2 = { ...u, output: u.output + r.int(1, 50) };
        const p2 = make(kind, id, time, v2);
        const second = make(kind, id, time, v2, o.native ? { currency: o.sheet.currency, amount: priceOf(o.sheet, p2.rec).total } : undefined);
        write(second.text);
        planted.push({ plant, expect: 'conflict', record_id: id, impact: billedTotal, in_statement: true });
        planted.push({ plant, expect: 'conflict', record_id: id, impact: bill(second.rec, o.sheet), in_statement: true });
        break;
      }
      default:
    }
  }
  o.onProgress?.(o.count, o.count);
  const policy = resolvePolicy(o.sheet.currency, o.from);
  const { items, exact, roundedSum } = lines.items(policy);
  const amount = policy.level === 'line' ? roundedSum : exact.round(policy.scale, policy.mode);
  leaves.sort(Buffer.compare);
  const packed = Buffer.concat(leaves);
  const statement: Statement = {
    tms_version: tmsVersion as '0.1.0',
    period: { from: o.from, until: o.until },
    currency: o.sheet.currency,
    rounding: { ...policy },
    price_sheet: { id: o.sheet.id, sha256: digestJson(o.sheet.source) },
    line_items: items,
    totals: { amount_exact: exact.toString(), amount: amount.toFixed(policy.scale), rounding_difference: amount.sub(exact).toString() },
    counts: { billed: leaves.length, excluded: 0, conflicting: 0 },
    excluded: [],
    conflicts: [],
    merkle: { algorithm: 'rfc9162-sha256', leaves: 'sorted-record-sha256', size: leaves.length, root: Buffer.from(merkleRootPacked(packed)).toString('hex') },
  };
  return { planted, statement };
}
