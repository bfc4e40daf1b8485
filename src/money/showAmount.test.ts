import { describe, expect, it } from 'vitest';
import { showAmount } from './showAmount.js';

describe('showAmount (TMS-P-001: display never rounds money)', () => {
  it.each([
    ['4.1', 'USD', '4.10'],
    ['-0.5', 'EUR', '-0.50'],
    ['12', 'JPY', '12'],
    ['7', 'KWD', '7.000'],
    ['0.00123', 'USD', '0.00123'],
    ['3.1', 'XYZ', '3.1'],
  ])('%s %s → %s', (amount, currency, want) => {
    expect(showAmount(amount, currency)).toBe(want);
  });
});
