import { Decimal } from '../../money/Decimal.js';
import type { LineItem, Statement } from '../../schemas/types.gen.js';
import type { Discrepancy } from '../types.js';

/** Over- and under-billing of a statement, exact, in its currency (TMS-A-007). */
export interface BillingSummary {
  currency: string;
  billed: string;
  recomputed: string;
  /** Sum of positive line differences: charged more than owed. */
  over: string;
  /** Sum of negative line differences, as a positive amount: charged less than owed. */
  under: string;
  /** billed − recomputed (amount due, after rounding). */
  net: string;
  /** billed − recomputed before rounding (amount_exact). */
  net_exact: string;
}

type Key = Pick<LineItem, 'model' | 'service_tier' | 'kind' | 'tier' | 'price_entry' | 'unit'>;
const keyOf = (l: Key): string => `${l.model}\u0000${l.service_tier}\u0000${l.kind}\u0000${l.tier ?? ''}\u0000${l.price_entry}\u0000${l.unit}`;
const lineAmount = (l: LineItem): string => l.amount ?? l.amount_exact;

type LineRef = NonNullable<Discrepancy['line_item']>;

function lineRef(l: LineItem): LineRef {
  return {
    model: l.model,
    service_tier: l.service_tier,
    kind: l.kind,
    ...(l.tier !== undefined ? { tier: l.tier } : {}),
    price_entry: l.price_entry,
    unit: l.unit,
    unit_price: l.unit_price,
  };
}

type Finding = Omit<Discrepancy, 'record_id' | 'location'>;
type Push = (f: Finding) => void;
/** A billed line and the recomputed line it is compared with; either may be missing. */
type Pair = [LineItem | undefined, LineItem | undefined];

