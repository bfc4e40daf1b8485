import { isRecord } from '../io/isRecord.js';
/** The kinds of error the reference provider answers with; each API renders them in its own shape. */
export type ApiErrorKind = 'invalid-request' | 'unsupported-parameter' | 'authentication' | 'not-found' | 'too-large' | 'rate-limit' | 'unavailable';

/** An HTTP error answer: thrown inside a handler, rendered by the API's error shape (see errorBody.ts). */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  /** The offending request field, when there is one (OpenAI's `param`). */
  readonly param: string | undefined;

  constructor(kind: ApiErrorKind, status: number, message: string, param?: string) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.param = param;
  }
}

/** A 400 for a malformed request body, naming the field. */
export function badRequest(message: string, param?: string): ApiError {
  return new ApiError('invalid-request', 400, message, param);
}

/** Reads an optional positive integer field; absent is undefined, anything else is a 400. */
export function optionalPositiveInt(body: Record<string, unknown>, key: string, where = key): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw badRequest(`${where} must be a positive integer`, where);
  return v;
}

/** Narrows a JSON value to a plain object or throws a 400 naming it. */
export function asObject(v: unknown, where: string): Record<string, unknown> {
  if (!isRecord(v)) throw badRequest(`${where} must be an object`, where);
  return v;
}

/** Narrows a JSON value to an array or throws a 400 naming it. */
export function asArray(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw badRequest(`${where} must be an array`, where);
  return v;
}

/** Narrows a JSON value to a string or throws a 400 naming it. */
export function asString(v: unknown, where: string): string {
  if (typeof v !== 'string') throw badRequest(`${where} must be a string`, where);
  return v;
}
