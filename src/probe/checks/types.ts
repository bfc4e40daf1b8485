import type { Reply } from '../adapters/types.js';
import type { CaseInput, CheckOutcome, ExchangeKind, ModelProfile } from '../types.js';

/** The names of the probe's checks, fixed here; reference-provider fault modes cite them in `catches`. */
export type CheckName =
  | 'usage-shape'
  | 'prompt-count-exact'
  | 'count-endpoint-matches-usage'
  | 'deterministic-counts'
  | 'marginal-consistency'
  | 'stream-usage-equals-nonstream'
  | 'stream-include-usage-final-chunk'
  | 'stream-cumulative-usage'
  | 'max-tokens-honoured'
  | 'output-covers-text'
  | 'totals-are-sums'
  | 'cached-within-input'
  | 'caching-reported'
  | 'reasoning-within-output'
  | 'transport-errors-surface'
  | 'tokenizer-fingerprint'
  | 'cache-writes-reported';

/** What a check sees: the model, the case input and the parsed replies of the exchanges made. */
export interface CheckContext {
  readonly model: ModelProfile;
  readonly input: CaseInput;
  /** The parsed reply of an exchange, or undefined when it was not made (budget, or not built for this API). */
  reply(kind: ExchangeKind): Reply | undefined;
  /** Every exchange made for the case, with its reply, in order. */
  all(): readonly { kind: ExchangeKind; reply: Reply }[];
}

/**
 * One check: a pure function of the exchanges it needs, so `report recheck` can recompute its verdict
 * offline from transcripts. Each cites the requirements it verifies (schemas/event.json result).
 */
export interface Check {
  readonly name: CheckName;
  readonly title: string;
  /** Strongest BCP 14 level among the requirements. */
  readonly level: 'MUST' | 'SHOULD' | 'MAY';
  readonly requirements: readonly [string, ...string[]];
  /** The exchanges the check needs for this model (the runner makes the union once per case). */
  needs(model: ModelProfile): readonly ExchangeKind[];
  evaluate(ctx: CheckContext): CheckOutcome;
}
