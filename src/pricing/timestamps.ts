const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `mo` (1–12) of year `y`, proleptic Gregorian. */
function daysIn(y: number, mo: number): number {
  return mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : monthDays[mo - 1];
}

/** The number written by `n` ASCII digits at `i`, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Epoch milliseconds of an RFC 3339 timestamp with an explicit offset (`Z` or `±HH:MM`), or
 * undefined when the text is not one (wrong shape, impossible date, leap second). Fractions below
 * a millisecond are truncated; prices never change within a millisecond. Parsed by hand: this runs
 * once per priced record.
 */
export function parseTimestamp(text: string): number | undefined {
  if (typeof text !== 'string' || text.length < 20) return undefined;
  const t = text.charCodeAt(10);
  const base = utcSeconds(text);
  if (base === undefined || (t !== 84 && t !== 116)) return undefined;
  let i = 19;
  let ms = 0;
  if (text[i] === '.') {
    i++;
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
      if (i - start < 3) ms = ms * 10 + (text.charCodeAt(i) - 48);
      i++;
    }
    if (i === start) return undefined;
    for (let k = i - start; k < 3; k++) ms *= 10;
  }
  let off = 0;
  const z = text[i];
  if (z === 'Z' || z === 'z') {
    if (i + 1 !== text.length) return undefined;
  } else if (z === '+' || z === '-') {
    if (i + 6 !== text.length || text[i + 3] !== ':') return undefined;
    const oh = digits(text, i + 1, 2);
    const om = digits(text, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    off = (z === '-' ? -1 : 1) * (oh * 60 + om) * 60000;
  } else return undefined;
  return base + ms - off;
}

/**
 * Epoch milliseconds of the `YYYY-MM-DD?HH:MM:SS` start of an RFC 3339 timestamp, or undefined when
 * a field is not digits, out of range (leap seconds included) or an impossible date. The character
 * at index 10 (T) is the caller's to check. The one date-time reader of parseTimestamp and
 * settlement's parseInstant; Date.UTC reads years 0–99 as 1900–1999, so callers that care refuse them.
 */
export function utcSeconds(text: string): number | undefined {
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') return undefined;
  if (d > daysIn(y, mo)) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Like parseTimestamp, but also accepts a bare date (`2025-06-10`, meaning midnight UTC). */
export function parseTimestampOrDate(text: string): number | undefined {
  const m = dateOnly.exec(text);
  if (!m) return parseTimestamp(text);
  if (+m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > daysIn(+m[1], +m[2])) return undefined;
  return Date.UTC(+m[1], +m[2] - 1, +m[3]);
}
