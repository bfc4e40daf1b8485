import type { PriceOutputLine, Usage } from '../schemas/types.gen.js';

/** Service tiers a price entry can be for (TMS-P-008). */
export type ServiceTier = 'standard' | 'batch' | 'flex' | 'priority';

/** A price held both as its decimal text and as a scaled BigInt, so pricing never re-parses (value = coef / 10^scale). */
export interface CompiledPrice {
  /** The price as written in the sheet, normalised (no trailing zeros). */
  readonly text: string;
  /** Integer coefficient. */
  readonly coef: bigint;
  /** Fraction digits of `coef`. */
  readonly scale: number;
}

/** A weekly window in local seconds: starts on `days` (0 = Monday) at `from`, lasts until `until` (may exceed 86400 when it wraps). */
export interface CompiledWindow {
  readonly days: readonly number[];
  readonly from: number;
  readonly until: number;
}

/** One tier level with its compiled prices. */
export interface CompiledLevel {
  readonly from: number;
  readonly name: string;
  readonly prices: ReadonlyMap<string, CompiledPrice>;
}

/** Compiled tiers of an entry (TMS-P-007). */
export interface CompiledTiers {
  readonly mode: 'cliff' | 'graduated';
  /** 'cell', or selectors `direction` / `direction/cache`. */
  readonly basis: 'cell' | readonly { readonly direction: string; readonly cache?: string }[];
  readonly boundary: 'exclusive' | 'inclusive';
  readonly baseName: string;
  readonly levels: readonly CompiledLevel[];
}

/** A price entry ready for fast pricing. */
export interface CompiledEntry {
  readonly id: string;
  readonly model: string;
  readonly names: readonly string[];
  readonly serviceTier: ServiceTier;
  /** Effective range [fromMs, untilMs) in epoch milliseconds. */
  readonly fromMs: number;
  readonly untilMs: number;
  readonly timeZone: string;
  readonly windows: readonly CompiledWindow[] | undefined;
  readonly prices: ReadonlyMap<string, CompiledPrice>;
  readonly fees: ReadonlyMap<string, CompiledPrice>;
  readonly tiers: CompiledTiers | undefined;
  /** 1-based line of the entry in its file, when known. */
  readonly line: number | undefined;
  /** JSON pointer of the entry in its file. */
  readonly pointer: string;
}

/** A loaded, validated price sheet (schemas/price-sheet.json), indexed by model name. */
export interface PriceSheet {
  /** The file it was read from, or a label for an in-memory sheet. */
  readonly file: string;
  readonly id: string;
  readonly currency: string;
  /** Tokens per price unit (a power of ten). */
  readonly unit: number;
  /** log10(unit). */
  readonly unitExponent: number;
  readonly entries: readonly CompiledEntry[];
  /** Entries by every exact name (model and aliases). */
  readonly byName: ReadonlyMap<string, readonly CompiledEntry[]>;
  /** The sheet as written (after validation). */
  readonly source: unknown;
}

/** One priced line: a usage cell (or a fee) with its unit price and exact amount — the line of schemas/price-output.json. */
export type PriceLine = PriceOutputLine;

/** The outcome of pricing one usage: a value, never an exception, for expected failures. */
export type PriceResult =
  | { ok: true; entry: { id: string; model: string }; currency: string; lines: PriceLine[]; total: string }
  | { ok: false; code: 'unknown-model' | 'no-price' | 'ambiguous-price'; message: string };

/** What to price: a model name, the request time, the service tier and the canonical usage. */
export interface PriceQuery {
  model: string;
  /** RFC 3339 timestamp of the request. */
  at: string;
  /** Service tier (default standard). */
  serviceTier?: string;
  usage: Usage;
  /** Counts of non-token events priced by fees, e.g. `{web_search: 1}`. */
  events?: Readonly<Record<string, number>>;
  /** Whether to charge the entry's `request` fee (default true). */
  request?: boolean;
}
