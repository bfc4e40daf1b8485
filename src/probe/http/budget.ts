import { Decimal } from '../../money/Decimal.js';

/** Why the run must stop early, as `run_finished.stopped` states it. */
export interface StopReason {
  /** budget-exhausted: --max-requests or --max-cost; cost-unknown: a response could not be priced under --max-cost (TMS-C-116); deadline / unresponsive: TMS-C-118; unknown-model is per model, not a stop. */
  readonly reason: 'budget-exhausted' | 'cost-unknown' | 'deadline' | 'unresponsive';
  readonly message: string;
}

/**
 * The request and cost budget of a run (TMS-C-105): every HTTP attempt (retries included) takes one
 * request; priced usage adds its exact cost. Once exhausted, no new request is sent and the run
 * stops cleanly, saying why.
 */
export class Budget {
  readonly maxRequests: number | undefined;
  readonly maxCost: Decimal | undefined;
  #requests = 0;
  #cost = Decimal.parse('0');
  #stopped: StopReason | undefined;

  constructor(opts: { maxRequests?: number; maxCost?: string } = {}) {
    this.maxRequests = opts.maxRequests;
    this.maxCost = opts.maxCost === undefined ? undefined : Decimal.parse(opts.maxCost);
  }

  /** Requests taken so far. */
  get requests(): number {
    return this.#requests;
  }

  /** Exact cost spent so far. */
  get cost(): string {
    return this.#cost.toString();
  }

  /** Why the budget stopped the run, or undefined while it has room. */
  get stopped(): StopReason | undefined {
    return this.#stopped;
  }

  /** Takes one request; returns false (and records the stop) when none is left. */
  take(): boolean {
    if (this.#stopped) return false;
    if (this.maxRequests !== undefined && this.#requests >= this.maxRequests) {
      this.#stopped = { reason: 'budget-exhausted', message: `request budget of ${this.maxRequests} exhausted (--max-requests); remaining cases were not run` };
      return false;
    }
    this.#requests++;
    return true;
  }

  /** Stops the run for a reason other than an exhausted budget; the first stop wins. */
  stop(reason: StopReason['reason'], message: string): void {
    this.#stopped ??= { reason, message };
  }

  /** Adds the exact cost of one priced response; stops further requests once the cap is reached. */
  spend(amount: string): void {
    this.#cost = this.#cost.add(Decimal.parse(amount));
    if (!this.#stopped && this.maxCost !== undefined && this.#cost.cmp(this.maxCost) >= 0) {
      this.#stopped = {
        reason: 'budget-exhausted',
        message: `cost budget of ${this.maxCost.toString()} reached (spent ${this.#cost.toString()}, --max-cost); remaining cases were not run`,
      };
    }
  }
}
