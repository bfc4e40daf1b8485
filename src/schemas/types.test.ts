import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fromRoot } from '../paths.js';
import { generateSchemaTypes } from './generateSchemaTypes.js';
import { generateValidators } from './generateValidators.js';
import { type SchemaParse, safeParse, safeValidate, schemaNames, validate } from './registry.js';
import type { Statement, Suite } from './types.gen.js';

describe('schemas', () => {
  it('types.gen.ts is what gen-types produces from the schemas now (run npm run gen:types)', async () => {
    expect(readFileSync(fromRoot('src', 'schemas', 'types.gen.ts'), 'utf8')).toBe(await generateSchemaTypes());
  });

  it('validators.gen.ts is what gen-types compiles from the schemas now (run npm run gen:types; TMS-C-006)', () => {
    // Byte comparison, not a hash: a stale validator accepts or rejects records the schema does not.
    expect(readFileSync(fromRoot('src', 'schemas', 'validators.gen.ts'), 'utf8') === generateValidators()).toBe(true);
  });

  it('every schema has a versioned $id and a description on every property (TMS-C-006 records are schema-defined)', () => {
    for (const name of schemaNames()) {
      const schema = JSON.parse(readFileSync(fromRoot('schemas', `${name}.json`), 'utf8'));
      expect(schema.$id, name).toMatch(/^https:\/\/tokencert\.dev\/schemas\/v\d+\.\d+\/[a-z0-9-]+\.json$/);
      expect(schema.$id.endsWith(`/${name}.json`), name).toBe(true);
      const missing: string[] = [];
      const walk = (node: unknown, path: string) => {
        if (!node || typeof node !== 'object') return;
        const n = node as Record<string, unknown>;
        if (n.properties && typeof n.properties === 'object') {
          for (const [k, v] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
            if (typeof v.description !== 'string' || v.description.length === 0) missing.push(`${path}/properties/${k}`);
          }
        }
        for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
      };
      walk(schema, '');
      expect(missing, `${name}: properties without description`).toEqual([]);
    }
  });

  it('rejects a usage cell with negative or fractional tokens', () => {
    const cell = { direction: 'input', cache: 'none', modality: 'text' };
    expect(safeValidate('usage', { cells: [{ ...cell, tokens: -1 }] }).ok).toBe(false);
    expect(safeValidate('usage', { cells: [{ ...cell, tokens: 1.5 }] }).ok).toBe(false);
    expect(safeValidate('usage', { cells: [{ ...cell, tokens: 2 ** 53 }] }).ok).toBe(false);
    expect(safeValidate('usage', { cells: [{ ...cell, tokens: 3 }] }).ok).toBe(true);
  });
});

describe('validate is typed by schema name (TMS-C-034)', () => {
  it('returns the generated type of the named schema, and throws at the first issue with its pointer', () => {
    const suite = {
      name: 's',
      version: '1.0.0',
      description: 'd',
      cases: [{ id: 'c', title: 't', checks: ['x'], requirements: ['TMS-C-001'], input: { messages: [{ role: 'user', content: 'hi' }] } }],
    };
    const v = validate('suite', suite, { file: 's.yaml' });
    expectTypeOf(v).toEqualTypeOf<Suite>();
    expect(v.cases[0].input.messages[0].content).toBe('hi');
    expect(() => validate('suite', { ...suite, cases: [] }, { file: 's.yaml' })).toThrow(
      expect.objectContaining({ message: 'must NOT have fewer than 1 items', location: { file: 's.yaml', pointer: '/cases' } }),
    );
    const r = safeParse('statement', suite);
    expectTypeOf(r).toEqualTypeOf<SchemaParse<Statement>>();
    expect(r.ok).toBe(false);
  });
});
