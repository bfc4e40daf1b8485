import { isRecord } from '../../io/isRecord.js';
import { floatToDecimal, shiftDecimal } from './floatToDecimal.js';
import type { ImportIssue, ImportResult } from './importReport.js';

// LiteLLM cost keys (USD per single token) → tokencert price keys (per 1,000,000 tokens).
const litellmKeys: [string, string][] = [
  ['cache_creation_input_token_cost_above_1hr', 'input/write@1h/*'],
  ['cache_creation_input_audio_token_cost', 'input/write/audio'],
  ['cache_creation_input_token_cost', 'input/write/*'],
  ['cache_read_input_audio_token_cost', 'input/read/audio'],
  ['cache_read_input_token_cost', 'input/read/*'],
  ['input_cost_per_audio_token', 'input/none/audio'],
  ['input_cost_per_image_token', 'input/none/image'],
  ['input_cost_per_token', 'input/none/*'],
  ['output_cost_per_reasoning_token', 'output/none/*/reasoning'],
  ['output_cost_per_audio_token', 'output/none/audio'],
  ['output_cost_per_image_token', 'output/none/image'],
  ['output_cost_per_video_token', 'output/none/video'],
  ['output_cost_per_token', 'output/none/*'],
];
const baseKeys = litellmKeys.sort((a, b) => b[0].length - a[0].length);
const tierSuffix: Record<string, string> = { batches: 'batch', flex: 'flex', priority: 'priority' };
const structural = new Set(['tiered_pricing', 'off_peak_pricing']);

type Obj = Record<string, unknown>;
interface Parsed {
  cell: string;
  threshold?: number;
  tier: string;
  value: string;
}

/** A price-sheet entry as this importer writes it (schemas/price-sheet.json); fields in the order they are written. */
interface Entry {
  id: string;
  model: string;
  service_tier?: string;
  source: string;
  windows?: { from: string; until: string }[];
  prices: Record<string, string>;
  tiers?: { mode: 'cliff'; basis: string[]; boundary: 'inclusive' | 'exclusive'; levels: { from: number; prices: Record<string, string> }[] };
}

/** What every model's conversion shares: the importer's options and where issues go. */
interface ImportContext {
  readonly opts: { source: string; retrieved: string; generator: string };
  readonly issues: ImportIssue[];
}

function parseKey(key: string): Omit<Parsed, 'value'> | undefined {
  for (const [k, cell] of baseKeys) {
    if (!key.startsWith(k)) continue;
    const m = /^(?:_above_(\d+)k_tokens)?(?:_(batches|flex|priority))?$/.exec(key.slice(k.length));
    if (m) return { cell, threshold: m[1] ? Number(m[1]) * 1000 : undefined, tier: m[2] ? tierSuffix[m[2]] : 'standard' };
  }
  return undefined;
}

function perMillion(v: unknown, issues: ImportIssue[], source: string, field: string): string | undefined {
  const d = typeof v === 'number' && v >= 0 ? floatToDecimal(v) : undefined;
  if (d === undefined) {
    issues.push({ source, field, effect: 'price-dropped', reason: `not a non-negative number: ${JSON.stringify(v)}` });
    return undefined;
  }
  return shiftDecimal(d, 6);
}

function rates(o: Obj, issues: ImportIssue[], source: string, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    const p = parseKey(k);
    if (!p || p.threshold !== undefined || p.tier !== 'standard') {
      if (k !== 'range' && k !== 'hours_utc') issues.push({ source, field: `${field}.${k}`, effect: 'price-dropped', reason: 'key not represented here' });
      continue;
    }
    const d = perMillion(v, issues, source, `${field}.${k}`);
    if (d !== undefined) out[p.cell] = d;
  }
  return out;
}

function hhmm(s: string): string | undefined {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s) ? s : undefined;
}

/**
 * Converts LiteLLM's model_prices_and_context_window.json (prices per single token, binary floats)
 * into a tokencert price sheet (TMS-P-018): per-tier entries (_batches, _flex, _priority; a missing
 * tier key falls back to the base key, as LiteLLM does), `_above_<N>k_tokens` cliff tiers (inclusive
 * for provider xai, as LiteLLM's _INCLUSIVE_THRESHOLD_PROVIDERS), `tiered_pricing` ranges as cliff
 * tiers (Dashscope's select_tier_for_input), and `off_peak_pricing.hours_utc` as UTC windows.
 * Every cost field without a tokencert form is reported.
 */
