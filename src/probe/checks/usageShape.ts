import { matchingVariants, toCells } from '../../measure/usageConventions.js';
import { exchangeRoles, WITH_USAGE } from '../exchangeRoles.js';
import { usageApiOf } from '../types.js';
import { holds, judgeEach, violates } from './support.js';
import type { Check } from './types.js';

/** Flags of toCells that are about shape; the relations (subsets, totals) belong to their own checks. */
const SHAPE_FLAGS = new Set(['not-an-object', 'missing-field', 'wrong-type', 'negative', 'fractional', 'too-large']);

/** Every non-streamed usage object of the case has its convention's shape: required counts present, non-negative integers (TMS-C-110). */
export const usageShape: Check = {
  name: 'usage-shape',
  title: 'Usage object has the shape of its convention',
  level: 'MUST',
  requirements: ['TMS-C-110', 'TMS-M-020'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const api = usageApiOf[ctx.model.api];
    // Streams are judged by the stream checks: a stream's usage is assembled from its chunks.
    return judgeEach(
      ctx,
      WITH_USAGE.filter((k) => !exchangeRoles[k].streamed),
      (_kind, reply) => {
        if (reply.usage === undefined) return violates('the response carries no usage object', `a ${api} usage object`, null);
        const r = toCells(api, reply.usage);
        if (r.ok) return holds(`a ${api} usage object`, reply.usage, { cells: r.usage.cells });
        const shape = r.flags.filter((f) => SHAPE_FLAGS.has(f));
        if (shape.length > 0) return violates(`malformed ${api} usage: ${r.message}`, `a ${api} usage object`, reply.usage, { flags: r.flags });
        // Only relational flags: the shape is right; totals-are-sums / cached-within-input / reasoning-within-output judge the rest.
        // A known deviation is named (TMS-M-055) so the failing relational checks can be traced to it.
        const variants = matchingVariants(api, reply.usage);
        return holds(`a ${api} usage object`, reply.usage, { relational_flags: r.flags, ...(variants.length > 0 ? { known_variants: variants } : {}) });
      },
    );
  },
};
