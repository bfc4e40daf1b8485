import { priceUsage } from '../pricing/priceUsage.js';
import type { PriceSheet } from '../pricing/types.js';
import type { UsageCell } from '../schemas/types.gen.js';
import type { CheckOutcome } from './types.js';

// Checks whose expected and observed values are token counts of one kind, and the cell they bill.
const TOKEN_CHECKS: Readonly<Record<string, Omit<UsageCell, 'tokens'>>> = {
  'prompt-count-exact': { direction: 'input', cache: 'none', modality: 'text' },
  'count-endpoint-matches-usage': { direction: 'input', cache: 'none', modality: 'text' },
  'deterministic-counts': { direction: 'input', cache: 'none', modality: 'text' },
};

/**
 * The money a failed token-count check is worth under the target's price sheet: (observed − expected)
 * tokens priced at the cell they bill, positive when the target charged more (schemas/event.json
 * evidence.impact). Undefined when the check is not a count, the values are not numbers, or the model
 * has no price.
 */
export function impactOf(
  check: string,
  outcome: CheckOutcome,
  sheet: PriceSheet | undefined,
  model: string,
  at: string,
): { currency: string; amount: string } | undefined {
  const cell = TOKEN_CHECKS[check];
  const { expected, observed } = outcome.evidence;
  if (!sheet || !cell || outcome.status !== 'fail' || typeof expected !== 'number' || typeof observed !== 'number' || expected === observed) return undefined;
  const p = priceUsage(sheet, { model, at, usage: { cells: [{ ...cell, tokens: Math.abs(observed - expected) }] }, request: false });
  if (!p.ok) return undefined;
  return { currency: p.currency, amount: observed > expected || p.total === '0' ? p.total : `-${p.total}` };
}
