import { namesUnknownModel } from './adapters/types.js';
import type { Budget } from './http/budget.js';
import type { ExchangeRecord, ModelProfile } from './types.js';

/** The default run deadline: the default suite takes seconds on a healthy target (TMS-C-118). */
export const DEFAULT_DEADLINE_MS = 300_000;

/**
 * The limits that bound a run besides its budget (TMS-C-118, TMS-C-119): the overall deadline, a
 * target that has answered nothing letting a request time out, and models the target does not know.
 * Stopping aborts the HTTP client's signal, so requests in flight end at once.
 */
export class RunLimits {
  readonly #budget: Budget;
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #unknown = new Map<string, string>();
  #answered = false;
  #unreachable: string | undefined;

  constructor(budget: Budget, deadlineMs: number | undefined) {
    this.#budget = budget;
    if (deadlineMs !== undefined) {
      this.#timer = setTimeout(
        () =>
          this.stop(
            'deadline',
            `the run deadline of ${deadlineMs / 1000} s (--deadline) was reached; the run was cut short and the remaining checks were not run`,
          ),
        deadlineMs,
      );
      this.#timer.unref();
    }
  }

  /** The signal the HTTP client aborts on. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Stops the run: the budget records why, and requests in flight are aborted. */
  stop(reason: 'deadline' | 'unresponsive', message: string): void {
    this.#budget.stop(reason, message);
    if (!this.#controller.signal.aborted) this.#controller.abort(new Error(message));
  }

  /**
   * Takes note of an exchange: a timeout or network failure while the target has never given any
   * HTTP response (`responded`, from the client, counting every attempt) stops the run; a 404 naming
   * the model marks it unknown. Returns the sentence to note when the model is first found unknown.
   */
  observe(model: ModelProfile, x: ExchangeRecord, responded: boolean): string | undefined {
    const r = x.response;
    if (r.ok || responded) this.#answered = true;
    if (r.ok || this.#answered) {
      // The target answers HTTP: a failed exchange is the checks' business (transport-errors-surface).
    } else if (r.code === 'timeout')
      this.stop('unresponsive', `the target answered no request, and ${x.request.url} timed out; the run was cut short and the remaining checks were not run`);
    else if (r.code === 'network' && this.#unreachable === undefined) {
      // Connected, but no HTTP answer ever came back (TLS or protocol mismatch, connections reset): as unreachable as a refused connection (TMS-C-117).
      this.#unreachable = `${x.request.url} gave no HTTP answer after ${r.attempts} attempts (${r.error})`;
      this.stop('unresponsive', this.#unreachable);
    }
    if (r.ok && r.status === 404 && namesUnknownModel(r.body, model.id) && !this.#unknown.has(model.id)) {
      const why = `the target does not know model ${model.id} (HTTP 404: ${r.body.slice(0, 160).replace(/\s+/g, ' ')}); its remaining cases were not run`;
      this.#unknown.set(model.id, why);
      return why;
    }
    return undefined;
  }

  /** Why the target counts as unreachable: it never answered, and a request failed at the network level. */
  get unreachable(): string | undefined {
    return this.#unreachable;
  }

  /** Why a model's cases are skipped, when the target does not know it. */
  unknownModel(id: string): string | undefined {
    return this.#unknown.get(id);
  }

  /** Clears the deadline timer. */
  close(): void {
    clearTimeout(this.#timer);
  }
}
