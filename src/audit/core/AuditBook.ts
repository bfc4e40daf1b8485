import { Decimal } from '../../money/Decimal.js';
import type { PriceLine } from '../../pricing/types.js';
import { DedupEngine } from '../../settlement/DedupEngine.js';
import { SlotState } from '../../settlement/DigestStore.js';
import type { Discrepancy } from '../types.js';
import { LineBook, type LineHandle } from '../../settlement/LineBook.js';
import { REC_KEYS, type LineOutcome } from './processLine.js';
import { LeafRuns } from './LeafRuns.js';
import type { SpillLevel } from './spill.js';

/** A slot state beyond the settlement's: an in-period record no price matched (TMS-A-005). */
const Unpriced = 3 as SlotState;

/** Counts of what became of every line read (TMS-A-001). */
export interface Tally {
  lines: number;
  blank: number;
  other_shards: number;
  invalid: number;
  records: number;
  billed: number;
  duplicates: number;
  excluded: number;
  conflicting_versions: number;
  unpriced: number;
  /** OTLP input only (TMS-A-016): spans without gen_ai.* attributes, counted by every shard like blank lines. */
  spans_not_genai?: number;
  /** OTLP input only (TMS-A-016): GenAI spans that report no token usage (this shard's). */
  spans_without_usage?: number;
}

/** What the billed statement already says about records, so findings it explains are not reported. */
export interface BilledHints {
  readonly excluded: ReadonlySet<string>;
  readonly conflicts: ReadonlySet<string>;
}

/** Where a first version was read, to take its cost back when it turns out to conflict. */
export interface Withdrawal {
  readonly id: string;
  readonly file: number;
  readonly line: number;
}

/** A line outcome that is a record. */
export type Rec = Extract<LineOutcome, { t: 'rec' }>;

/**
 * The main-thread accumulator of an audit: consumes line outcomes in input order (so the result is
 * the same whatever the number of workers, TMS-A-010), deduplicates by record id under the
 * settlement's rules (identical copies count once, TMS-S-004; conflicting versions bill none,
 * TMS-S-005), sorts records into the period (TMS-S-001), adds billed records' priced lines to the
 * line totals and keeps their 32-byte digests.
 */
export class AuditBook {
  readonly tally: Tally = {
    lines: 0,
    blank: 0,
    other_shards: 0,
    invalid: 0,
    records: 0,
    billed: 0,
    duplicates: 0,
    excluded: 0,
    conflicting_versions: 0,
    unpriced: 0,
  };
  readonly dedup: DedupEngine;
  readonly lines = new LineBook();
  readonly findings: Discrepancy[] = [];
  private readonly pending = new Map<string, Withdrawal>();
  private readonly conflictFindings = new Map<string, Discrepancy[]>();
  /** Line items of plain record shapes, by the shape's fields (plainLines). */
  private readonly shapeLines = new Map<string, LineHandle[]>();

  constructor(
    private readonly files: readonly string[],
    private readonly currency: string,
    private readonly hints: BilledHints | undefined,
    /** Where ids beyond the bound go (TMS-A-019); none: every id stays in memory. */
    private readonly spill?: SpillLevel,
  ) {
    // A bounded book reserves its bound's room at once (lazily mapped), so it never doubles.
    this.dedup = new DedupEngine(spill ? Math.min(spill.threshold, 1 << 24) : undefined);
  }

  /** An empty book for the same audit, spilling at `level` (a partition of this one's ids). */
  fresh(level: SpillLevel): AuditBook {
    return new AuditBook(this.files, this.currency, this.hints, level);
  }

  /** Settles what was spilled to disk into this book; call once every line is read and withdrawn. */
  async settleSpill(): Promise<void> {
    if (this.spill) await this.spill.settleInto(this);
  }

  /** Merges a settled book of other ids into this one, as shards of disjoint ids merge (TMS-A-009). */
  absorb(sub: AuditBook): void {
    this.lines.merge(sub.lines.exact());
    for (const k of ['billed', 'duplicates', 'excluded', 'conflicting_versions', 'unpriced'] as const) this.tally[k] += sub.tally[k];
    for (const [id, e] of sub.dedup.excluded) this.dedup.excluded.set(id, e);
    for (const [id, v] of sub.dedup.conflicts) this.dedup.conflicts.set(id, v);
    this.findings.push(...sub.allFindings());
  }

