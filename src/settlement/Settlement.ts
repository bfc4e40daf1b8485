import { digestJson } from '../digest/sha256.js';
import { merkleRootPacked } from '../digest/merkle.js';
import { InputError, InternalError, isTokencertError, type Location } from '../errors/errors.js';
import { nativeEvents } from '../pricing/nativeEvents.js';
import { priceUsage } from '../pricing/priceUsage.js';
import type { PriceLine, PriceSheet } from '../pricing/types.js';
import { validate } from '../schemas/registry.js';
import type { MeasurementRecord, Statement } from '../schemas/types.gen.js';
import { DedupEngine } from './DedupEngine.js';
import { SlotState } from './DigestStore.js';
import { compareInstants, parseInstant, type Instant } from './instant.js';
import { buildStatement } from './buildStatement.js';
import { LineBook } from './LineBook.js';
import { checkPeriod, resolvePolicy, type RoundingPolicy } from './policy.js';
import { recordDigest } from './recordDigest.js';

/** Where a record was read: file and 1-based line. */
export interface Place {
  readonly file: string;
  readonly line: number;
}

/** Options of a settlement: the sheet, the half-open period and the (partial) rounding policy. */
export interface SettlementOptions {
  readonly sheet: PriceSheet;
  readonly from: string;
  readonly until: string;
  readonly rounding?: { mode?: string; scale?: number; level?: string };
}

/** What `add` did with a record; every record read ends in exactly one of these (TMS-C-003). */
export type AddOutcome =
  | { readonly status: 'billed'; readonly record_sha256: string }
  | { readonly status: 'duplicate'; readonly record_sha256: string }
  | { readonly status: 'excluded'; readonly record_sha256: string; readonly reason: 'before-period' | 'after-period' }
  | { readonly status: 'conflict'; readonly record_sha256: string; readonly first: Place };

/** Counts of what happened to every record added, for the tool's own report (not the statement). */
export interface SettlementTally {
  read: number;
  billed: number;
  duplicates: number;
  excluded: number;
  conflictingVersions: number;
}

/**
 * The streaming settlement accumulator (TMS-S spec part). Records are added one at a time; per
 * distinct record it keeps only the id, the 32-byte digest and a place, and per line item one
 * accumulator, so memory is bounded by line items plus digests, not by record size (TMS-S-017).
 *
 * Conflicts (one record_id, different contents) bill no version (TMS-S-005). When the billed
 * first version is only later found to conflict, its cost must come off the lines again; the
 * accumulator does not keep record contents, so `pendingWithdrawals()` names where that version
 * was read and the caller passes it back to `withdraw()` before `finish()`.
 */
export class Settlement {
  private readonly sheet: PriceSheet;
  private readonly from: Instant;
  private readonly until: Instant;
  private readonly period: { from: string; until: string };
  private readonly policy: RoundingPolicy;
  private readonly dedup = new DedupEngine();
  private readonly book = new LineBook();
  private readonly pending = new Map<string, Place>();
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  /** What happened to every record added so far. */
  readonly tally: SettlementTally = { read: 0, billed: 0, duplicates: 0, excluded: 0, conflictingVersions: 0 };

  constructor(opts: SettlementOptions) {
    if (!opts || !opts.sheet) throw new InternalError('Settlement: options.sheet is required');
    checkPeriod(opts.from, opts.until);
    this.sheet = opts.sheet;
    this.period = { from: opts.from, until: opts.until };
    this.from = parseInstant(opts.from)!;
    this.until = parseInstant(opts.until)!;
    this.policy = resolvePolicy(opts.sheet.currency, opts.from, opts.rounding);
  }

  /** The complete rounding policy in force. */
  get rounding(): RoundingPolicy {
    return this.policy;
  }

