import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

/** Where the convention counts reasoning inside output, reasoning never exceeds it (TMS-M-023). */
export const reasoningWithinOutput: Check = {
  name: 'reasoning-within-output',
  title: 'Reasoning tokens are within output tokens',
  level: 'MUST',
  requirements: ['TMS-M-023'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const u = usable(ctx, 'plain');
    if (!u.ok) return u.outcome;
    const c = countsOf(ctx, 'plain', u.reply);
    if (!c.ok) return c.outcome;
    if (!c.counts.reasoningInside) return notApplicable('this convention reports reasoning beside the output count (Gemini thoughts)');
    if (c.counts.outputFigure !== undefined && c.counts.reasoning <= c.counts.outputFigure) return pass('plain', `≤ ${c.counts.outputFigure}`, c.counts.reasoning);
    return fail('plain', `reasoning ${c.counts.reasoning} exceeds output ${String(c.counts.outputFigure)}`, `≤ ${String(c.counts.outputFigure)}`, c.counts.reasoning);
  },
};