  /**
   * The sorted billed digests of this book and of every book its spill settled (the Merkle
   * leaves); the id table is let go, as nothing is deduplicated after this.
   */
  sortedLeaves(): LeafRuns {
    const own = this.dedup.store.sortedBilled(true);
    this.dedup.store.release();
    if (!this.spill?.root.used) return new LeafRuns([own]);
    this.spill.root.addRun(own);
    return this.spill.root.leaves();
  }

  private impact(amount: string | null): Discrepancy['impact'] {
    return amount === null ? null : { currency: this.currency, amount };
  }

  private where(file: number, line: number, pointer?: string): Discrepancy['location'] {
    return { file: this.files[file], line, ...(pointer !== undefined ? { pointer } : {}) };
  }

  /** Takes one line's outcome, read from file number `file`; `base` is added to its line number (range reads). */
  add(o: LineOutcome, file: number, base = 0): void {
    this.tally.lines++;
    if (o.t === 'skip') {
      // A blank line and a line of another shard both end here; the caller tells them apart.
      return;
    }
    if (o.t === 'bad') {
      this.tally.invalid++;
      this.findings.push({
        kind: 'invalid-line',
        record_id: o.id ?? null,
        field: o.pointer || '(line)',
        billed: null,
        recomputed: null,
        impact: null,
        location: this.where(file, o.line + base, o.pointer),
        message: o.message,
      });
      return;
    }
    // A line's own record, then its other models' iterations (TMS-M-058), each a record of its own id.
    // A record without companions goes as it is, its line rebased in place of a copy per record.
    if (!('companions' in o)) {
      this.tally.records++;
      this.record(o, file, base);
      return;
    }
    for (const r of [o, ...(o.companions ?? [])]) {
      const { companions: _, ...one } = r;
      this.tally.records++;
      this.record(one, file, base);
    }
  }

  /**
   * The line items a kind of plain priced record adds to (resolved once per distinct shape), or
   * undefined when such records must take the general path: out of the period.
   */
  plainLines(s: {
    period: Rec['period'];
    model: string;
    tier: string;
    entry: string;
    lines: readonly Omit<PriceLine, 'quantity' | 'amount'>[];
  }): LineHandle[] | undefined {
    if (s.period !== 'in') return undefined;
    // Every range brings its shapes anew (~20 a range): resolved once per distinct shape, not per range.
    let key = `${s.model}\u0000${s.tier}\u0000${s.entry}`;
    for (const l of s.lines) key += `\u0000${l.kind}\u0000${l.tier ?? ''}\u0000${l.unit}\u0000${l.unit_price}`;
    let handles = this.shapeLines.get(key);
    if (handles === undefined) {
      const base = { model: s.model, service_tier: s.tier, price_entry: s.entry };
      handles = s.lines.map((l) => this.lines.line(base, l));
      this.shapeLines.set(key, handles);
    }
    return handles;
  }

  /**
   * Books a plain priced in-period record whose id is new — the common case — from its values
   * alone: id key and digest (64 bytes at `at` of `keys`), line and quantities. Returns false, and
   * books nothing, when the record needs the general path (`add`): its id was seen, or the book is
   * at its spill bound. Same effect as `add` of the whole outcome (tested: test/audit-spill.test.ts).
   */
  addPlain(lines: readonly LineHandle[], keys: Buffer, at: number, file: number, line: number, nums: ArrayLike<number>, q: number): boolean {
    if (this.spill && this.dedup.size >= this.spill.threshold) return false;
    if (!this.dedup.admitNewBilled(keys, at, file, line)) return false;
    for (let j = 0; j < lines.length; j++) this.lines.add(lines[j], nums[q + j], 1);
    this.tally.lines++;
    this.tally.records++;
    this.tally.billed++;
    return true;
  }

  /** Counts a skipped line as blank, as another shard's, or as an OTLP span that bills nothing. */
  skipped(kind: 'blank' | 'other' | 'not-genai' | 'no-usage'): void {
    if (kind === 'blank') this.tally.blank++;
    else if (kind === 'other') this.tally.other_shards++;
    else if (kind === 'not-genai') this.tally.spans_not_genai = (this.tally.spans_not_genai ?? 0) + 1;
    else this.tally.spans_without_usage = (this.tally.spans_without_usage ?? 0) + 1;
  }

