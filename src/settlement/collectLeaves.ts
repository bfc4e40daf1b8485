import { InputError } from '../errors/errors.js';
import { readJsonLines } from '../io/readJsonLines.js';
import { validate } from '../schemas/registry.js';
import { DigestStore, SlotState } from './DigestStore.js';
import { compareInstants, parseInstant } from './instant.js';
import { checkPeriod } from './policy.js';
import { recordDigest } from './recordDigest.js';

/** The billed leaves of a period, found without pricing: sorted packed digests plus a lookup by id. */
export interface Leaves {
  /** Sorted 32-byte digests of the billed records, packed (TMS-S-012). */
  readonly packed: Buffer;
  /** What became of a record id: billed (with its digest), excluded, conflicting, or unknown. */
  stateOf(id: string): { state: 'billed'; digest: Buffer } | { state: 'excluded' | 'conflict' | 'unknown' };
}

/**
 * Collects the Merkle leaves of a period from record files the way settlement does — dedup by id
 * (TMS-S-004), conflicts bill nothing (TMS-S-005), half-open period (TMS-S-001) — but without
 * pricing, so a proof can be made with only the statement and the records (TMS-S-013).
 */
export async function collectLeaves(files: readonly string[], period: { from: string; until: string }): Promise<Leaves> {
  checkPeriod(period.from, period.until);
  const from = parseInstant(period.from)!;
  const until = parseInstant(period.until)!;
  const store = new DigestStore();
  const conflicts = new Map<string, Set<string>>();
  for (const file of files) {
    for await (const l of readJsonLines(file)) {
      if (!l.ok) throw l.error;
      const where = { file, line: l.line };
      const r = validate('measurement-record', l.value, where);
      const at = parseInstant(r.time);
      if (!at) throw new InputError('input-invalid', `time "${r.time}" is not an RFC 3339 UTC timestamp`, { ...where, pointer: '/time' });
      const sha = recordDigest(r);
      const digest = Buffer.from(sha, 'hex');
      const inPeriod = compareInstants(at, from) >= 0 && compareInstants(at, until) < 0;
      const slot = store.slotOf(r.record_id);
      if (slot === undefined) {
        store.insert(r.record_id, digest, inPeriod ? SlotState.Billed : SlotState.Excluded, 0, l.line);
        continue;
      }
      const seen = conflicts.get(r.record_id);
      if (seen ? seen.has(sha) : store.digest(slot).equals(digest)) continue;
      if (!seen) conflicts.set(r.record_id, new Set([store.digest(slot).toString('hex')]));
      conflicts.get(r.record_id)!.add(sha);
      store.setState(slot, SlotState.Conflict);
    }
  }
  return {
    packed: store.sortedBilled(),
    stateOf(id) {
      const slot = store.slotOf(id);
      if (slot === undefined) return { state: 'unknown' };
      const s = store.state(slot);
      if (s === SlotState.Billed) return { state: 'billed', digest: Buffer.from(store.digest(slot)) };
      return { state: s === SlotState.Excluded ? 'excluded' : 'conflict' };
    },
  };
}

/** Index of a 32-byte digest among sorted packed leaves, by binary search; -1 when absent. */
export function leafIndex(packed: Buffer, digest: Buffer): number {
  let lo = 0;
  let hi = packed.length / 32 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = packed.compare(digest, 0, 32, mid * 32, mid * 32 + 32);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
