import { adapterFor } from './adapters/adapterFor.js';
import type { Reply } from './adapters/types.js';
import { checks } from './checks/index.js';
import type { Check, CheckContext } from './checks/types.js';
import { caseExchanges } from './exchangeRoles.js';
import type { CaseInput, CheckOutcome, ExchangeKind, ExchangeRecord, ModelProfile } from './types.js';
import { errorMessage } from '../io/errnoCode.js';

export { EXCHANGE_ORDER } from './exchangeRoles.js';

/**
 * The exchanges a case makes for a model: the union of its checks' needs, in EXCHANGE_ORDER; in a
 * caching case the plain, repeat and stream exchanges are the cache write and its hits.
 */
export function neededExchanges(checkNames: readonly string[], model: ModelProfile, input: CaseInput): ExchangeKind[] {
  const need = new Set<ExchangeKind>();
  for (const n of checkNames) for (const k of checks.get(n)!.needs(model)) need.add(k);
  return caseExchanges(need, input);
}

/** One check's outcome on a case. */
export interface CheckRun {
  readonly check: Check;
  readonly outcome: CheckOutcome;
}

/**
 * Runs every check of a case on its recorded exchanges. Pure: the live run and `report recheck`
 * (from transcripts) call it with the same records and must get the same outcomes.
 */
export function evaluateCase(checkNames: readonly string[], model: ModelProfile, input: CaseInput, exchanges: readonly ExchangeRecord[]): CheckRun[] {
  const adapter = adapterFor(model.api);
  const replies = new Map<ExchangeKind, Reply>();
  for (const x of exchanges) replies.set(x.kind, adapter.parse(x.kind, x.response));
  const ctx: CheckContext = {
    model,
    input,
    reply: (k) => replies.get(k),
    all: () => exchanges.map((x) => ({ kind: x.kind, reply: replies.get(x.kind)! })),
  };
  return checkNames.map((name) => {
    const check = checks.get(name)!;
    try {
      return { check, outcome: check.evaluate(ctx) };
    } catch (e) {
      return { check, outcome: { status: 'error', reason: `check raised: ${errorMessage(e)}`, evidence: {} } };
    }
  });
}
