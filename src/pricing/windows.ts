import type { CompiledWindow } from './types.js';
import { localTimeOf } from './localTime.js';

const day = 86400;
const week = 7 * day;

/** True when local time (weekday, seconds) falls in the window, including the part that wraps past midnight into the next day. */
export function inWindow(w: CompiledWindow, weekday: number, seconds: number): boolean {
  for (const d of w.days) {
    if (d === weekday && seconds >= w.from && seconds < Math.min(w.until, day)) return true;
    if (w.until > day && (d + 1) % 7 === weekday && seconds < w.until - day) return true;
  }
  return false;
}

/** True when the instant `ms` falls in one of the windows, read in `zone` (TMS-P-005). */
export function inWindows(windows: readonly CompiledWindow[], ms: number, zone: string): boolean {
  const { weekday, seconds } = localTimeOf(ms, zone);
  return windows.some((w) => inWindow(w, weekday, seconds));
}

/** The half-open weekly intervals [a, b) in seconds from Monday 00:00 covered by windows (undefined = the whole week). */
export function weeklyIntervals(windows: readonly CompiledWindow[] | undefined): [number, number][] {
  if (!windows) return [[0, week]];
  const out: [number, number][] = [];
  for (const w of windows) {
    for (const d of w.days) {
      const a = d * day + w.from;
      const b = d * day + w.until;
      if (b <= week) out.push([a, b]);
      else out.push([a, week], [0, b - week]);
    }
  }
  return out;
}

/** True when two sets of windows (in the same time zone) share any instant of the week. */
export function windowsOverlap(a: readonly CompiledWindow[] | undefined, b: readonly CompiledWindow[] | undefined): boolean {
  const ia = weeklyIntervals(a);
  const ib = weeklyIntervals(b);
  return ia.some(([a0, a1]) => ib.some(([b0, b1]) => a0 < b1 && b0 < a1));
}