/** Groups both statements' lines by key (model, tier, kind, price entry, unit), in key order. */
function groupLines(billed: Statement, mine: Statement): { b: LineItem[]; m: LineItem[] }[] {
  const groups = new Map<string, { b: LineItem[]; m: LineItem[] }>();
  for (const l of billed.line_items) {
    const g = groups.get(keyOf(l)) ?? { b: [], m: [] };
    g.b.push(l);
    groups.set(keyOf(l), g);
  }
  for (const l of mine.line_items) {
    const g = groups.get(keyOf(l)) ?? { b: [], m: [] };
    g.m.push(l);
    groups.set(keyOf(l), g);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Pairs a group's lines of equal unit price first; what is left over is paired in order (a price that differs). */
function pairByPrice(g: { b: LineItem[]; m: LineItem[] }): Pair[] {
  const bs = [...g.b];
  const ms = [...g.m];
  const pairs: Pair[] = [];
  for (let i = 0; i < ms.length; i++) {
    const j = bs.findIndex((b) => Decimal.parse(b.unit_price).eq(Decimal.parse(ms[i].unit_price)));
    if (j >= 0) {
      pairs.push([bs[j], ms[i]]);
      bs.splice(j, 1);
      ms.splice(i--, 1);
    }
  }
  while (bs.length || ms.length) pairs.push([bs.shift(), ms.shift()]);
  return pairs;
}

/** Findings on which line is billed: a unit price that differs, or a line on one side only. */
function lineShapeFindings([b, m]: Pair, ref: LineRef, push: Push): void {
  if (b && m && !Decimal.parse(b.unit_price).eq(Decimal.parse(m.unit_price))) {
    push({
      kind: 'line',
      field: 'unit_price',
      billed: b.unit_price,
      recomputed: m.unit_price,
      impact: null,
      line_item: ref,
      message: `line ${ref.model} ${ref.kind} is billed at unit price ${b.unit_price}, the price sheet says ${m.unit_price}`,
    });
  }
  if (!b || !m) {
    push({
      kind: 'line',
      field: 'line',
      billed: b ? 'present' : null,
      recomputed: m ? 'present' : null,
      impact: null,
      line_item: ref,
      message: b
        ? `line ${ref.model} ${ref.kind} at ${ref.unit_price} is billed but not owed`
        : `line ${ref.model} ${ref.kind} at ${ref.unit_price} is owed but not billed`,
    });
  }
}

/** Findings on how much a line counts: its quantity and its number of records. */
function lineCountFindings([b, m]: Pair, ref: LineRef, push: Push): void {
  if ((b?.quantity ?? '0') !== (m?.quantity ?? '0'))
    push({
      kind: 'line',
      field: 'quantity',
      billed: b?.quantity ?? '0',
      recomputed: m?.quantity ?? '0',
      impact: null,
      line_item: ref,
      message: `line ${ref.model} ${ref.kind}: billed quantity ${b?.quantity ?? 0}, recomputed ${m?.quantity ?? 0}`,
    });
  if ((b?.records ?? 0) !== (m?.records ?? 0))
    push({
      kind: 'line',
      field: 'records',
      billed: String(b?.records ?? 0),
      recomputed: String(m?.records ?? 0),
      impact: null,
      line_item: ref,
      message: `line ${ref.model} ${ref.kind}: billed for ${b?.records ?? 0} records, recomputed ${m?.records ?? 0}`,
    });
}

/** The finding on a line's amount, the only line finding with a money impact; returns billed − recomputed. */
function lineAmountFinding([b, m]: Pair, ref: LineRef, cur: string, push: Push): Decimal {
  const diff = Decimal.parse(b ? lineAmount(b) : '0').sub(Decimal.parse(m ? lineAmount(m) : '0'));
  if (!diff.isZero()) {
    push({
      kind: 'line',
      field: 'amount',
      billed: b ? lineAmount(b) : '0',
      recomputed: m ? lineAmount(m) : '0',
      impact: { currency: cur, amount: diff.toString() },
      line_item: ref,
      message: `line ${ref.model} ${ref.kind}: billed ${b ? lineAmount(b) : 0}, recomputed ${m ? lineAmount(m) : 0} ${cur}`,
    });
  }
  return diff;
}

/** Findings on the statement totals; only the rounded amount carries the net difference as impact. */
function totalsFindings(billed: Statement, mine: Statement, net: Decimal, push: Push): void {
  const cur = mine.currency;
  for (const f of ['amount_exact', 'amount', 'rounding_difference'] as const) {
    const b = billed.totals[f];
    const m = mine.totals[f];
    if (!Decimal.parse(b).eq(Decimal.parse(m)))
      push({
        kind: 'total',
        field: `totals/${f}`,
        billed: b,
        recomputed: m,
        impact: f === 'amount' ? { currency: cur, amount: net.toString() } : null,
        message: `statement ${f.replace('_', ' ')}: billed ${b}, recomputed ${m} ${cur}`,
      });
  }
}

/** Findings on the record counts and the Merkle commitment: which records the statement bills. */
function recordSetFindings(billed: Statement, mine: Statement, push: Push): void {
  for (const f of ['billed', 'excluded', 'conflicting'] as const) {
    if (billed.counts[f] !== mine.counts[f])
      push({
        kind: 'count',
        field: `counts/${f}`,
        billed: String(billed.counts[f]),
        recomputed: String(mine.counts[f]),
        impact: null,
        message: `statement counts ${billed.counts[f]} ${f} records, the audit ${mine.counts[f]}`,
      });
  }
  if (billed.merkle.size !== mine.merkle.size)
    push({
      kind: 'root',
      field: 'merkle/size',
      billed: String(billed.merkle.size),
      recomputed: String(mine.merkle.size),
      impact: null,
      message: `the statement commits to ${billed.merkle.size} records, the log supports ${mine.merkle.size}`,
    });
  if (billed.merkle.root !== mine.merkle.root)
    push({
      kind: 'root',
      field: 'merkle/root',
      billed: billed.merkle.root,
      recomputed: mine.merkle.root,
      impact: null,
      message: 'the Merkle root of the billed records differs from the root of the records in the log: the statement bills a different set of records',
    });
}

/**
 * Compares a billed statement with the recomputed one line by line, total by total and root by
 * root (TMS-A-006). Lines are matched on model, service tier, kind, tier, price entry and unit; a
 * unit price, quantity, record count or amount that differs is one finding each, and only the
 * amount finding carries the money impact, so impacts add up to the net difference.
 */
export function reconcile(billed: Statement, mine: Statement): { findings: Discrepancy[]; summary: BillingSummary } {
  const cur = mine.currency;
  const findings: Discrepancy[] = [];
  const push: Push = (f) => findings.push({ ...f, record_id: null, location: null } as Discrepancy);
  let over = Decimal.zero;
  let under = Decimal.zero;
  for (const g of groupLines(billed, mine)) {
    for (const pair of pairByPrice(g)) {
      const ref = lineRef((pair[0] ?? pair[1])!);
      lineShapeFindings(pair, ref, push);
      lineCountFindings(pair, ref, push);
      const diff = lineAmountFinding(pair, ref, cur, push);
      if (diff.sign() > 0) over = over.add(diff);
      else if (!diff.isZero()) under = under.sub(diff);
    }
  }
  const net = Decimal.parse(billed.totals.amount).sub(Decimal.parse(mine.totals.amount));
  const netExact = Decimal.parse(billed.totals.amount_exact).sub(Decimal.parse(mine.totals.amount_exact));
  totalsFindings(billed, mine, net, push);
  recordSetFindings(billed, mine, push);
  return {
    findings,
    summary: {
      currency: cur,
      billed: billed.totals.amount,
      recomputed: mine.totals.amount,
      over: over.toString(),
      under: under.toString(),
      net: net.toString(),
      net_exact: netExact.toString(),
    },
  };
}