export function importLitellm(data: Obj, opts: { source: string; retrieved: string; generator: string }): ImportResult {
  const ctx: ImportContext = { opts, issues: [] };
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(data)) {
    if (name === 'sample_spec') continue;
    if (!isRecord(raw)) {
      ctx.issues.push({ source: name, field: '', effect: 'entry-skipped', reason: 'not an object' });
      continue;
    }
    const entriesBefore = entries.length;
    const provider = typeof raw.litellm_provider === 'string' ? raw.litellm_provider : 'unknown';
    entries.push(...tierEntries(ctx, name, provider, pricesByTier(ctx, name, raw)));
    if (Array.isArray(raw.tiered_pricing)) {
      const tiered = tieredPricingEntry(ctx, name, provider, raw.tiered_pricing, entries);
      if (tiered) entries.push(tiered);
    }
    if (raw.off_peak_pricing) {
      const offPeak = offPeakEntry(
        ctx,
        name,
        raw.off_peak_pricing,
        entries.find((x) => x.id === `${provider}/${name}`),
      );
      if (offPeak) entries.push(offPeak);
    }
    if (entries.length === entriesBefore)
      ctx.issues.push({ source: name, field: '', effect: 'entry-skipped', reason: 'no per-token price tokencert represents' });
  }
  const sheet = {
    tms_version: '0.1.0',
    id: 'litellm',
    currency: 'USD',
    unit: 1000000,
    time_zone: 'UTC',
    provenance: {
      source: opts.source,
      retrieved: opts.retrieved,
      generator: opts.generator,
      notes: [
        'Prices were binary floats in USD per token; each is written as the decimal of its shortest round-trip representation (ECMAScript Number.prototype.toString), then multiplied by 1,000,000 exactly.',
        'A service-tier entry (_batches, _flex, _priority) uses the base price for any key it does not override, as LiteLLM does.',
        '_above_<N>k_tokens prices are cliff tiers chosen by prompt tokens (cache included); inclusive for provider xai, exclusive otherwise; keys without an above price keep their base price in the tier.',
      ],
    },
    entries,
  };
  return { sheet, entries: entries.length, issues: ctx.issues };
}

/** The model's per-token prices grouped by service tier, each with its `_above_` threshold if any; other cost fields reported. */
function pricesByTier(ctx: ImportContext, name: string, e: Obj): Map<string, Parsed[]> {
  const byTier = new Map<string, Parsed[]>();
  for (const [k, v] of Object.entries(e)) {
    const p = parseKey(k);
    if (!p) {
      if (/cost|multiplier/.test(k) || k === 'provider_specific_entry') {
        if (!structural.has(k))
          ctx.issues.push({
            source: name,
            field: k,
            effect: 'price-dropped',
            reason: 'not a per-token price tokencert represents (per image, per second, per character, per query, multiplier, …)',
          });
      }
      continue;
    }
    const value = perMillion(v, ctx.issues, name, k);
    if (value === undefined) continue;
    const list = byTier.get(p.tier) ?? [];
    list.push({ ...p, value });
    byTier.set(p.tier, list);
  }
  return byTier;
}

/** One entry per service tier: flat prices (a tier falls back to the standard ones), `_above_` thresholds as cliff tiers. */
function tierEntries(ctx: ImportContext, name: string, provider: string, byTier: Map<string, Parsed[]>): Entry[] {
  const standard = (byTier.get('standard') ?? []).filter((p) => p.threshold === undefined);
  const baseFlat: Record<string, string> = Object.fromEntries(standard.map((p) => [p.cell, p.value]));
  const boundary = provider === 'xai' ? 'inclusive' : 'exclusive';
  const out: Entry[] = [];
  for (const [tier, parsed] of byTier) {
    const flat: Record<string, string> = { ...(tier === 'standard' ? {} : baseFlat) };
    for (const p of parsed) if (p.threshold === undefined) flat[p.cell] = p.value;
    const thresholds = [...new Set(parsed.flatMap((p) => (p.threshold !== undefined ? [p.threshold] : [])))].sort((a, b) => a - b);
    const entry: Entry = {
      id: `${provider}/${name}${tier === 'standard' ? '' : `@${tier}`}`,
      model: name,
      ...(tier === 'standard' ? {} : { service_tier: tier }),
      source: `${ctx.opts.source} "${name}"`,
      prices: flat,
    };
    for (const p of parsed) {
      if (p.threshold !== undefined && !(p.cell in flat))
        ctx.issues.push({
          source: name,
          field: `${p.cell} above ${p.threshold}`,
          effect: 'price-dropped',
          reason: 'a tier price without a base price for the same cell (every tier must price the same cells)',
        });
    }
    if (thresholds.length) {
      entry.tiers = {
        mode: 'cliff',
        basis: ['input'],
        boundary,
        levels: thresholds.map((from) => {
          const prices = { ...flat };
          for (const p of parsed) if (p.threshold !== undefined && p.threshold <= from && p.cell in flat) prices[p.cell] = p.value;
          return { from, prices };
        }),
      };
    }
    out.push(entry);
  }
  return out;
}

