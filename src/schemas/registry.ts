import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { InputError, type Location } from '../errors/errors.js';
import type { SchemaTypes } from './types.gen.js';
import { schemaValidators } from './validators.gen.js';

/** The name of a schema under schemas/ (its file name without `.json`). */
export type SchemaName = keyof SchemaTypes;

/** One problem found by schema validation, with the JSON pointer of the offending value. */
export interface SchemaIssue {
  /** RFC 6901 pointer into the validated value ('' is the root). */
  readonly pointer: string;
  /** Human-readable message naming what was expected. */
  readonly message: string;
}

/** Result of validating a value: a discriminated union on `ok`. */
export type SchemaResult = { readonly ok: true } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

/** Result of parsing a value with a schema: when valid, the value as the schema's generated type. */
export type SchemaParse<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

/** Names of every registered schema (file names under schemas/ without `.json`). */
export function schemaNames(): string[] {
  return Object.keys(schemaValidators);
}

/**
 * The compiled validator of schema `name`, a type guard for the schema's generated type; an unknown
 * name (given by a user, e.g. `validate --schema`) is an InputError listing the known ones.
 */
export function validatorFor<N extends SchemaName>(name: N): ValidateFunction<SchemaTypes[N]>;
export function validatorFor(name: string): ValidateFunction;
export function validatorFor(name: string): ValidateFunction {
  // Compiled ahead of time from schemas/ (npm run gen:types): compiling them here cost every
  // command and audit worker ~0.4 s of start-up.
  const v = Object.hasOwn(schemaValidators, name) ? schemaValidators[name] : undefined;
  if (!v) throw new InputError('unknown-schema', `unknown schema "${name}"; known: ${schemaNames().join(', ')}`);
  return v;
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown property "${e.params.additionalProperty}"`;
    case 'required':
      return `missing required property "${e.params.missingProperty}"`;
    case 'enum':
      return `must be one of ${JSON.stringify(e.params.allowedValues)}`;
    case 'const':
      return `must be ${JSON.stringify(e.params.allowedValue)}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Validates `value` against schema `name`, returning every issue with its JSON pointer. */
export function safeValidate(name: string, value: unknown): SchemaResult {
  const v = validatorFor(name);
  return v(value) ? { ok: true } : { ok: false, issues: issuesOf(v.errors) };
}

/** Validates `value` against schema `name` and, when valid, gives it back as the schema's type; otherwise every issue. */
export function safeParse<N extends SchemaName>(name: N, value: unknown): SchemaParse<SchemaTypes[N]> {
  const v = validatorFor(name);
  return v(value) ? { ok: true, value } : { ok: false, issues: issuesOf(v.errors) };
}

/** Ajv's errors as issues with JSON pointers, without the repeats of oneOf/anyOf wrappers. */
function issuesOf(errors: readonly ErrorObject[] | null | undefined): SchemaIssue[] {
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const e of errors ?? []) {
    // oneOf/anyOf wrappers repeat what their branches already said.
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const pointer =
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${e.params.additionalProperty}`
        : e.keyword === 'required'
          ? `${e.instancePath}/${e.params.missingProperty}`
          : e.instancePath;
    const message = describe(e);
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer, message });
  }
  return issues;
}

/**
 * Validates `value` against schema `name` and returns it as the schema's generated type
 * (`validate('suite', x)` is a Suite); throws an InputError at `where` naming the first issue.
 */
export function validate<N extends SchemaName>(name: N, value: unknown, where: Location = {}): SchemaTypes[N] {
  const v = validatorFor(name);
  if (v(value)) return value;
  const issues = issuesOf(v.errors);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new InputError('input-invalid', `${first.message}${more}`, { ...where, pointer: first.pointer });
}