  private base(o: Rec, entry: string) {
    return { model: o.model, service_tier: o.tier, price_entry: entry };
  }

  /** Deduplicates one record under the settlement's engine and books it (TMS-S-004, TMS-S-005); `base` is added to its line. */
  record(o: Rec, file: number, base = 0): void {
    const line = o.line + base;
    const keys = o[REC_KEYS];
    const digest = keys ? keys.subarray(32, 64) : Buffer.from(o.sha, 'hex');
    if (keys) this.dedup.store.useKey(o.id, keys);
    const seen = this.dedup.seen(o.id, o.sha, digest);
    const inPeriod = o.period === 'in';
    const price = o.priced.ok && inPeriod ? o.priced.total : null;
    if (seen.kind === 'new') {
      // Beyond the bound, a new id goes to its partition on disk with every later line of it (spill.ts).
      if (this.spill && this.dedup.size >= this.spill.threshold) return this.spill.put(base === 0 ? o : { ...o, line }, file);
      this.contentFindings(o, file, line);
      this.recordNew(o, file, line, digest);
      return;
    }
    if (seen.kind === 'duplicate') this.recordDuplicate(o, seen.slot, file, line, price);
    else this.recordConflict(o, seen.slot, file, line, price);
  }

  /** A record whose id is new: excluded from the period, unpriced, or billed (TMS-S-001, TMS-A-005). */
  private recordNew(o: Rec, file: number, line: number, digest: Uint8Array): void {
    if (o.period !== 'in') {
      const reason = o.period;
      this.dedup.admit(o.id, digest, SlotState.Excluded, file, line, { record_sha256: o.sha, time: o.time, reason });
      this.tally.excluded++;
      if (this.hints && !this.hints.excluded.has(o.id)) {
        const p = o.priced.ok ? o.priced.total : null;
        this.findings.push({
          kind: 'out-of-period',
          record_id: o.id,
          field: 'time',
          billed: o.time,
          recomputed: o.period,
          impact: this.impact(p),
          location: this.where(file, line, '/time'),
          message: `record time ${o.time} is ${o.period.replace('-', ' the ')}, but the billed statement does not list it as excluded; impact is its price if billed`,
        });
      }
      return;
    }
    if (!o.priced.ok) {
      this.dedup.admit(o.id, digest, Unpriced, file, line);
      this.tally.unpriced++;
      this.findings.push({
        kind: 'unpriced',
        record_id: o.id,
        field: o.priced.code === 'unknown-model' ? 'model' : 'usage',
        billed: null,
        recomputed: null,
        impact: null,
        location: this.where(file, line, o.priced.code === 'unknown-model' ? '/model' : '/usage'),
        message: `${o.priced.code}: ${o.priced.message}`,
      });
      return;
    }
    this.dedup.admit(o.id, digest, SlotState.Billed, file, line);
    this.lines.apply(this.base(o, o.priced.entry), o.priced.lines, 1);
    this.tally.billed++;
  }

  /** An identical copy of a record already read: counted once (TMS-S-004). */
  private recordDuplicate(o: Rec, slot: number, file: number, line: number, price: string | null): void {
    this.tally.duplicates++;
    const first = this.dedup.place(slot);
    this.findings.push({
      kind: 'duplicate',
      record_id: o.id,
      field: 'record_id',
      billed: o.sha,
      recomputed: o.sha,
      impact: this.impact(price),
      location: this.where(file, line),
      message: `identical copy of the record first read at ${this.files[first.file]}:${first.line}; counted once (TMS-S-004); impact is its price if billed twice`,
    });
  }

