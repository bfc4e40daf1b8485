import { join } from 'node:path';
import { InputError } from '../errors/errors.js';
import { sha256Hex } from '../digest/sha256.js';
import { MAX_LARGE_DOCUMENT_BYTES } from '../io/inputFile.js';
import { parseJson } from '../io/parseJson.js';
import { lineTooLong, splitLines } from '../io/readLines.js';
import { decodeUtf8, readBytes } from '../io/readText.js';
import type { Event } from '../schemas/types.gen.js';
import { EVENTS_FILE } from './Reporter.js';
import { parseEvent } from './validateEvent.js';

/** A problem in the event stream that does not stop rendering (a crashed run's cut-off last line). */
export interface StreamProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** The events of a run, read and checked. */
export interface RunEvents {
  /** Path of the events file as read. */
  readonly file: string;
  /** Every event, in order, each valid against schemas/event.json. */
  readonly events: readonly Event[];
  /** SHA-256 of the file bytes read. */
  readonly sha256: string;
  /** Tolerated problems (at most a truncated last line). */
  readonly problems: readonly StreamProblem[];
}

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

/**
 * Reads and checks `dir/events.jsonl` (TMS-C-200). A last line that is cut off (no final newline and
 * not parseable: a run that crashed mid-write) is returned as a problem with its line; any other
 * malformed or invalid line, an unknown event type, or a broken sequence is an InputError naming
 * file, line and JSON pointer (TMS-C-001).
 */
export async function readEvents(dir: string): Promise<RunEvents> {
  const file = join(dir, EVENTS_FILE);
  const bytes = await readBytes(file, MAX_LARGE_DOCUMENT_BYTES);
  const endsWithNewline = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a;
  const events: Event[] = [];
  const problems: StreamProblem[] = [];
  let lastLine = 0;
  for await (const { line } of splitLines(once(bytes))) lastLine = line;
  for await (const { line, bytes: raw, tooLong } of splitLines(once(bytes))) {
    if (tooLong !== undefined) throw new InputError('input-invalid', lineTooLong(tooLong), { file, line });
    let value: unknown;
    try {
      // A crash can cut a line inside a multi-byte character as well as inside the JSON.
      const text = decodeUtf8(raw, file);
      if (text.trim() === '') continue;
      value = parseJson(text, file, line - 1);
    } catch (e) {
      if (line === lastLine && !endsWithNewline) {
        problems.push({ file, line, message: 'truncated last line (the run stopped while writing it); the report uses the events before it' });
        break;
      }
      // decodeUtf8 counts lines within the bytes it got: one line, so put the file's line back.
      if (e instanceof InputError && e.code === 'input-encoding') throw new InputError('input-encoding', e.message, { file, line });
      throw e;
    }
    const parsed = parseEvent(value);
    if (!parsed.ok) {
      const { issues } = parsed;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
      throw new InputError('input-invalid', `invalid event: ${issues[0].message}${more}`, { file, line, pointer: issues[0].pointer });
    }
    const ev = parsed.event;
    const expected = events.length + 1;
    if (ev.seq !== expected)
      throw new InputError('input-invalid', `event out of sequence: seq ${ev.seq}, expected ${expected}`, { file, line, pointer: '/seq' });
    if (events.length === 0 && ev.type !== 'run_started')
      throw new InputError('input-invalid', `the first event must be run_started, not ${ev.type}`, { file, line, pointer: '/type' });
    if (events.length > 0 && ev.type === 'run_started')
      throw new InputError('input-invalid', 'a second run_started event: one run per events file', { file, line, pointer: '/type' });
    if (events.length > 0 && events[events.length - 1].type === 'run_finished')
      throw new InputError('input-invalid', 'an event after run_finished', { file, line, pointer: '/type' });
    events.push(ev);
  }
  if (events.length === 0) throw new InputError('input-invalid', 'no events: the file holds no run_started event', { file, line: problems[0]?.line ?? 1 });
  return { file, events, sha256: sha256Hex(bytes), problems };
}
