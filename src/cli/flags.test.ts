// The shared flag helpers: typed values from the declarations, and one usage error (exit 2) naming
// the command and the flag for every bad value.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { UsageError } from '../errors/errors.js';
import { focusParties, isOneOf, oneOf, optionalInt, parseFlags, pathFlag, requiredInt, requiredString } from './flags.js';

const options = { out: { type: 'string' }, file: { type: 'string', multiple: true }, json: { type: 'boolean' } } as const;

describe('flag helpers (TMS-C-002)', () => {
  it('TMS-C-002: types each value from its declaration', () => {
    const { values, positionals } = parseFlags(options, ['--out', 'o', '--file', 'a', '--file', 'b', '--json', 'p'], true);
    expectTypeOf(values.out).toEqualTypeOf<string | undefined>();
    expectTypeOf(values.file).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(values.json).toEqualTypeOf<boolean | undefined>();
    expect(values).toEqual({ out: 'o', file: ['a', 'b'], json: true });
    expect(positionals).toEqual(['p']);
    expect(() => parseFlags(options, ['--json=1'], false)).toThrow();
  });

  it.each([
    [() => optionalInt('settle', 'scale', '1.5'), 'settle: --scale must be a non-negative integer, got "1.5"'],
    [() => optionalInt('probe', 'deadline', '0', 'positive'), 'probe: --deadline must be a positive integer, got "0"'],
    [() => optionalInt('probe', 'deadline', '1e3', 'positive'), 'probe: --deadline must be a positive integer, got "1e3"'],
    [() => optionalInt('probe', 'deadline', '0x10', 'positive'), 'probe: --deadline must be a positive integer, got "0x10"'],
    [() => optionalInt('probe', 'deadline', '9007199254740993', 'positive'), 'probe: --deadline must be a positive integer, got "9007199254740993"'],
    [() => optionalInt('serve-reference', 'port', '65536', { min: 0, max: 65535 }), 'serve-reference: --port must be an integer 0–65535, got "65536"'],
    [() => requiredInt('generate records', 'seed', undefined), 'generate records: --seed must be a non-negative integer, got ""'],
    [() => requiredString('validate', 'schema', undefined, 'NAME'), 'validate: --schema NAME is required'],
    [() => requiredString('prove', 'id', ''), 'prove: --id is required'],
    [() => oneOf('audit', 'format', 'csv', ['auto', 'otlp-genai']), 'audit: --format must be auto or otlp-genai, got "csv"'],
    [() => oneOf('x', 'tier', 'gold', ['a', 'b', 'c']), 'x: --tier must be one of a, b, c, got "gold"'],
  ])('TMS-C-002: a bad value is a usage error naming the flag (%#)', (f, message) => {
    expect(f).toThrow(UsageError);
    expect(f).toThrow(message);
  });

  it('TMS-C-002: accepts what the flags allow', () => {
    expect(optionalInt('settle', 'scale', undefined)).toBeUndefined();
    expect(optionalInt('settle', 'scale', '0')).toBe(0);
    expect(optionalInt('serve-reference', 'port', '65535', { min: 0, max: 65535 })).toBe(65535);
    expect(oneOf('audit', 'format', undefined, ['auto'])).toBeUndefined();
    expect(isOneOf('b', ['a', 'b'])).toBe(true);
    expect(isOneOf('toString', ['a', 'b'])).toBe(false);
    expect(pathFlag(undefined, '/fallback')).toBe('/fallback');
    expect(pathFlag('/abs/dir', '/fallback')).toBe('/abs/dir');
    expect(focusParties({ 'focus-account': '', 'focus-provider': 'P' })).toEqual({ provider: 'P' });
  });
});
