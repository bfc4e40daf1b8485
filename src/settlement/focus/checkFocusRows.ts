import { Decimal } from '../../money/Decimal.js';
import { FOCUS_COLUMNS, type FocusRow } from './focusRows.js';

/** A FOCUS rule a row breaks, with the FOCUS 1.2 section that states it. */
export interface FocusViolation {
  readonly row: number;
  readonly column: string;
  readonly rule: string;
}

// FOCUS 1.2 (tag v1.2) sections the rules below come from.
const COL = (c: string) => `FOCUS 1.2 specification/columns/${c.toLowerCase()}.md`;
const NUMERIC = 'FOCUS 1.2 specification/attributes/numeric_format.md';
const DATETIME = 'FOCUS 1.2 specification/attributes/datetime_format.md';
const CURRENCY = 'FOCUS 1.2 specification/attributes/currency_format.md';
const UNIT = 'FOCUS 1.2 specification/attributes/unit_format.md';

/** Mandatory columns (Feature level: Mandatory) and, of those, the ones that allow no null (Allows nulls: False). */
const MANDATORY = [
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
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
];
const NOT_NULL = [
  'BilledCost',
  'BillingAccountId',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
];
const DECIMALS = ['BilledCost', 'ConsumedQuantity', 'ContractedCost', 'ContractedUnitPrice', 'EffectiveCost', 'ListCost', 'ListUnitPrice', 'PricingQuantity'];
const DATES = ['BillingPeriodEnd', 'BillingPeriodStart', 'ChargePeriodEnd', 'ChargePeriodStart'];
const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'];
const SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
];
// NumericFormat: integer, decimal or scientific notation; no "+" on a positive value or exponent, no separators, symbols or units.
const numeric = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE]-?[0-9]+)?$/;
// DateTimeFormat: extended ISO 8601 with UTC offset, 'YYYY-MM-DDTHH:mm:ssZ'.
const datetime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Whether a date/time value is in FOCUS DateTimeFormat ('YYYY-MM-DDTHH:mm:ssZ'), with the section saying so. */
export function focusDateTime(v: string): string | undefined {
  return datetime.test(v) ? undefined : `${DATETIME}: "${v}" is not YYYY-MM-DDTHH:mm:ssZ`;
}
// UnitFormat: "<quantity> <plural-units>" or a bare unit; quantity a whole number; count-based units capitalised.
const unitFormat = /^([1-9][0-9]* )?[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/;

const dec = (v: string): Decimal => Decimal.parse(v.replace(/[eE].*$/, '')); // rows are written without exponents

/** A row's value of a column, null for a null (FOCUS NullHandling: an empty field is one). */
type Field = (column: string) => string | null;
/** Records one violation; every check of a row reports through it, so violations keep the order the rules are checked in. */
type Report = (row: number, column: string, rule: string) => void;

/**
 * Checks FOCUS rows against the FOCUS 1.2 column rules a tokencert statement can break: presence of
 * every Mandatory column, nullability, NumericFormat, DateTimeFormat, CurrencyFormat, allowed values,
 * the conditional nullability of unit prices, quantities, units and SKU ids for Usage rows, the
 * "P × Q = C" rules of ListCost and ContractedCost (exactly, no tolerance), non-negative unit prices and
 * half-open charge periods. Returns every violation (empty when the rows conform).
 */
export function checkFocusRows(header: readonly string[], rows: readonly Record<string, string | null>[]): FocusViolation[] {
  const out: FocusViolation[] = [];
  const bad: Report = (row, column, rule) => out.push({ row, column, rule });
  for (const c of MANDATORY) if (!header.includes(c)) bad(0, c, `${COL(c)}: ${c} MUST be present in a FOCUS dataset`);
  rows.forEach((raw, i) => {
    // A null is an empty field; FOCUS NullHandling forbids empty strings standing for one.
    checkRow(header, (c) => (raw[c] === undefined || raw[c] === '' ? null : raw[c]), i + 1, bad);
  });
  return out;
}

/** Checks one row (numbered from 1), rule group by rule group; the order of the groups is the order of the violations. */
function checkRow(header: readonly string[], r: Field, n: number, bad: Report): void {
  checkValueFormats(r, n, bad);
  const cat = r('ChargeCategory');
  const correction = r('ChargeClass') === 'Correction';
  checkConditionalNulls(header, r, n, cat, correction, bad);
  // The arithmetic and period rules parse the decimals; a row with a malformed one was reported above and is not judged further.
  if (!DECIMALS.every((c) => r(c) === null || numeric.test(r(c)!))) return;
  checkAmounts(r, n, cat, correction, bad);
  for (const [a, b] of [
    ['ChargePeriodStart', 'ChargePeriodEnd'],
    ['BillingPeriodStart', 'BillingPeriodEnd'],
  ]) {
    if (r(a) !== null && r(b) !== null && datetime.test(r(a)!) && datetime.test(r(b)!) && !(r(a)! < r(b)!))
      bad(n, b, `${COL(b)}: the exclusive end bound must come after the inclusive start`);
  }
}

/** The rules each value obeys on its own: not null where the column allows none, the attribute formats and the allowed values. */
function checkValueFormats(r: Field, n: number, bad: Report): void {
  for (const c of NOT_NULL) if (r(c) === null) bad(n, c, `${COL(c)}: ${c} MUST NOT be null`);
  for (const c of DECIMALS)
    if (r(c) !== null && !numeric.test(r(c)!)) bad(n, c, `${NUMERIC}: "${r(c)}" is not an integer, decimal or scientific-notation value`);
  for (const c of DATES) if (r(c) !== null && !datetime.test(r(c)!)) bad(n, c, `${DATETIME}: "${r(c)}" is not YYYY-MM-DDTHH:mm:ssZ`);
  if (r('BillingCurrency') !== null && !/^[A-Z]{3}$/.test(r('BillingCurrency')!)) bad(n, 'BillingCurrency', `${CURRENCY}: a three-letter ISO 4217 code`);
  const cat = r('ChargeCategory');
  if (cat !== null && !CHARGE_CATEGORIES.includes(cat)) bad(n, 'ChargeCategory', `${COL('ChargeCategory')}: MUST be one of the allowed values`);
  if (r('ChargeClass') !== null && r('ChargeClass') !== 'Correction') bad(n, 'ChargeClass', `${COL('ChargeClass')}: MUST be "Correction" when not null`);
  if (r('ServiceCategory') !== null && !SERVICE_CATEGORIES.includes(r('ServiceCategory')!))
    bad(n, 'ServiceCategory', `${COL('ServiceCategory')}: MUST be one of the allowed values`);
}

/**
 * The nullability rules that depend on other columns: what a Usage or Purchase row (not a correction)
 * must state, what a Tax row must leave null, units paired with their quantities, and the unit format.
 * A conditional column absent from the header is not required (only the Mandatory ones must be present).
 */
function checkConditionalNulls(header: readonly string[], r: Field, n: number, cat: string | null, correction: boolean, bad: Report): void {
  if ((cat === 'Usage' || cat === 'Purchase') && !correction) {
    for (const c of ['ListUnitPrice', 'PricingQuantity', 'SkuId', 'SkuPriceId'])
      if (header.includes(c) && r(c) === null) bad(n, c, `${COL(c)}: MUST NOT be null when ChargeCategory is "${cat}" and ChargeClass is not "Correction"`);
  }
  if (cat === 'Usage' && !correction && header.includes('ConsumedQuantity') && r('ConsumedQuantity') === null)
    bad(n, 'ConsumedQuantity', `${COL('ConsumedQuantity')}: MUST NOT be null for Usage rows that are not corrections`);
  if (cat !== 'Usage' && r('ConsumedQuantity') !== null)
    bad(n, 'ConsumedQuantity', `${COL('ConsumedQuantity')}: MUST be null when ChargeCategory is not "Usage"`);
  if (cat === 'Tax')
    for (const c of ['ListUnitPrice', 'PricingQuantity', 'SkuId', 'SkuPriceId'])
      if (r(c) !== null) bad(n, c, `${COL(c)}: MUST be null when ChargeCategory is "Tax"`);
  if ((r('PricingUnit') === null) !== (r('PricingQuantity') === null))
    bad(n, 'PricingUnit', `${COL('PricingUnit')}: MUST be null exactly when PricingQuantity is null`);
  if ((r('ConsumedUnit') === null) !== (r('ConsumedQuantity') === null))
    bad(n, 'ConsumedUnit', `${COL('ConsumedUnit')}: MUST be null exactly when ConsumedQuantity is null`);
  for (const c of ['PricingUnit', 'ConsumedUnit'])
    if (r(c) !== null && !unitFormat.test(r(c)!)) bad(n, c, `${UNIT}: "${r(c)}" is not "<whole quantity> <Units>"`);
}

/** The money rules, on a row whose decimals all parse: non-negative unit prices, P × Q = C exactly, and ListCost = BilledCost for unrelated charges. */
function checkAmounts(r: Field, n: number, cat: string | null, correction: boolean, bad: Report): void {
  for (const c of ['ListUnitPrice', 'ContractedUnitPrice'])
    if (r(c) !== null && dec(r(c)!).sign() < 0) bad(n, c, `${COL(c)}: MUST be a non-negative decimal value`);
  // "The product of ListUnitPrice and PricingQuantity MUST match the ListCost" (and ContractedCost likewise), unless a correction.
  for (const [price, cost] of [
    ['ListUnitPrice', 'ListCost'],
    ['ContractedUnitPrice', 'ContractedCost'],
  ]) {
    if (correction || r(price) === null || r('PricingQuantity') === null || r(cost) === null) continue;
    const product = dec(r(price)!).mul(dec(r('PricingQuantity')!));
    if (!product.eq(dec(r(cost)!))) bad(n, cost, `${COL(cost)}: ${price} × PricingQuantity = ${product.toString()} MUST match ${cost} ${r(cost)}`);
  }
  if (
    cat !== null &&
    cat !== 'Usage' &&
    cat !== 'Purchase' &&
    r('ListUnitPrice') === null &&
    r('ListCost') !== null &&
    !dec(r('ListCost')!).eq(dec(r('BilledCost') ?? '0'))
  ) {
    bad(n, 'ListCost', `${COL('ListCost')}: a charge unrelated to other charges MUST have ListCost equal to BilledCost`);
  }
}

/** Checks rows tokencert built (all columns present by construction). */
export function checkOwnRows(rows: readonly FocusRow[]): FocusViolation[] {
  return checkFocusRows(FOCUS_COLUMNS, rows);
}
