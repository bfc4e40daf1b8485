import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import { renderCliReference } from './renderCliReference.js';
import { commands } from './registry.js';

describe('docs/cli.md (TMS-C-002: documented exit codes)', () => {
  it('is generated from the current usage texts (run npm run gen:docs)', async () => {
    expect(readFileSync(fromRoot('docs', 'cli.md'), 'utf8')).toBe(await renderCliReference());
  });

  it('every registered command loads, names itself and documents its usage', async () => {
    for (const [key, entry] of Object.entries(commands)) {
      const cmd = await entry.load();
      expect(cmd.name, key).toBe(key);
      expect(cmd.usage, key).toMatch(new RegExp(`^Usage: tokencert ${key}`));
      expect(cmd.summary).toBe(entry.summary);
    }
  });
});
