// --dry-run plans the requests and the token and cost budget without sending anything (TMS-C-105),
// and failed count checks carry their money impact (TMS-C-103 evidence).
import { describe, expect, it } from 'vitest';
import { loadPriceSheet } from '../pricing/loadPriceSheet.js';
import { fromRoot } from '../paths.js';
import { adapterFor } from './adapters/adapterFor.js';
import { planDryRun } from './dryRun.js';
import { neededExchanges } from './evaluateCase.js';
import { impactOf } from './impactOf.js';
import { loadSuite } from './loadSuite.js';
import { loadTarget } from './loadTarget.js';
import { expandUnits } from './runProbe.js';

describe('planDryRun (TMS-C-105)', () => {
  it('lists one request per exchange of every case and model, plus the workload, with an exact cost estimate', async () => {
    const target = { ...(await loadTarget(fromRoot('targets', 'reference.yaml'))), baseUrl: 'http://127.0.0.1:1' };
    const suite = await loadSuite('default');
    const plan = await planDryRun(target, suite);
    const exchanges = expandUnits(suite, target).reduce((n, u) => n + neededExchanges(u.c.checks, u.model, u.c.input).length, 0);
    expect(plan.data.total_requests).toBe(exchanges + 8);
    expect(plan.data.requests.every((r) => r.url.startsWith('http://127.0.0.1:1/'))).toBe(true);
    expect(plan.data.est_cost?.currency).toBe('USD');
    expect(plan.data.est_cost?.amount).toMatch(/^[0-9]+\.[0-9]+$/);
    expect(plan.text).toContain('nothing was sent');
  });

  it('labels the exchanges of a caching case as the report does, and marks the Anthropic prompt with cache_control (TMS-C-126, TMS-C-127)', async () => {
    const target = { ...(await loadTarget(fromRoot('targets', 'reference.yaml'))), baseUrl: 'http://127.0.0.1:1' };
    const plan = await planDryRun(target, await loadSuite('default'));
    const labels = (id: string) => plan.data.requests.filter((r) => r.case_id === id).map((r) => r.exchange);
    expect(labels('cache-write-1h/claude-sonnet-4-5')).toEqual(['cache-write', 'cache-hit', 'cache-hit-stream']);
    expect(labels('cache-write-5m/gpt-4o')).toEqual(['stream-bare', 'cache-write', 'cache-hit', 'cache-hit-stream']);
    expect(plan.text).toContain('[cache-write-1h/claude-sonnet-4-5 cache-hit-stream]');
    const anthropic = adapterFor('anthropic').build('cache-write', target.models.find((m) => m.api === 'anthropic')!, { messages: [{ role: 'user', content: 'x' }], cache: { ttl: '1h' } });
    expect((anthropic?.body as { messages: { content: unknown }[] }).messages[0].content).toEqual([{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
  });
});

describe('impactOf (TMS-C-103)', () => {
  it('prices the token difference of a failed count at the input rate, signed', async () => {
    const sheet = await loadPriceSheet(fromRoot('examples', 'sheets', 'list-prices.yaml'));
    const at = '2026-06-01T00:00:00Z';
    const over = impactOf('prompt-count-exact', { status: 'fail', reason: 'x', evidence: { expected: 124, observed: 137 } }, sheet, 'gpt-4o', at);
    const under = impactOf('prompt-count-exact', { status: 'fail', reason: 'x', evidence: { expected: 137, observed: 124 } }, sheet, 'gpt-4o', at);
    // 13 tokens at gpt-4o's list input price of 2.50 USD per million (sheet source: genai-prices, LiteLLM 2.5e-06).
    expect(over).toEqual({ currency: 'USD', amount: '0.0000325' });
    expect(under?.amount).toBe(`-${over?.amount}`);
    expect(impactOf('prompt-count-exact', { status: 'pass', evidence: { expected: 1, observed: 1 } }, sheet, 'gpt-4o', at)).toBeUndefined();
    expect(impactOf('usage-shape', { status: 'fail', reason: 'x', evidence: { expected: 1, observed: 2 } }, sheet, 'gpt-4o', at)).toBeUndefined();
  });
});
