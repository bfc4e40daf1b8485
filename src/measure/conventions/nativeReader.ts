import { isRecord } from '../../io/isRecord.js';
/**
 * Reads counts out of a provider-native usage object, collecting every problem as a flag with a
 * JSON pointer instead of throwing (TMS-M-029: invalid usage is rejected with a reason).
 */
export class NativeReader {
  /** Stable reason codes, e.g. missing-field, wrong-type, negative, fractional, too-large. */
  readonly flags = new Set<string>();
  private readonly messages: string[] = [];

  /** Records one problem at a JSON pointer. */
  fail(flag: string, pointer: string, message: string): void {
    this.flags.add(flag);
    this.messages.push(`${pointer === '' ? '(root)' : pointer}: ${message}`);
  }

  /** True when no problem was recorded. */
  get ok(): boolean {
    return this.flags.size === 0;
  }

  /** All problems on one line. */
  message(): string {
    return this.messages.join('; ');
  }

  /** The object at `pointer`, or undefined when absent/null (absent allowed unless `required`). */
  object(parent: Record<string, unknown>, key: string, pointer: string, required = false): Record<string, unknown> | undefined {
    const v = parent[key];
    if (v === undefined || v === null) {
      if (required) this.fail('missing-field', `${pointer}/${key}`, 'required object is missing');
      return undefined;
    }
    if (!isRecord(v)) {
      this.fail('wrong-type', `${pointer}/${key}`, `expected an object, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** The array at `pointer`, or undefined when absent/null. */
  array(parent: Record<string, unknown>, key: string, pointer: string): unknown[] | undefined {
    const v = parent[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.fail('wrong-type', `${pointer}/${key}`, `expected an array, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A token count: a non-negative safe integer; absent/null gives 0 unless `required`. */
  count(parent: Record<string, unknown>, key: string, pointer: string, required = false): number {
    const v = parent[key];
    const at = `${pointer}/${key}`;
    if (v === undefined || v === null) {
      if (required) this.fail('missing-field', at, 'required count is missing');
      return 0;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail('wrong-type', at, `expected an integer, got ${describe(v)}`);
      return 0;
    }
    if (v < 0) {
      this.fail('negative', at, `count ${v} is negative`);
      return 0;
    }
    if (!Number.isInteger(v)) {
      this.fail('fractional', at, `count ${v} is not an integer`);
      return 0;
    }
    if (v > Number.MAX_SAFE_INTEGER) {
      this.fail('too-large', at, `count ${v} exceeds 2^53-1`);
      return 0;
    }
    return v;
  }

  /** Flags `part > whole` (a subset larger than its total) with the given reason code. */
  subset(flag: string, pointer: string, part: number, whole: number, what: string): void {
    if (part > whole) this.fail(flag, pointer, `${what}: ${part} > ${whole}`);
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Starts reading: the root must be an object, else `not-an-object`. */
export function readRoot(native: unknown, r: NativeReader): Record<string, unknown> | undefined {
  if (!isRecord(native)) {
    r.fail('not-an-object', '', `usage must be a JSON object, got ${native === null ? 'null' : describe(native)}`);
    return undefined;
  }
  return native;
}
