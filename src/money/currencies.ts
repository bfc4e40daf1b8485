import { InputError } from '../errors/errors.js';

/**
 * One dated row of the ISO 4217 minor-unit table: the exponent applies from `from` (inclusive)
 * until `until` (exclusive); absent bounds are open.
 */
export interface MinorUnitRow {
  readonly code: string;
  readonly minor: number;
  readonly from?: string;
  readonly until?: string;
}

/** Version of the table below; bump it when a row changes (minor units change: ISK 2 → 0). */
export const currencyTableVersion = '2025-10-01';

/**
 * Minor units (decimal places of the currency's minor unit) per ISO 4217 code, versioned by date
 * (TMS-P-004). Source: ISO 4217 via `checkdigit/currency:src/currencies.ts` (snapshot 2025-10-01,
 * generated from the ISO 4217 XML with dated create/update records). ISK: created 2018-01-01 with 2 minor units, re-created 2023-04-15
 * with 0. Codes without a minor unit (XAU, XDR, …, "N.A." in ISO 4217) are deliberately absent:
 * they cannot settle in minor units.
 */
const rows: readonly MinorUnitRow[] = [
  ...group(0, 'BIF CLP DJF GNF JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'),
  ...group(3, 'BHD IQD JOD KWD LYD OMR TND'),
  ...group(4, 'CLF UYW'),
  ...group(
    2,
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD YER ZAR ZMW ZWG',
  ),
  { code: 'ISK', minor: 2, from: '2018-01-01', until: '2023-04-15' },
  { code: 'ISK', minor: 0, from: '2023-04-15' },
];

function group(minor: number, codes: string): MinorUnitRow[] {
  return codes.split(' ').map((code) => ({ code, minor }));
}

const byCode = new Map<string, MinorUnitRow[]>();
for (const r of rows) {
  const list = byCode.get(r.code) ?? [];
  list.push(r);
  byCode.set(r.code, list);
}

/** True when `code` is a currency in the table (at any date). */
export function isKnownCurrency(code: string): boolean {
  return byCode.has(code);
}

/**
 * The minor-unit exponent of currency `code` at date or timestamp `at` (RFC 3339; default: the
 * latest row). An unknown code, or a date no row covers, is an InputError `unknown-currency`.
 */
export function minorUnits(code: string, at?: string): number {
  const list = byCode.get(code);
  if (!list) throw new InputError('unknown-currency', `unknown currency "${code}" (not in the ISO 4217 minor-unit table version ${currencyTableVersion})`);
  if (at === undefined) return list[list.length - 1].minor;
  const day = at.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new InputError('input-invalid', `minorUnits: "${at}" is not an RFC 3339 date or timestamp`);
  for (const r of list) {
    if ((r.from === undefined || day >= r.from) && (r.until === undefined || day < r.until)) return r.minor;
  }
  throw new InputError('unknown-currency', `currency "${code}" has no minor-unit entry for ${day} (table version ${currencyTableVersion})`);
}