/** `tiered_pricing` ranges as one all-or-nothing tiered entry, unless they are not contiguous from 0 or the model has flat prices. */
function tieredPricingEntry(ctx: ImportContext, name: string, provider: string, ranges: unknown[], entries: readonly Entry[]): Entry | undefined {
  const levels = ranges.map((r, i) => ({ range: rangeOf(r), prices: rates(isRecord(r) ? r : {}, ctx.issues, name, `tiered_pricing[${i}]`) }));
  const contiguous = levels.every((l, i) => l.range !== undefined && l.range[0] === (i === 0 ? 0 : levels[i - 1].range?.[1]));
  if (levels.length === 0 || !contiguous) {
    ctx.issues.push({ source: name, field: 'tiered_pricing', effect: 'price-dropped', reason: 'ranges do not start at 0 or are not contiguous' });
    return undefined;
  }
  if (entries.some((x) => x.id === `${provider}/${name}`)) {
    // Two price definitions for one model would make an ambiguous sheet (TMS-P-009); keep the flat one, say so.
    ctx.issues.push({
      source: name,
      field: 'tiered_pricing',
      effect: 'price-dropped',
      reason: 'the model also has flat per-token prices; both cannot price it, the flat ones are kept',
    });
    return undefined;
  }
  ctx.issues.push({
    source: name,
    field: 'tiered_pricing',
    effect: 'narrowed',
    reason: 'imported as all-or-nothing tiers (range_start < input <= range_end, LiteLLM select_tier_for_input); LiteLLM also has a graduated calculator',
  });
  return {
    id: `${provider}/${name}`,
    model: name,
    source: `${ctx.opts.source} "${name}" tiered_pricing`,
    prices: levels[0].prices,
    ...(levels.length > 1
      ? {
          tiers: {
            mode: 'cliff',
            basis: ['input'],
            boundary: 'exclusive',
            levels: levels.slice(1).map((l) => ({ from: l.range?.[0] ?? 0, prices: l.prices })),
          },
        }
      : {}),
  };
}

/** A `tiered_pricing` item's `range` [start, end] in tokens, or undefined when it is not two numbers (a sheet needs numeric thresholds). */
function rangeOf(r: unknown): [number, number] | undefined {
  const range = isRecord(r) ? r.range : undefined;
  return Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number' ? [range[0], range[1]] : undefined;
}

/** `off_peak_pricing.hours_utc` as an off-peak entry; the standard entry `std` gets the complementary window. */
function offPeakEntry(ctx: ImportContext, name: string, op: unknown, std: Entry | undefined): Entry | undefined {
  const o = isRecord(op) ? op : {};
  const m = typeof o.hours_utc === 'string' ? /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(o.hours_utc) : null;
  if (!m || !hhmm(m[1]) || !hhmm(m[2]) || o.windows !== undefined || !std) {
    ctx.issues.push({
      source: name,
      field: 'off_peak_pricing',
      effect: 'price-dropped',
      reason: 'only hours_utc "HH:MM-HH:MM" without weekday windows is represented',
    });
    return undefined;
  }
  std.windows = [{ from: m[2], until: m[1] }];
  return {
    id: `${std.id}@off-peak`,
    model: name,
    source: `${ctx.opts.source} "${name}" off_peak_pricing`,
    windows: [{ from: m[1], until: m[2] }],
    prices: { ...std.prices, ...rates(o, ctx.issues, name, 'off_peak_pricing') },
  };
}
