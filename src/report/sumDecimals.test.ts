import { describe, expect, it } from 'vitest';
import { sumDecimals } from './sumDecimals.js';

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
});
