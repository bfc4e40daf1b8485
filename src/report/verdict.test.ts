import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CLASSES, computeVerdict, type VerdictInput } from './verdict.js';

const r = (level: VerdictInput['level'], status: VerdictInput['status'], classes: string[] = ['provider-api']): VerdictInput => ({ level, status, classes });
const cls = (v: ReturnType<typeof computeVerdict>, name: string) => v.classes.find((c) => c.class === name)!;

const arbResult: fc.Arbitrary<VerdictInput> = fc.record({
  level: fc.constantFrom('MUST', 'SHOULD', 'MAY'),
  status: fc.constantFrom('pass', 'fail', 'error', 'skip', 'not_applicable'),
  classes: fc.subarray([...CONFORMANCE_CLASSES], { minLength: 1 }),
});

describe('computeVerdict (TMS-C-202, TMS-C-203)', () => {
  it('a class with no results, or only skip/not_applicable ones, is not assessed', () => {
    const v = computeVerdict([r('MUST', 'skip'), r('SHOULD', 'not_applicable')], true);
    expect(cls(v, 'provider-api')).toMatchObject({ core: 'not_assessed', full: 'not_assessed', not_run: [0, 1] });
    expect(cls(v, 'counter')).toMatchObject({ core: 'not_assessed', full: 'not_assessed' });
    expect(v.overall).toBe('not_assessed');
    expect(v.classes.map((c) => c.class)).toEqual([...CONFORMANCE_CLASSES]);
  });

  it.each([
    ['MUST fail fails core and full', [r('MUST', 'pass'), r('MUST', 'fail')], 'fail', 'fail', 'fail'],
    ['MUST error fails core (TMS-C-203)', [r('MUST', 'pass'), r('MUST', 'error')], 'fail', 'fail', 'fail'],
    ['SHOULD fail fails full only', [r('MUST', 'pass'), r('SHOULD', 'fail')], 'pass', 'fail', 'pass'],
    ['SHOULD error fails full only', [r('MUST', 'pass'), r('SHOULD', 'error')], 'pass', 'fail', 'pass'],
    ['MAY fail changes nothing', [r('MUST', 'pass'), r('MAY', 'fail')], 'pass', 'pass', 'pass'],
    ['skips do not count against a level', [r('MUST', 'pass'), r('MUST', 'skip'), r('SHOULD', 'not_applicable')], 'pass', 'pass', 'pass'],
    ['only SHOULD results: core not assessed', [r('SHOULD', 'pass')], 'not_assessed', 'pass', 'pass'],
  ] as const)('%s', (_, results, core, full, overall) => {
    const v = computeVerdict(results as unknown as VerdictInput[], true);
    expect(cls(v, 'provider-api')).toMatchObject({ core, full });
    expect(v.overall).toBe(overall);
  });

  it('lists the deciding failures and the results not run by index', () => {
    const v = computeVerdict([r('MUST', 'fail'), r('MAY', 'fail'), r('SHOULD', 'error'), r('MUST', 'skip')], true);
    expect(cls(v, 'provider-api')).toMatchObject({
      failing: [0, 2],
      not_run: [3],
      counts: { total: 4, pass: 0, fail: 2, error: 1, skip: 1, not_applicable: 0 },
    });
  });

  it('a result counts for every class it names and no other', () => {
    const v = computeVerdict([r('MUST', 'fail', ['counter', 'pricer']), r('MUST', 'pass', ['settler'])], true);
    expect([cls(v, 'counter').core, cls(v, 'pricer').core, cls(v, 'settler').core, cls(v, 'auditor').core]).toEqual(['fail', 'fail', 'pass', 'not_assessed']);
  });

  it('a run that did not complete is never a pass, but a failure still fails it', () => {
    expect(computeVerdict([r('MUST', 'pass')], false).overall).toBe('incomplete');
    expect(computeVerdict([r('MUST', 'fail')], false).overall).toBe('fail');
  });

  it('TMS-C-202 property: core fails exactly when some MUST result of the class is fail or error', () => {
    fc.assert(
      fc.property(fc.array(arbResult, { maxLength: 30 }), (results) => {
        const v = computeVerdict(results, true);
        for (const c of v.classes) {
          const mine = results.filter((x) => x.classes.includes(c.class));
          const mustFailed = mine.some((x) => x.level === 'MUST' && (x.status === 'fail' || x.status === 'error'));
          expect(c.core === 'fail').toBe(mustFailed);
          expect(c.counts.total).toBe(mine.length);
        }
        expect(v.overall === 'fail').toBe(v.classes.some((c) => c.core === 'fail'));
      }),
    );
  });

  it('TMS-C-203 property: adding skip, not_applicable or MAY results never changes a decided level', () => {
    const neutral = fc.record({
      level: fc.constantFrom('MUST', 'SHOULD', 'MAY'),
      status: fc.constantFrom('skip', 'not_applicable'),
      classes: fc.subarray([...CONFORMANCE_CLASSES], { minLength: 1 }),
    }) as fc.Arbitrary<VerdictInput>;
    const may = arbResult.map((x) => ({ ...x, level: 'MAY' as const }));
    fc.assert(
      fc.property(fc.array(arbResult, { maxLength: 20 }), fc.array(fc.oneof(neutral, may), { maxLength: 10 }), (base, extra) => {
        const a = computeVerdict(base, true);
        const b = computeVerdict([...base, ...extra], true);
        a.classes.forEach((c, i) => {
          if (c.core !== 'not_assessed') expect(b.classes[i].core).toBe(c.core);
          if (c.full !== 'not_assessed') expect(b.classes[i].full).toBe(c.full);
        });
      }),
    );
  });
});
