// Issue 15: two provider faults give a couple of root-cause groups in report.json, report.html and
// summary.md, each failing result reachable (TMS-C-213). The faults are the reference provider's
// (src/reference-provider/faults.ts), probed the way npm start probes it, on two models to stay short.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultName } from '../src/reference-provider/faults.js';
import { safeValidate } from '../src/schemas/registry.js';
import type { Report } from '../src/schemas/types.gen.js';
import { probeReferenceWithFaults } from '../src/testing/probeReferenceWithFaults.js';

async function probe(faults: FaultName[]): Promise<{ dir: string; report: Report }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'tokencert-causes-')), 'run');
  await probeReferenceWithFaults(faults, dir);
  return { dir, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
}

/** Every failing result is counted under exactly one cause, and the page holds its anchor once. */
function expectEveryInstanceReachable(dir: string, report: Report): void {
  const failing = report.results.flatMap((r, i) => (r.status === 'fail' || r.status === 'error' ? [i] : []));
  const counted = report.root_causes.flatMap((c) => c.checks.flatMap((g) => g.results.filter((x) => x.counted).map((x) => x.index)));
  expect(counted.sort((a, b) => a - b)).toEqual(failing);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  for (const i of failing) expect(html.split(`id="result-${i}"`).length - 1, `result-${i}`).toBe(1);
  const md = readFileSync(join(dir, 'summary.md'), 'utf8');
  for (const [i, c] of report.root_causes.entries()) expect(md).toContain(`### ${i + 1}. ${c.title} (`);
}

describe('root causes of two reference-provider faults (TMS-C-213)', () => {
  it('TMS-C-213: inflated input and cached tokens left out of the prompt give two named causes above the per-check rest', async () => {
    const { dir, report } = await probe(['inflated-input', 'cached-exceeds-input']);
    expect(safeValidate('report', report)).toEqual({ ok: true });
    const named = report.root_causes.filter((c) => c.kind === 'pattern');
    expect(named.map((c) => c.id).sort()).toEqual(['cache-read-outside-input', 'input-miscounted']);
    const cache = named.find((c) => c.id === 'cache-read-outside-input')!;
    expect(cache.checks.map((g) => g.check).sort()).toEqual(['cached-within-input', 'deterministic-counts', 'prompt-count-exact', 'totals-are-sums']);
    const tokenizer = named.find((c) => c.id === 'input-miscounted')!;
    expect(tokenizer.checks.map((g) => g.check)).toEqual(expect.arrayContaining(['prompt-count-exact', 'tokenizer-fingerprint', 'marginal-consistency']));
    // Far fewer headings than failing results: the point of grouping.
    expect(report.root_causes.length).toBeLessThanOrEqual(4);
    expect(report.counts.fail).toBeGreaterThan(3 * report.root_causes.length);
    expectEveryInstanceReachable(dir, report);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h3>Cache reads not included in input</h3>');
    expect(html).toContain('<h3>Counts differ from the declared tokenizer</h3>');
  }, 120_000);

  it('TMS-C-213: streamed usage missing and non-deterministic counts give their two causes', async () => {
    const { dir, report } = await probe(['stream-usage-missing', 'nondeterministic-counts']);
    const named = report.root_causes.filter((c) => c.kind === 'pattern').map((c) => c.id);
    expect(named.slice(0, 2).sort()).toEqual(['repeat-billed-differently', 'stream-usage-missing']);
    expectEveryInstanceReachable(dir, report);
  }, 120_000);
});
