import { WITH_USAGE } from '../exchangeRoles.js';
import { holds, inapplicable, judgeEach, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** Where the convention counts reasoning inside output, reasoning never exceeds it, on every response (TMS-M-023). */
export const reasoningWithinOutput: Check = {
  name: 'reasoning-within-output',
  title: 'Reasoning tokens are within output tokens',
  level: 'MUST',
  requirements: ['TMS-M-023'],
  needs: () => ['plain'],
  evaluate(ctx) {
    return judgeEach(ctx, WITH_USAGE, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const c = u.counts;
      if (!c.reasoningInside) return inapplicable('this convention reports reasoning beside the output count (Gemini thoughts)');
      if (c.outputFigure !== undefined && c.reasoning <= c.outputFigure) return holds(`≤ ${c.outputFigure}`, c.reasoning);
      return violates(`reasoning ${c.reasoning} exceeds output ${String(c.outputFigure)}`, `≤ ${String(c.outputFigure)}`, c.reasoning);
    });
  },
};
