// Versioned ISO 4217 minor units (TMS-P-004).
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/errors.js';
import { minorUnits } from './currencies.js';

describe('minorUnits (TMS-P-004)', () => {
  it('gives the ISO 4217 exponents of checkdigit/currency src/currencies.ts', () => {
    expect(minorUnits('USD')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('CNY')).toBe(2);
    expect(minorUnits('BHD')).toBe(3);
    expect(minorUnits('KWD')).toBe(3);
    expect(minorUnits('KRW')).toBe(0);
    expect(minorUnits('CLF')).toBe(4);
    expect(minorUnits('UYW')).toBe(4);
  });

  it('is versioned: ISK had 2 minor units until 2023-04-15 and 0 after', () => {
    expect(minorUnits('ISK', '2020-01-01')).toBe(2);
    expect(minorUnits('ISK', '2023-04-14T23:59:59Z')).toBe(2);
    expect(minorUnits('ISK', '2023-04-15T00:00:00Z')).toBe(0);
    expect(minorUnits('ISK')).toBe(0);
  });

  it('rejects unknown codes and uncovered dates with unknown-currency', () => {
    expect(() => minorUnits('XXX')).toThrow(InputError);
    try {
      minorUnits('usd');
    } catch (e) {
      expect((e as InputError).code).toBe('unknown-currency');
    }
    expect(() => minorUnits('ISK', '2017-12-31')).toThrow(/no minor-unit entry/);
  });
});
