// Suites and checks: every shipped suite loads, cases cite their checks' requirements, and each
// check's level matches the spec (result classes and levels, TMS-C-102).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import { findRequirement } from '../spec/loadSpec.js';
import { checks } from './checks/index.js';
import { loadSuite } from './loadSuite.js';

const order = { MAY: 0, SHOULD: 1, MUST: 2 } as const;

describe('suites and checks (TMS-C-102)', () => {
  it('has exactly the check names of the contract', () => {
    expect([...checks.keys()].sort()).toEqual([
      'cache-writes-reported',
      'cached-within-input',
      'caching-reported',
      'count-endpoint-matches-usage',
      'deterministic-counts',
      'marginal-consistency',
      'max-tokens-honoured',
      'output-covers-text',
      'prompt-count-exact',
      'reasoning-within-output',
      'stream-cumulative-usage',
      'stream-include-usage-final-chunk',
      'stream-usage-equals-nonstream',
      'tokenizer-fingerprint',
      'totals-are-sums',
      'transport-errors-surface',
      'usage-shape',
    ]);
  });

  it('declares for each check the strongest level of the requirements it cites', () => {
    for (const c of checks.values()) {
      const levels = c.requirements.map((id) => findRequirement(id)?.level);
      expect(
        levels.every((l) => l !== undefined),
        `${c.name} cites unknown requirements`,
      ).toBe(true);
      const strongest = levels.reduce((a, b) => (order[b!] > order[a!] ? b : a));
      expect(c.level, c.name).toBe(strongest);
    }
  });

  it('loads every shipped suite, and the default suite uses every check', async () => {
    for (const f of readdirSync(fromRoot('suites')).filter((n) => n.endsWith('.yaml'))) {
      const s = await loadSuite(f.replace(/\.yaml$/, ''));
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const d = await loadSuite('default');
    expect(new Set(d.cases.flatMap((c) => c.checks))).toEqual(new Set(checks.keys()));
  });
});