  /** TMS-S-005: a second content for one id: no version is billed, every version is listed. */
  private recordConflict(o: Rec, slot: number, file: number, line: number, price: string | null): void {
    this.tally.conflicting_versions++;
    const list = this.conflictFindings.get(o.id) ?? [];
    list.push({
      kind: 'conflict',
      record_id: o.id,
      field: 'record_sha256',
      billed: o.sha,
      recomputed: null,
      impact: this.impact(price),
      location: this.where(file, line),
      message: "a different record with the same record_id; no version is billed (TMS-S-005); impact is this version's price if billed",
    });
    const first = this.dedup.conflict(o.id, slot, o.sha, o.time);
    if (first) {
      if (first.state === SlotState.Billed) {
        this.pending.set(o.id, { id: o.id, file: first.file, line: first.line });
        this.tally.billed--;
      } else {
        if (first.state === SlotState.Excluded) {
          this.tally.excluded--;
          // Its out-of-period finding is superseded by the conflict.
          const i = this.findings.findIndex((f) => f.kind === 'out-of-period' && f.record_id === o.id);
          if (i >= 0) this.findings.splice(i, 1);
        } else {
          this.tally.unpriced--;
          this.pending.set(o.id, { id: o.id, file: first.file, line: first.line });
        }
        list.unshift({
          kind: 'conflict',
          record_id: o.id,
          field: 'record_sha256',
          billed: first.sha,
          recomputed: null,
          impact: null,
          location: this.where(first.file, first.line),
          message: 'a record whose record_id reappears with different content; no version is billed (TMS-S-005)',
        });
      }
      this.tally.conflicting_versions++;
    }
    this.conflictFindings.set(o.id, list);
  }

  /** Findings about a record's own content: recount and reported cost (TMS-A-004, TMS-A-005). */
  private contentFindings(o: Rec, file: number, line: number): void {
    const billedHere = o.period === 'in';
    if (o.recount) {
      const r = o.recount;
      this.findings.push({
        kind: 'recount',
        record_id: o.id,
        field: r.field,
        billed: String(r.reported),
        recomputed: String(r.recounted),
        impact: billedHere ? this.impact(r.impact) : null,
        location: this.where(file, line, '/usage'),
        message: `reported ${r.reported} input tokens, the ${r.source} recounts to ${r.recounted} with the public tokenizer`,
      });
    }
    if (o.cost && o.priced.ok) {
      if (o.cost.currency !== o.priced.currency) {
        this.findings.push({
          kind: 'currency',
          record_id: o.id,
          field: 'cost/currency',
          billed: `${o.cost.amount} ${o.cost.currency}`,
          recomputed: `${o.priced.total} ${o.priced.currency}`,
          impact: null,
          location: this.where(file, line, '/cost/currency'),
          message: `the record states its cost in ${o.cost.currency}, the price sheet and statement are in ${o.priced.currency}; amounts in different currencies are not compared or converted`,
        });
      } else if (!Decimal.parse(o.cost.amount).eq(Decimal.parse(o.priced.total))) {
        const diff = Decimal.parse(o.cost.amount).sub(Decimal.parse(o.priced.total)).toString();
        this.findings.push({
          kind: 'cost',
          record_id: o.id,
          field: 'cost',
          billed: o.cost.amount,
          recomputed: o.priced.total,
          impact: billedHere ? this.impact(diff) : null,
          location: this.where(file, line, '/cost/amount'),
          message: `the record states a cost of ${o.cost.amount} ${o.cost.currency}; repriced with the sheet it costs ${o.priced.total}`,
        });
      }
    }
  }

  /** First versions that were billed and later found in conflict; their lines must be read again. */
  pendingWithdrawals(): Withdrawal[] {
    return [...this.pending.values()];
  }

  /** Takes back a billed first version (TMS-S-005) given its outcome read again. */
  withdraw(o: LineOutcome, file: number): void {
    if (o.t !== 'rec') return;
    for (const c of o.companions ?? []) this.withdraw(c, file);
    if (!this.pending.has(o.id)) return;
    this.pending.delete(o.id);
    this.dedup.withdrawn(o.id, o.sha, o.time);
    const billed = o.priced.ok && o.period === 'in';
    // An unpriced first version was never on the lines: only its time was missing.
    if (o.priced.ok && billed) this.lines.apply(this.base(o, o.priced.entry), o.priced.lines as PriceLine[], -1);
    const list = this.conflictFindings.get(o.id) ?? [];
    list.unshift({
      kind: 'conflict',
      record_id: o.id,
      field: 'record_sha256',
      billed: o.sha,
      recomputed: null,
      impact: o.priced.ok && billed ? this.impact(o.priced.total) : null,
      location: this.where(file, o.line),
      message: "a record whose record_id reappears with different content; no version is billed (TMS-S-005); impact is this version's price if billed",
    });
    this.conflictFindings.set(o.id, list);
  }

  /** Every finding, conflicts included unless the billed statement already lists them. */
  allFindings(): Discrepancy[] {
    const out = [...this.findings];
    for (const [id, list] of this.conflictFindings) if (!this.hints?.conflicts.has(id)) out.push(...list);
    return out;
  }
}
