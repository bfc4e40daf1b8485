// `tokencert serve-gateway` serves until SIGTERM in front of the reference provider and lists its faults (TMS-C-002).
import { describe, expect, it } from 'vitest';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

describe('tokencert serve-gateway', () => {
  it('TMS-C-002: starts the reference provider as its upstream, answers OpenAI Chat, stops with exit 0 on SIGTERM', async () => {
    const before = process.listenerCount('SIGTERM');
    const run = runCliForTest(['serve-gateway', '--upstream-api', 'anthropic-messages', '--json']);
    for (let i = 0; i < 200 && process.listenerCount('SIGTERM') === before; i++) await new Promise((r) => setTimeout(r, 25));
    process.emit('SIGTERM');
    const { code, out } = await run;
    expect(code).toBe(0);
    const info = JSON.parse(out);
    expect(safeValidate('serve-gateway-output', info)).toEqual({ ok: true });
    expect(info).toMatchObject({ upstream_api: 'anthropic-messages', reference_upstream: true, faults: [] });
  });

  it('TMS-C-002: lists its faults in the documented shape and rejects unknown ones with exit 2', async () => {
    const list = await runCliForTest(['serve-gateway', '--list-faults', '--json']);
    expect(list.code).toBe(0);
    const faults = JSON.parse(list.out);
    expect(safeValidate('serve-gateway-output', faults)).toEqual({ ok: true });
    expect(faults.map((f: { name: string }) => f.name)).toContain('cache-write-dropped');
    const bad = await runCliForTest(['serve-gateway', '--upstream-api', 'gemini', '--fault', 'nope']);
    expect([bad.code, bad.err.includes('unknown fault "nope"')]).toEqual([2, true]);
    const api = await runCliForTest(['serve-gateway', '--upstream-api', 'cohere']);
    expect(api.code).toBe(2);
  });
});
