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

/** One line as written to the log, and the record the auditor will read from it. */
interface MadeLine {
  text: string;
  rec: MeasurementRecord;
}

/** One drawn record: its provider, id and time, the usage the line states and the true usage, and its planted fault. */
interface Draw {
  kind: NativeKind;
  id: string;
  time: string;
  usage: TrueUsage;
  trueUsage: TrueUsage;
  plant: PlantKind | undefined;
}

/** The state of one generator run, shared by the steps that make each record. */
interface Run {
  o: GenerateOptions;
  r: Prng;
  /** The sheet a provider charging wrong prices uses (the `price` plant). */
  faulty: PriceSheet;
  /** The period's bounds in Unix seconds. */
  from: number;
  until: number;
  billed: BilledLog;
  planted: Planted[];
  write: (line: string) => void;
}

const kinds: NativeKind[] = ['openai', 'anthropic', 'gemini'];

/** Rejects option combinations whose faults the log could not carry. */
function checkOptions(o: GenerateOptions): void {
  if (o.csv && o.native) throw new UsageError('generate records: CSV output holds tokencert records; leave out --native');
  if ((o.plants.get('inflate') ?? 0) > 0 && (o.native !== 'openai' || !o.content))
    throw new UsageError('generate records: inflate:RATE needs --native openai (the requests carry the content a recount needs)');
  if ((o.plants.get('currency') ?? 0) > 0 && !o.native) throw new UsageError('generate records: currency:RATE needs --native (only native lines state a cost)');
}

/** Prices one record with a sheet; a record the sheet cannot price is a usage error (wrong --sheet). */
function priceOf(sheet: PriceSheet, rec: MeasurementRecord) {
  const p = priceUsage(sheet, { model: rec.model, at: rec.time, serviceTier: rec.service_tier, usage: rec.usage });
  if (!p.ok) throw new UsageError(`generate records: the sheet cannot price ${rec.model}: ${p.message}`);
  return p;
}

/** What the provider bills: every `bill` call adds one record's lines and its digest. */
class BilledLog {
  private readonly lines = new LineBook();
  private readonly leaves: Buffer[] = [];

  /** Bills one record at a sheet's prices; returns the record's total. */
  bill(rec: MeasurementRecord, sheet: PriceSheet): string {
    const p = priceOf(sheet, rec);
    this.lines.apply({ model: rec.model, service_tier: rec.service_tier ?? 'standard', price_entry: p.entry.id }, p.lines, 1);
    this.leaves.push(Buffer.from(recordDigest(rec), 'hex'));
    return p.total;
  }

