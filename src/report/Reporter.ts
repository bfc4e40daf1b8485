import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InternalError } from '../errors/errors.js';
import { outputError } from '../io/outputError.js';
import type { CaseStartedEvent, Event, ExchangeEvent, MetricEvent, NoteEvent, ResultEvent, RunFinishedEvent, RunStartedEvent } from '../schemas/types.gen.js';
import { redactSecrets } from './redactSecrets.js';
import { isEventOf, parseEvent } from './validateEvent.js';

/** An event as a caller gives it: the reporter adds `v`, `seq`, `type` and `time`. */
export type EventInput<E extends Event> = Omit<E, 'v' | 'seq' | 'type' | 'time'>;

/** Options of `Reporter.open`. */
export interface ReporterOptions {
  /** Clock for `time` (tests pass a fixed one); defaults to the system clock. */
  readonly now?: () => Date;
  /** Secret values (API keys) to scrub from every string written, whatever field they end up in (TMS-C-207). */
  readonly secrets?: readonly string[];
}

/** File name of the event stream inside a run directory. */
export const EVENTS_FILE = 'events.jsonl';

/**
 * Writes a run's event stream, `DIR/events.jsonl`, one JSON event per line (TMS-C-200).
 *
 * Each event is validated against schemas/event.json and written with one synchronous write as soon
 * as it happens, so a crashed run leaves every earlier event on disk and at most one cut-off last
 * line, which `report render` then names. A bad event is a bug in the caller: InternalError.
 */
export class Reporter {
  /** Absolute or relative path of the events file being written. */
  readonly path: string;
  readonly #now: () => Date;
  readonly #secrets: readonly string[];
  #fd: number | undefined;
  #seq = 0;
  #started = false;
  #finished = false;

  private constructor(path: string, fd: number, opts: ReporterOptions) {
    this.path = path;
    this.#fd = fd;
    this.#now = opts.now ?? (() => new Date());
    this.#secrets = (opts.secrets ?? []).filter((s) => s.length >= 4);
  }

  /** Creates `dir` if needed and starts a fresh `dir/events.jsonl` (an existing one is replaced). */
  static async open(dir: string, opts: ReporterOptions = {}): Promise<Reporter> {
    const path = join(dir, EVENTS_FILE);
    try {
      mkdirSync(dir, { recursive: true });
      return new Reporter(path, openSync(path, 'w'), opts);
    } catch (e) {
      throw outputError(path, e, 'cannot write events');
    }
  }

  /** Number of events written so far. */
  get count(): number {
    return this.#seq;
  }

  /** Records the start of the run; must be the first event. */
  runStarted(e: EventInput<RunStartedEvent>): RunStartedEvent {
    if (this.#started) throw new InternalError('Reporter.runStarted: the run has already started');
    this.#started = true;
    return this.#write('run_started', e);
  }

  /** Records that a case begins. */
  caseStarted(e: EventInput<CaseStartedEvent>): CaseStartedEvent {
    return this.#write('case_started', e);
  }

  /** Records one HTTP exchange by digest. */
  exchange(e: EventInput<ExchangeEvent>): ExchangeEvent {
    return this.#write('exchange', e);
  }

  /** Records the outcome of one check. */
  result(e: EventInput<ResultEvent>): ResultEvent {
    return this.#write('result', e);
  }

  /** Records a measurement that is not a verdict (e.g. comparability). */
  metric(e: EventInput<MetricEvent>): MetricEvent {
    return this.#write('metric', e);
  }

  /** Records a message for the reader. */
  note(e: EventInput<NoteEvent>): NoteEvent {
    return this.#write('note', e);
  }

  /** Records the end of the run; must be the last event. */
  runFinished(e: EventInput<RunFinishedEvent>): RunFinishedEvent {
    const ev = this.#write('run_finished', e);
    this.#finished = true;
    return ev;
  }

  /** Flushes the file to disk and closes it; safe to call twice. */
  async close(): Promise<void> {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  #write<T extends Event['type']>(type: T, input: object): Extract<Event, { type: T }> {
    const name = `Reporter.${type.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}`;
    if (this.#fd === undefined) throw new InternalError(`${name}: the reporter is closed`);
    if (!this.#started) throw new InternalError(`${name}: runStarted must be the first event`);
    if (this.#finished) throw new InternalError(`${name}: the run has already finished`);
    const parsed = parseEvent(redactSecrets({ v: 1, seq: this.#seq + 1, type, time: this.#now().toISOString(), ...input }, this.#secrets));
    if (!parsed.ok) throw new InternalError(`${name}: invalid event: ${parsed.issues.map((i) => `${i.pointer || '(root)'} ${i.message}`).join('; ')}`);
    const event = parsed.event;
    if (!isEventOf(event, type)) throw new InternalError(`${name}: wrote a ${event.type} event`);
    const line = `${JSON.stringify(event)}\n`;
    try {
      writeSync(this.#fd, line);
    } catch (e) {
      throw outputError(this.path, e, 'cannot write events');
    }
    this.#seq++;
    return event;
  }
}
