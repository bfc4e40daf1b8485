/**
 * Every error tokencert raises on purpose, with a stable kebab-case code.
 *
 * Stage of a run            → error raised
 * - parsing the command line → UsageError      (`usage`)               exit 2
 * - reading a user's file    → InputError      (`input-*` codes)       exit 2
 * - validating a record      → InputError      (`input-invalid`)       exit 2
 * - resolving names          → InputError      (`unknown-encoding`, `unknown-model`, …) exit 2
 * - a verdict that failed    → VerdictError    (`verdict-failed`)      exit 1
 * - anything unexpected      → InternalError   (`internal`)            exit 70, a bug in tokencert
 *
 * User errors (usage, input, verdict) are kept apart from internal bugs so the CLI can print
 * the first as one clear line and ask for a bug report only for the second.
 */

/** Where in a user's file something is wrong; every field is optional because not every input has lines. */
export interface Location {
  /** The file path as the user gave it, or `-` for standard input. */
  readonly file?: string;
  /** 1-based line number. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** RFC 6901 JSON pointer into the record on that line. */
  readonly pointer?: string;
}

/** The stable codes of user-facing errors. */
export type ErrorCode =
  | 'usage'
  | 'input-missing'
  | 'input-unreadable'
  | 'input-encoding'
  | 'input-syntax'
  | 'input-invalid'
  | 'unknown-encoding'
  | 'unknown-model'
  | 'unknown-currency'
  | 'unknown-schema'
  | 'ambiguous-price'
  | 'no-price'
  | 'mixed-currency'
  | 'output-unwritable'
  | 'network'
  | 'verdict-failed'
  | 'internal';

/** Formats a location as `file:line:column /pointer`, leaving out what is unknown. */
export function formatLocation(loc: Location): string {
  let out = loc.file ?? '';
  if (loc.line !== undefined) out += `${out ? ':' : 'line '}${loc.line}`;
  if (loc.column !== undefined && loc.line !== undefined) out += `:${loc.column}`;
  if (loc.pointer !== undefined) out += `${out ? ' ' : ''}${loc.pointer === '' ? '(root)' : loc.pointer}`;
  return out;
}

/** Base class of every deliberate tokencert error: a code, an exit code and an optional location. */
export class TokencertError extends Error {
  /** Stable kebab-case code, safe to match on. */
  readonly code: ErrorCode;
  /** The process exit code the CLI uses for this error. */
  readonly exitCode: number;
  /** Where the problem is, when it is in a user's input. */
  readonly location: Location | undefined;

  constructor(code: ErrorCode, message: string, exitCode: number, location?: Location, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.location = location;
  }

  /** One line for a terminal: `location: message [code]`. */
  toLine(): string {
    const where = this.location ? formatLocation(this.location) : '';
    return `${where ? `${where}: ` : ''}${this.message} [${this.code}]`;
  }
}

/** The command line itself is wrong: unknown flag, missing argument, conflicting options. */
export class UsageError extends TokencertError {
  constructor(message: string) {
    super('usage', message, 2);
  }
}

/** A user's input cannot be used: missing, unreadable, malformed, invalid or naming unknown things. */
export class InputError extends TokencertError {
  constructor(code: Exclude<ErrorCode, 'usage' | 'verdict-failed' | 'internal'>, message: string, location?: Location, options?: ErrorOptions) {
    super(code, message, 2, location, options);
  }
}

/** A check, verification or audit ran and its verdict is "fail". */
export class VerdictError extends TokencertError {
  constructor(message: string) {
    super('verdict-failed', message, 1);
  }
}

/** A bug in tokencert: an invariant of our own code was broken. */
export class InternalError extends TokencertError {
  constructor(message: string, options?: ErrorOptions) {
    super('internal', message, 70, undefined, options);
  }
}

/** True when `e` is an error tokencert raised on purpose. */
export function isTokencertError(e: unknown): e is TokencertError {
  return e instanceof TokencertError;
}