  /** The statement the provider sends for everything billed. */
  statement(o: GenerateOptions): Statement {
    const policy = resolvePolicy(o.sheet.currency, o.from);
    const { items, exact, roundedSum } = this.lines.items(policy);
    const amount = policy.level === 'line' ? roundedSum : exact.round(policy.scale, policy.mode);
    const leaves = this.leaves;
    leaves.sort(Buffer.compare);
    const packed = Buffer.concat(leaves);
    return {
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
  }
}

/** Re-reads a CSV row as the auditor will, so the billed digest is the digest of what is in the log. */
function csvRecordOf(rec: MeasurementRecord, u: TrueUsage, kind: NativeKind): MeasurementRecord {
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
}

/** Makes one line in the output's format (native line, tokencert record or CSV row) and the record read from it. */
function makeLine(o: GenerateOptions, d: Pick<Draw, 'kind' | 'id' | 'time'>, u: TrueUsage, cost?: { currency: string; amount: string }): MadeLine {
  const native = nativeLine(d.kind, d.id, d.time, u, cost ? { cost } : {});
  const n = normaliseLine(native);
  if (!n.ok) throw new Error(`generator made an invalid line: ${n.pointer} ${n.message}`);
  if (o.native) return { text: JSON.stringify(native), rec: n.record };
  const { native_usage: _n, ...rest } = n.record;
  const rec = o.csv ? csvRecordOf(rest as MeasurementRecord, u, d.kind) : n.record;
  return { text: o.csv ? csvRow(rec, u, d.kind) : JSON.stringify(rec), rec };
}

/** The fault a roll in [0, 1) lands on, each kind taking its rate's share of the interval in `plantKinds` order. */
function pickPlant(roll: number, plants: ReadonlyMap<PlantKind, number>): PlantKind | undefined {
  let acc = 0;
  for (const k of plantKinds) {
    acc += plants.get(k) ?? 0;
    if (roll < acc) return k;
  }
  return undefined;
}

/** Draws record `i`: provider, model, time spread evenly over the period, usage and planted fault. */
function drawRecord({ o, r, from, until }: Run, i: number): Draw {
  const kind = o.native ?? r.pick(kinds);
  const model = r.pick(modelsOf[kind]);
  let t = Math.floor(from + ((i + r.next()) * (until - from)) / o.count);
  const usage = drawUsage(r, kind, model, o.content && kind === 'openai');
  const plant = pickPlant(r.next(), o.plants);
  if (plant === 'period') t = r.chance(0.5) ? from - r.int(1, 72 * 3600) : until + r.int(0, 72 * 3600);
  const time = new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const id = recordId(kind, o.seed, i);
  const trueUsage = { ...usage };
  if (plant === 'inflate') usage.prompt += r.int(1, 40);
  return { kind, id, time, usage, trueUsage, plant };
}

/** The cost a native line states: the sheet's price, or the fault's wrong price or currency. */
function statedCost({ o, faulty }: Run, plant: PlantKind | undefined, rec: MeasurementRecord, total: string) {
  let cost: { currency: string; amount: string } | undefined;
  if (o.native) cost = { currency: o.sheet.currency, amount: total };
  if (plant === 'price') cost = { currency: o.sheet.currency, amount: priceOf(faulty, rec).total };
  if (plant === 'currency') cost = { currency: o.sheet.currency === 'EUR' ? 'USD' : 'EUR', amount: total };
  return cost;
}

const diff = (a: string, b: string) => Decimal.parse(a).sub(Decimal.parse(b)).toString();

/** Writes a planted fault's extra lines and bills, and records it in the answer key with its money impact. */
function recordPlant(run: Run, d: Draw, line: MadeLine, total: string, billedTotal: string): void {
  const { o, r, planted } = run;
  const { plant, id: record_id } = d;
  switch (plant) {
    case 'missing':
      planted.push({ plant, expect: null, record_id, impact: billedTotal, in_statement: true });
      break;
    case 'period':
      planted.push({ plant, expect: 'out-of-period', record_id, impact: billedTotal, in_statement: true });
      break;
    case 'price':
      planted.push({ plant, expect: o.native ? 'cost' : null, record_id, impact: diff(billedTotal, total), in_statement: true });
      break;
    case 'currency':
      planted.push({ plant, expect: 'currency', record_id, impact: null, in_statement: false });
      break;
    case 'inflate': {
      const honest = priceOf(o.sheet, makeLine(o, d, d.trueUsage).rec).total;
      planted.push({ plant, expect: 'recount', record_id, impact: diff(total, honest), in_statement: false });
      break;
    }
    case 'dup':
      run.write(line.text);
      planted.push({ plant, expect: 'duplicate', record_id, impact: run.billed.bill(line.rec, o.sheet), in_statement: true });
      break;
    case 'conflict': {
      const v2 = { ...d.usage, output: d.usage.output + r.int(1, 50) };
      const p2 = makeLine(o, d, v2);
      const second = makeLine(o, d, v2, o.native ? { currency: o.sheet.currency, amount: priceOf(o.sheet, p2.rec).total } : undefined);
      run.write(second.text);
      planted.push({ plant, expect: 'conflict', record_id, impact: billedTotal, in_statement: true });
      planted.push({ plant, expect: 'conflict', record_id, impact: run.billed.bill(second.rec, o.sheet), in_statement: true });
      break;
    }
    default:
  }
}

/** Makes record `i`: draws it, writes its line (unless planted missing), bills it and records its fault. */
function generateRecord(run: Run, i: number): void {
  const { o } = run;
  const d = drawRecord(run, i);
  const probe = makeLine(o, d, d.usage);
  const total = priceOf(o.sheet, probe.rec).total;
  const line = makeLine(o, d, d.usage, statedCost(run, d.plant, probe.rec, total));
  if (d.plant !== 'missing') run.write(line.text);
  const billedTotal = run.billed.bill(line.rec, d.plant === 'price' ? run.faulty : o.sheet);
  recordPlant(run, d, line, total, billedTotal);
}

/**
 * Generates a synthetic usage log with planted faults, the statement a faulty provider would bill
 * for it (the faults included) and the answer key. Lines go to `write` as they are made, so the
 * log never sits in memory; the billed statement keeps line totals and 32-byte digests only.
 */
export async function generateLog(
  o: GenerateOptions,
  write: (line: string) => void,
  drained: () => Promise<void> = async () => {},
): Promise<{ planted: Planted[]; statement: Statement }> {
  checkOptions(o);
  const run: Run = {
    o,
    r: new Prng(o.seed),
    faulty: (o.plants.get('price') ?? 0) > 0 ? inflatedSheet(o.sheet) : o.sheet,
    from: Date.parse(o.from) / 1000,
    until: Date.parse(o.until) / 1000,
    billed: new BilledLog(),
    planted: [],
    write,
  };
  if (o.csv) write(csvHeaderLine);
  for (let i = 0; i < o.count; i++) {
    if (i % 256 === 0) {
      o.onProgress?.(i, o.count);
      // Lets the writer catch up, so a log of millions of lines never sits in memory whole.
      await drained();
    }
    generateRecord(run, i);
  }
  o.onProgress?.(o.count, o.count);
  return { planted: run.planted, statement: run.billed.statement(o) };
}