  private fileNo(file: string): number {
    let i = this.fileIndex.get(file);
    if (i === undefined) {
      // Places are packed as 16-bit file numbers (DigestStore).
      if (this.files.length === 0xffff) throw new InputError('input-invalid', 'settlement: more than 65535 record files; concatenate them first', { file });
      i = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, i);
    }
    return i;
  }

  /** Validates one record (TMS-C-001: errors carry file, line and pointer) and returns its time. */
  private check(value: unknown, where: Place): { record: MeasurementRecord; at: Instant } {
    const record = validate('measurement-record', value, where);
    const at = parseInstant(record.time);
    if (!at)
      throw new InputError('input-invalid', `time "${record.time}" is not an RFC 3339 UTC timestamp (a leap second or impossible date?)`, {
        ...where,
        pointer: '/time',
      });
    return { record, at };
  }

  /**
   * Prices one in-period record, fee events its native usage reports included, exactly as
   * `tokencert price` prices the same record (TMS-P-012, TMS-S-018); an unpriceable record stops
   * the settlement (TMS-S-019).
   */
  private price(record: MeasurementRecord, where: Place): { lines: readonly PriceLine[]; entry: string } {
    const ev = record.api && record.native_usage ? nativeEvents(record.native_usage) : { ok: true as const, events: {} };
    if (!ev.ok) throw new InputError('input-invalid', `invalid native usage: ${ev.message}`, { ...where, pointer: `/native_usage${ev.pointer}` });
    let r;
    try {
      r = priceUsage(this.sheet, { model: record.model, at: record.time, serviceTier: record.service_tier, usage: record.usage, events: ev.events });
    } catch (e) {
      if (isTokencertError(e) && e instanceof InputError)
        throw new InputError(e.code as 'input-invalid', e.message, { ...where, pointer: e.location?.pointer ?? '/usage' });
      throw e;
    }
    if (!r.ok) throw new InputError(r.code, r.message, { ...where, pointer: r.code === 'unknown-model' ? '/model' : '' });
    if (r.currency !== this.sheet.currency) {
      throw new InputError(
        'mixed-currency',
        `priced in ${r.currency}, but this settlement is in ${this.sheet.currency}; one statement holds one currency`,
        where,
      );
    }
    return { lines: r.lines, entry: r.entry.id };
  }

  private base(record: MeasurementRecord, entry: string) {
    return { model: record.model, service_tier: record.service_tier ?? 'standard', price_entry: entry };
  }

  /** Adds one record read at `where`; returns what became of it. Invalid or unpriceable input throws an InputError. */
  add(value: unknown, where: Place): AddOutcome {
    this.tally.read++;
    const { record, at } = this.check(value, where);
    const sha = recordDigest(record);
    const digest = Buffer.from(sha, 'hex');
    const inPeriod = compareInstants(at, this.from) >= 0 && compareInstants(at, this.until) < 0;
    const seen = this.dedup.seen(record.record_id, sha, digest);
    if (seen.kind === 'duplicate') {
      this.tally.duplicates++; // TMS-S-004: an identical copy counts once (and was priced already).
      return { status: 'duplicate', record_sha256: sha };
    }
    // Every distinct in-period version is priced, billed or not, so a bad record stops the run
    // whatever order the records come in (TMS-S-014: order independence includes errors).
    const priced = inPeriod ? this.price(record, where) : undefined;
    if (seen.kind === 'new') {
      if (priced) {
        this.dedup.admit(record.record_id, digest, SlotState.Billed, this.fileNo(where.file), where.line);
        this.book.apply(this.base(record, priced.entry), priced.lines, 1);
        this.tally.billed++;
        return { status: 'billed', record_sha256: sha };
      }
      const reason = compareInstants(at, this.from) < 0 ? 'before-period' : 'after-period';
      this.dedup.admit(record.record_id, digest, SlotState.Excluded, this.fileNo(where.file), where.line, { record_sha256: sha, time: record.time, reason });
      this.tally.excluded++;
      return { status: 'excluded', record_sha256: sha, reason };
    }
    // TMS-S-005: a second content for one id. No version is billed; every version is listed.
    this.tally.conflictingVersions++;
    const firstPlace = this.dedup.place(seen.slot);
    const first = { file: this.files[firstPlace.file], line: firstPlace.line };
    const was = this.dedup.conflict(record.record_id, seen.slot, sha, record.time);
    if (was) {
      if (was.state === SlotState.Billed) {
        this.pending.set(record.record_id, first);
        this.tally.billed--;
      } else this.tally.excluded--;
      this.tally.conflictingVersions++;
    }
    return { status: 'conflict', record_sha256: sha, first };
  }

  /** Places of billed versions later found in conflict; each must be passed back to `withdraw`. */
  pendingWithdrawals(): Place[] {
    return [...this.pending.values()];
  }

  /** Whether the billed version of `recordId` awaits withdrawal (a line may hold several records). */
  isPending(recordId: string): boolean {
    return this.pending.has(recordId);
  }

  /**
   * Takes back the cost of a billed version found in conflict (TMS-S-005), given the record read
   * again from the place `pendingWithdrawals()` named. Its digest must match the version billed.
   */
  withdraw(value: unknown, where: Place): void {
    const { record } = this.check(value, where);
    const at = this.pending.get(record.record_id);
    const sha = recordDigest(record);
    if (!at || !this.dedup.isFirst(record.record_id, Buffer.from(sha, 'hex'))) {
      throw new InputError('input-invalid', `record "${record.record_id}" changed between reads; cannot withdraw its conflicting version`, where);
    }
    const priced = this.price(record, where);
    this.book.apply(this.base(record, priced.entry), priced.lines, -1);
    this.dedup.withdrawn(record.record_id, sha, record.time);
    this.pending.delete(record.record_id);
  }

  /** Builds the statement (TMS-S-014): canonical content only, nothing from the clock or the input order. */
  finish(): Statement {
    if (this.pending.size > 0) throw new InternalError(`Settlement.finish: ${this.pending.size} conflicting version(s) still billed; call withdraw() first`);
    const leaves = this.dedup.store.sortedBilled();
    return buildStatement({
      period: this.period,
      currency: this.sheet.currency,
      policy: this.policy,
      sheet: { id: this.sheet.id, sha256: digestJson(this.sheet.source) },
      book: this.book,
      excluded: this.dedup.excludedList(),
      conflicts: this.dedup.conflictList(),
      merkle: { size: leaves.length / 32, root: Buffer.from(merkleRootPacked(leaves)).toString('hex') },
    });
  }
}
