import { Decimal } from '../../money/Decimal.js';
import type { LineItem, Statement } from '../../schemas/types.gen.js';

/**
 * The FOCUS version the rows follow: FinOps Open Cost and Usage Specification 1.2
 * (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, tag v1.2 = 7296e3146fb931ee32b6496fa6e4200e7f4384f7).
 */
export const FOCUS_VERSION = '1.2';

/**
 * The columns written, in order: every Mandatory column of FOCUS 1.2 (specification/columns/*.md,
 * "Feature level: Mandatory") and the Conditional ones that apply to metered token billing
 * (ConsumedQuantity/Unit: the provider measures usage; ListUnitPrice, ContractedUnitPrice, SkuId,
 * SkuPriceId, SkuMeter: unit prices from a published price sheet).
 */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuMeter',
  'SkuPriceId',
] as const;

/** One FOCUS column. */
export type FocusColumn = (typeof FOCUS_COLUMNS)[number];
/** One FOCUS row: every column, null where FOCUS allows no value (NullHandling). */
export type FocusRow = Record<FocusColumn, string | null>;

/** Who the rows name as billing account and provider (FOCUS needs both; a statement names neither). */
export interface FocusParties {
  readonly account: string;
  readonly provider: string;
}

/** The power of ten `unit` is (price sheets price per 10^k tokens or per event). */
function exponentOf(unit: number): number {
  const s = String(unit);
  if (!/^10*$/.test(s)) throw new RangeError(`FOCUS rows: unit ${unit} is not a power of ten`);
  return s.length - 1;
}

/** What a line item counts: tokens for usage cells, requests for the request fee, events for other fees. */
function countUnit(kind: string): string {
  if (kind === 'request-fee') return 'Requests';
  if (kind.startsWith('fee:')) return 'Events';
  return 'Tokens';
}

/** One Usage row per line item (TMS-S-023). */
function usageRow(l: LineItem, s: Statement, p: FocusParties): FocusRow {
  const k = exponentOf(l.unit);
  const unit = countUnit(l.kind);
  const billed = l.amount ?? l.amount_exact;
  const tier = l.tier !== undefined ? ` tier ${l.tier}` : '';
  return {
    ...common(s, p),
    BilledCost: Decimal.parse(billed).toString(),
    ChargeCategory: 'Usage',
    ChargeClass: null,
    ChargeDescription: `${l.model} ${l.kind}${tier} (${l.service_tier}), ${l.records} record${l.records === 1 ? '' : 's'}`,
    ConsumedQuantity: l.quantity,
    ConsumedUnit: unit,
    ContractedCost: l.amount_exact,
    ContractedUnitPrice: l.unit_price,
    EffectiveCost: Decimal.parse(billed).toString(),
    ListCost: l.amount_exact,
    ListUnitPrice: l.unit_price,
    PricingQuantity: Decimal.fromScaled(BigInt(l.quantity), k).toString(),
    PricingUnit: k === 0 ? unit : `${l.unit} ${unit}`,
    ServiceName: l.model,
    SkuId: l.price_entry,
    SkuMeter: `${l.kind}${tier}`,
    SkuPriceId: `${l.price_entry}|${l.service_tier}|${l.kind}${tier}|${l.unit}|${l.unit_price}`,
  };
}

function common(s: Statement, p: FocusParties) {
  return {
    BillingAccountId: p.account,
    BillingAccountName: null,
    BillingCurrency: s.currency,
    BillingPeriodEnd: s.period.until,
    BillingPeriodStart: s.period.from,
    ChargePeriodEnd: s.period.until,
    ChargePeriodStart: s.period.from,
    InvoiceIssuerName: p.provider,
    ProviderName: p.provider,
    PublisherName: p.provider,
    ServiceCategory: 'AI and Machine Learning',
  };
}

/**
 * The statement's line items as FOCUS 1.2 rows (TMS-S-023), exact decimals throughout: one Usage row
 * per line item (BilledCost and EffectiveCost the rounded line amount, or the exact one when the
 * statement rounds only its total; ListCost and ContractedCost the exact amount =
 * ListUnitPrice × PricingQuantity) and, when the statement rounds only its total, one Adjustment row
 * holding the rounding difference, so the BilledCost column always sums to the statement total.
 */
export function focusRows(s: Statement, p: FocusParties): FocusRow[] {
  const rows = s.line_items.map((l) => usageRow(l, s, p));
  const diff = Decimal.parse(s.totals.rounding_difference);
  if (s.rounding.level === 'statement' && !diff.isZero()) {
    const d = diff.toString();
    rows.push({
      ...common(s, p),
      BilledCost: d,
      ChargeCategory: 'Adjustment',
      ChargeClass: null,
      ChargeDescription: `rounding of the statement total (${s.rounding.mode}, scale ${s.rounding.scale})`,
      ConsumedQuantity: null,
      ConsumedUnit: null,
      ContractedCost: d,
      ContractedUnitPrice: null,
      EffectiveCost: d,
      ListCost: d,
      ListUnitPrice: null,
      PricingQuantity: null,
      PricingUnit: null,
      ServiceName: 'statement rounding',
      SkuId: null,
      SkuMeter: null,
      SkuPriceId: null,
    });
  }
  return rows;
}

/** Writes rows as CSV (RFC 4180): a header of column ids, text quoted, a null as an empty unquoted field. */
export function focusCsv(rows: readonly FocusRow[]): string {
  const cell = (v: string | null): string => (v === null ? '' : /^-?[0-9][0-9.]*$/.test(v) ? v : `"${v.replace(/"/g, '""')}"`);
  return [FOCUS_COLUMNS.join(','), ...rows.map((r) => FOCUS_COLUMNS.map((c) => cell(r[c])).join(','))].map((l) => `${l}\r\n`).join('');
}
