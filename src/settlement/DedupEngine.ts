import type { Statement } from '../schemas/types.gen.js';
import { DigestStore, SlotState } from './DigestStore.js';

/** A record left out of the period, as the statement lists it. */
export interface ExcludedEntry {
  readonly record_sha256: string;
  readonly time: string;
  readonly reason: 'before-period' | 'after-period';
}

/** What a record is, against the versions seen before it under its id (TMS-S-004, TMS-S-005). */
export type Seen = { readonly kind: 'new' } | { readonly kind: 'duplicate'; readonly slot: number } | { readonly kind: 'conflict'; readonly slot: number };

/** The first version of an id that has just been found in conflict: what it was and where it was read. */
export interface FirstVersion {
  readonly state: SlotState;
  readonly file: number;
  readonly line: number;
  readonly sha: string;
  /** Its period entry when it was excluded (now superseded by the conflict). */
  readonly excluded: ExcludedEntry | undefined;
}

const NEW: Seen = { kind: 'new' };
const byId = <T>(m: Map<string, T>): [string, T][] => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The settlement's deduplication by record id — the one engine `Settlement` and the auditor's
 * book share: an identical copy counts once (TMS-S-004); a second content for an id makes the id
 * a conflict that bills no version and lists every version (TMS-S-005). Per distinct id it keeps
 * the compact DigestStore slot; only excluded and conflicting ids have JS entries. Callers keep
 * their own tallies and findings and take a billed first version's cost back (`withdrawn`).
 */
export class DedupEngine {
  readonly store: DigestStore;
  readonly excluded = new Map<string, ExcludedEntry>();
  readonly conflicts = new Map<string, Map<string, string>>();

  /** `capacity`: distinct ids expected (room is reserved lazily, see DigestStore). */
  constructor(capacity?: number) {
    this.store = new DigestStore(capacity);
  }

  /** Number of distinct ids seen. */
  get size(): number {
    return this.store.size;
  }

  /** Classifies a record by its id and 32-byte digest (`sha` is the same digest in hex). */
  seen(id: string, sha: string, digest: Uint8Array): Seen {
    const slot = this.store.slotOf(id);
    if (slot === undefined) return NEW;
    const versions = this.conflicts.get(id);
    if (versions ? versions.has(sha) : this.store.digest(slot).equals(digest)) return { kind: 'duplicate', slot };
    return { kind: 'conflict', slot };
  }

  /** Keeps the first version of a new id in `state`; an excluded one is listed with its period entry. */
  admit(id: string, digest: Uint8Array, state: SlotState, file: number, line: number, excluded?: ExcludedEntry): void {
    this.store.insert(id, digest, state, file, line);
    if (excluded) this.excluded.set(id, excluded);
  }

  /**
   * Keeps a record billed when its id is new, given the id's key and digest as 64 bytes at `at` of
   * `keys` (SHA-256 of the id, then the record digest); false when the id was seen before — the
   * caller then classifies the record with `seen` like any other.
   */
  admitNewBilled(keys: Buffer, at: number, file: number, line: number): boolean {
    return this.store.insertNewKey(keys, at, SlotState.Billed, file, line);
  }

  /** Whether `digest` is the first version seen of `id` (a re-read must find the version it withdraws). */
  isFirst(id: string, digest: Uint8Array): boolean {
    const slot = this.store.slotOf(id);
    return slot !== undefined && this.store.digest(slot).equals(digest);
  }

  /** Where the first version of `slot` was read. */
  place(slot: number): { file: number; line: number } {
    return this.store.place(slot);
  }

  /**
   * Records a conflicting version (`seen` said `conflict`). On the id's first conflict, returns
   * the first version as it was (billed, excluded or another caller state) — the caller then
   * takes a billed version's cost back — and moves it from the excluded list into the conflict.
   */
  conflict(id: string, slot: number, sha: string, time: string): FirstVersion | undefined {
    let versions = this.conflicts.get(id);
    let first: FirstVersion | undefined;
    if (!versions) {
      const state = this.store.state(slot);
      const firstSha = this.store.digest(slot).toString('hex');
      const excluded = this.excluded.get(id);
      if (excluded) this.excluded.delete(id);
      // A billed first version's time is learnt when it is read again to be withdrawn.
      versions = new Map([[firstSha, excluded?.time ?? '']]);
      this.conflicts.set(id, versions);
      this.store.setState(slot, SlotState.Conflict);
      first = { state, ...this.store.place(slot), sha: firstSha, excluded };
    }
    versions.set(sha, time);
    return first;
  }

  /** The time of a first version read again to be withdrawn. */
  withdrawn(id: string, sha: string, time: string): void {
    this.conflicts.get(id)?.set(sha, time);
  }

  /** The statement's excluded list, by record id. */
  excludedList(): Statement['excluded'] {
    return byId(this.excluded).map(([record_id, e]) => ({ record_id, ...e }));
  }

  /** The statement's conflict list, by record id, versions by digest. */
  conflictList(): Statement['conflicts'] {
    return byId(this.conflicts).map(([record_id, v]) => ({
      record_id,
      versions: [...v.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([record_sha256, time]) => ({ record_sha256, time })) as Statement['conflicts'][number]['versions'],
    }));
  }
}
