import { visible } from '../report/escape.js';
import type { CliIo } from './command.js';

// What a terminal would act on: C0/C1 controls (ESC starts OSC "retitle", CSI "clear screen",
// cursor moves), DEL, bidi overrides. `visible` shows them as `\uXXXX`; CR is added so text from a
// server or a file cannot return to the line start and overwrite a verdict.
const escapeAll = (s: string): string => visible(s).replace(/\r/g, '\\u000D');

// tokencert's own progress output on standard error: a leading CR, colour (SGR) and erase-line.
const OWN = /^\r|\u001b\[[0-9;]*m|\u001b\[2?K/g;

/** Text for standard output: every control character but LF and TAB shown escaped (TMS-C-015). */
export function consoleText(s: string): string {
  return escapeAll(s);
}

/** Text for standard error: as consoleText, except tokencert's own progress controls (a leading CR, colours, erase-line). */
export function consoleErrText(s: string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(OWN)) {
    out += escapeAll(s.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + escapeAll(s.slice(last));
}

/** The same streams with control characters from servers or files shown escaped (TMS-C-015). */
export function consoleSafeIo(io: CliIo): CliIo {
  return { ...io, out: (t) => io.out(consoleText(t)), err: (t) => io.err(consoleErrText(t)) };
}
