// Type guards for the loosely typed parts of events and reports (evidence, metric data, options,
// target facts: JSON objects whose shape each check or metric chooses). Renderers read them through
// these instead of casting, so a value of an unexpected shape is shown as missing, never trusted.

import { isDecimal } from './sumDecimals.js';

/** A JSON object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** `x[key]` when `x` is an object, else undefined. */
export function field(x: unknown, key: string): unknown {
  return isRecord(x) ? x[key] : undefined;
}

/** The string, or undefined. */
export function stringOr(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** The finite number, or undefined. */
export function numberOr(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/** The items of an array, or [] when `x` is not one. */
export function itemsOf(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** The objects of an array (other items dropped); [] when `x` is not an array. */
export function recordsOf(x: unknown): Record<string, unknown>[] {
  return Array.isArray(x) ? x.filter(isRecord) : [];
}

/** `{file?, line?, pointer?}` of an evidence location, the fields of the wrong type left out; null when absent. */
export function locationOf(x: unknown): { file?: string; line?: number; pointer?: string } | null {
  if (!isRecord(x)) return null;
  const file = stringOr(x.file);
  const line = numberOr(x.line);
  const pointer = stringOr(x.pointer);
  return { ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}), ...(pointer !== undefined ? { pointer } : {}) };
}

/** `file:line pointer` of a location. */
export function locationLine(loc: { file?: string; line?: number; pointer?: string }): string {
  return `${[loc.file, loc.line].filter((y) => y !== undefined).join(':')}${loc.pointer !== undefined ? ` ${loc.pointer}` : ''}`;
}

/** A money amount `{currency, amount}` with a decimal-string amount, or null. */
export function moneyOf(x: unknown): { currency: string; amount: string } | null {
  const currency = field(x, 'currency');
  const amount = field(x, 'amount');
  return typeof currency === 'string' && isDecimal(amount) ? { currency, amount } : null;
}

/** The `code` of a Node system error, else its message, else its text. */
export function errorCode(e: unknown): string {
  const code = field(e, 'code');
  if (typeof code === 'string') return code;
  return e instanceof Error ? e.message : String(e);
}
