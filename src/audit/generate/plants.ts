import { UsageError } from '../../errors/errors.js';

/** Faults the generator can plant, in the order they are drawn. */
export const plantKinds = ['missing', 'period', 'dup', 'conflict', 'inflate', 'price', 'currency'] as const;
/** One plantable fault. */
export type PlantKind = (typeof plantKinds)[number];

/** One planted fault in the answer key (planted.jsonl). */
export interface Planted {
  /** The fault planted. */
  plant: PlantKind;
  /** The discrepancy kind the audit must report for it (null: visible only in the statement reconciliation). */
  expect: 'out-of-period' | 'duplicate' | 'conflict' | 'recount' | 'cost' | 'currency' | null;
  record_id: string;
  /** Money the fault is worth in the statement currency (billed − owed), exact; null when it has no price. */
  impact: string | null;
  /** Whether this fault's impact is part of the statement's net over-billing. */
  in_statement: boolean;
}

/** Parses `--plant KIND:RATE` values (rates in [0, 1], total at most 1). */
export function parsePlants(values: readonly string[]): Map<PlantKind, number> {
  const out = new Map<PlantKind, number>();
  for (const v of values) {
    const m = /^([a-z]+):((?:0|1)(?:\.[0-9]+)?)$/.exec(v);
    if (!m || !(plantKinds as readonly string[]).includes(m[1]))
      throw new UsageError(`generate records: --plant must be KIND:RATE with KIND one of ${plantKinds.join(', ')} and RATE from 0 to 1, got "${v}"`);
    out.set(m[1] as PlantKind, Number(m[2]));
  }
  const total = [...out.values()].reduce((a, b) => a + b, 0);
  if (total > 1) throw new UsageError(`generate records: plant rates add up to ${total}, more than 1`);
  return out;
}
