import { clip, showJson, visible } from './escape.js';
import type { Money } from './groupFailures.js';
import { specHref } from './requirementStatus.js';

// Small conversions every part of the HTML view model shares. Every string from a run (which a
// provider may control) passes through `v()` and is HTML-escaped by `{{ }}` in the templates.

const MAX_EVIDENCE = 4000;
const MAX_CELL = 300;

/** A run's string made visible (controls, bidi overrides and lone surrogates as \uXXXX). */
export const v = (s: unknown): string => visible(String(s ?? ''));

/** A JSON value as a visible, clipped block. */
export const pre = (x: unknown): string => {
  const s = showJson(x);
  return visible(s.length > MAX_EVIDENCE ? `${clip(s, MAX_EVIDENCE)}\n(clipped: the full value is in report.json)` : s);
};

/** `{count}` of the rows not shown, or null when every row is. */
export const more = (total: number, shown: number) => (total > shown ? { count: total - shown } : null);

/** A value as one compact table cell: strings as themselves, JSON on one line, clipped. */
export const cellText = (x: unknown, has: boolean): string => (has ? v(clip(typeof x === 'string' ? x : (JSON.stringify(x) ?? ''), MAX_CELL)) : '—');

/** A message clipped to one table cell. */
export const cellMessage = (s: string): string => v(clip(s, MAX_CELL));

export const money = (m: Money): { amount: string; currency: string } => ({ amount: v(m.amount), currency: v(m.currency) });

/** The colour class of a status. */
export const tone = (s: string): string =>
  ({ pass: 'pass', fail: 'fail', error: 'fail', skip: 'muted', not_applicable: 'muted', not_assessed: 'muted' })[s] ?? 'muted';

/** A status as words. */
export const label = (s: string): string => s.replace(/_/g, ' ');

/** ' s' when a count needs the plural. */
export const plural = (n: number): string => (n === 1 ? '' : 's');

/** A requirement id with the link to its section in spec/tms.md at `base`. */
export function specLinkView(id: string, title: string, base?: string) {
  return { id: v(id), title: v(title), href: v(specHref(id, title, base)) };
}
