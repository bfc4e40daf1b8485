import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors/errors.js';

/** One flag's declaration, as node:util parseArgs takes it. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}

/** A command's flag declarations by long name. */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type Scalar<T> = T extends 'boolean' ? boolean : string;

/** The value a flag's declaration yields: a switch is boolean, a repeated flag a list; a general declaration may be any of them. */
type FlagValue<S extends FlagSpec> = S extends { multiple: true }
  ? Scalar<S['type']>[]
  : S extends { multiple: false }
    ? Scalar<S['type']>
    : 'multiple' extends keyof S
      ? Scalar<S['type']> | Scalar<S['type']>[]
      : Scalar<S['type']>;

/** Parsed flag values, typed from the declarations: absent flags are undefined. */
export type FlagValues<O extends FlagSpecs> = { readonly [K in keyof O]?: FlagValue<O[K]> };

/** Parsed command-line values: flags by name plus positional arguments. */
export interface ParsedArgs<O extends FlagSpecs = FlagSpecs> {
  readonly values: FlagValues<O>;
  readonly positionals: string[];
}

/**
 * Parses `args` against the declarations in strict mode (unknown flags, a value given to a switch
 * or a missing value throw node:util's ERR_PARSE_ARGS_* errors; runCli words them).
 */
export function parseFlags<O extends FlagSpecs>(options: O, args: string[], allowPositionals: boolean): ParsedArgs<O> {
  const parsed = parseArgs({ args, options, allowPositionals, strict: true });
  // The one trusted step: in strict mode every value has the type its declaration names.
  return { values: parsed.values as FlagValues<O>, positionals: parsed.positionals };
}

/** A string flag the command cannot run without: `COMMAND: --NAME [METAVAR] is required` when absent or empty. */
export function requiredString(command: string, name: string, value: string | undefined, metavar?: string): string {
  if (value === undefined || value === '') throw new UsageError(`${command}: --${name}${metavar ? ` ${metavar}` : ''} is required`);
  return value;
}

/** The integers an integer flag accepts. */
export type IntRange = 'non-negative' | 'positive' | { readonly min: number; readonly max: number };

/**
 * An integer flag in decimal digits within `range`, or undefined when absent. Anything else (a sign,
 * a fraction, an exponent, hex, blanks, a number past 2^53) is a usage error naming the flag.
 */
export function optionalInt(command: string, name: string, value: string | undefined, range: IntRange = 'non-negative'): number | undefined {
  if (value === undefined) return undefined;
  const min = range === 'positive' ? 1 : range === 'non-negative' ? 0 : range.min;
  const max = typeof range === 'object' ? range.max : Number.MAX_SAFE_INTEGER;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    const what = typeof range === 'object' ? `an integer ${min}–${max}` : `a ${range} integer`;
    throw new UsageError(`${command}: --${name} must be ${what}, got "${value}"`);
  }
  return n;
}

/** An integer flag the command cannot run without (see optionalInt). */
export function requiredInt(command: string, name: string, value: string | undefined, range: IntRange = 'non-negative'): number {
  return optionalInt(command, name, value ?? '', range) ?? 0;
}

/** Whether `value` is one of `allowed` (a type guard, so the caller keeps the narrow type without a cast). */
export function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return allowed.some((a) => a === value);
}

/** `value` when it is one of `allowed`; otherwise a usage error listing them. Undefined stays undefined. */
export function oneOf<T extends string>(command: string, name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || isOneOf(value, allowed)) return value;
  const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`;
  throw new UsageError(`${command}: --${name} must be ${list}, got "${value}"`);
}

/** A path flag resolved against the working directory, or `fallback` (already absolute) when absent. */
export function pathFlag(value: string | undefined, fallback: string): string {
  return value !== undefined && value !== '' ? resolve(value) : fallback;
}

/** The FOCUS parties named by --focus-account and --focus-provider (settle, audit and audit merge). */
export function focusParties(values: { readonly 'focus-account'?: string; readonly 'focus-provider'?: string }): { account?: string; provider?: string } {
  const account = values['focus-account'] || undefined;
  const provider = values['focus-provider'] || undefined;
  return { ...(account ? { account } : {}), ...(provider ? { provider } : {}) };
}
