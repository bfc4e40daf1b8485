// Exact decimals (TMS-P-001, TMS-P-011) and rounding properties (TMS-P-003).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './Decimal.js';
import { roundingModes } from './rounding.js';

const dec = fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 })).map(([c, s]) => Decimal.fromScaled(c, s));

describe('Decimal', () => {
  it('parses and prints plain decimal strings (TMS-P-001)', () => {
    expect(Decimal.parse('2.50').toString()).toBe('2.5');
    expect(Decimal.parse('-0.000').toString()).toBe('0');
    expect(Decimal.parse('0.0016150').toString()).toBe('0.001615');
    expect(Decimal.parse('-12').toFixed(3)).toBe('-12.000');
    expect(Decimal.parse('-0.05').toFixed(2)).toBe('-0.05');
  });

  it('rejects exponents, plus signs, leading zeros and empty text (TMS-P-001)', () => {
    for (const s of ['1e-6', '+1', '01', '', '.5', '5.', '1,5', ' 1', 'NaN']) expect(() => Decimal.parse(s), s).toThrow(RangeError);
  });

  it('multiplies and adds exactly where floats do not (TMS-P-011, BerriAI/litellm#8867)', () => {
    // 0.001615 is BerriAI/litellm#8867's float artefact 0.0016150000000000001.
    expect(Decimal.parse('0.0000017').mul(Decimal.parse('950')).toString()).toBe('0.001615');
    expect(Decimal.parse('0.1').add(Decimal.parse('0.2')).toString()).toBe('0.3');
  });

  it('toFixed never rounds silently', () => {
    expect(() => Decimal.parse('1.005').toFixed(2)).toThrow(RangeError);
  });

  it('divInt rounds once with the given mode', () => {
    expect(Decimal.parse('1').divInt(3n, 4, 'half_even').toString()).toBe('0.3333');
    expect(Decimal.parse('2').divInt(3n, 2, 'half_up').toString()).toBe('0.67');
    expect(Decimal.parse('-2').divInt(3n, 2, 'floor').toString()).toBe('-0.67');
    expect(Decimal.parse('1').divInt(-8n, 2, 'half_even').toString()).toBe('-0.12');
  });

  it('parse(toString(x)) = x and addition is commutative and associative (property, TMS-P-011)', () => {
    fc.assert(
      fc.property(dec, dec, dec, (a, b, c) => {
        expect(Decimal.parse(a.toString()).eq(a)).toBe(true);
        expect(a.add(b).eq(b.add(a))).toBe(true);
        expect(
          a
            .add(b)
            .add(c)
            .eq(a.add(b.add(c))),
        ).toBe(true);
        expect(a.add(b).sub(b).eq(a)).toBe(true);
      }),
    );
  });

  it('each half-* rounding lands within half a unit and rounding is idempotent (property, TMS-P-003)', () => {
    fc.assert(
      fc.property(dec, fc.integer({ min: 0, max: 12 }), fc.constantFrom(...roundingModes), (x, s, mode) => {
        const r = x.round(s, mode);
        const again = r.round(s, mode);
        expect(again.eq(r)).toBe(true);
        const err = r.sub(x);
        const unit = Decimal.fromScaled(1n, s);
        const absErr = err.sign() < 0 ? err.neg() : err;
        if (mode.startsWith('half_')) expect(absErr.mul(Decimal.fromBigInt(2n)).cmp(unit)).toBeLessThanOrEqual(0);
        else expect(absErr.cmp(unit)).toBeLessThan(0);
        if (mode === 'floor' || (mode === 'down' && x.sign() >= 0)) expect(r.cmp(x)).toBeLessThanOrEqual(0);
        if (mode === 'ceiling' || (mode === 'up' && x.sign() >= 0)) expect(r.cmp(x)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('half_up and half_down are symmetric about zero (property, TMS-P-003)', () => {
    fc.assert(
      fc.property(
        dec,
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('half_up', 'half_down', 'half_even', 'up', 'down') as fc.Arbitrary<'half_up'>,
        (x, s, mode) => {
          expect(x.neg().round(s, mode).eq(x.round(s, mode).neg())).toBe(true);
        },
      ),
    );
  });
});
