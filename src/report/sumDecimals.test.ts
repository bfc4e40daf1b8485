import { describe, expect, it } from 'vitest';
import { compareDecimals, isDecimal, sumDecimals } from './sumDecimals.js';

describe('sumDecimals (money impact in reports, TMS-C-209)', () => {
  it('adds exactly at the largest scale, signs included', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['0.0000025', '1', '-0.5'])).toBe('0.5000025');
    expect(sumDecimals(['-1.25', '0.25'])).toBe('-1.00');
    expect(sumDecimals(['9007199254740993.000001', '1'])).toBe('9007199254740994.000001');
    expect(sumDecimals([])).toBe('0');
  });
  it('rejects a non-decimal string, naming itself', () => {
    expect(() => sumDecimals(['1e3'])).toThrow('sumDecimals: "1e3" is not a decimal string');
  });
  it('compares exactly, beyond float precision, and recognises decimal strings', () => {
    expect(compareDecimals('9007199254740993.0000001', '9007199254740993')).toBe(1);
    expect(compareDecimals('-0.5', '0.01')).toBe(-1);
    expect(compareDecimals('0.10', '0.1')).toBe(0);
    expect([isDecimal('-0.5'), isDecimal('1e3'), isDecimal(1)]).toEqual([true, false, false]);
  });
});
