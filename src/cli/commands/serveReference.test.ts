// `tokencert serve-reference` serves until SIGTERM and lists its faults (TMS-C-002, TMS-M-030).
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('tokencert serve-reference', () => {
  it('serves on the given port with the key required, and stops with exit 0 on SIGTERM', async () => {
    const port = await freePort();
    const before = process.listenerCount('SIGTERM');
    const run = runCliForTest(['serve-reference', '--port', String(port), '--json', '--api-key-env', 'REF_KEY'], { REF_KEY: 'secret-k' });
    for (let i = 0; i < 200 && process.listenerCount('SIGTERM') === before; i++) await new Promise((r) => setTimeout(r, 25));
    const ok = await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: 'Bearer secret-k' } });
    const refused = await fetch(`http://127.0.0.1:${port}/v1/models`);
    expect([ok.status, refused.status]).toEqual([200, 401]);
    process.emit('SIGTERM');
    const { code, out } = await run;
    expect(code).toBe(0);
    expect(safeValidate('serve-reference-output', JSON.parse(out))).toEqual({ ok: true });
    expect(JSON.parse(out)).toMatchObject({ url: `http://127.0.0.1:${port}`, auth: true, faults: [] });
    expect(out).not.toContain('secret-k');
  });

  it('lists faults with what catches them, and rejects unknown faults and bad ports with exit 2', async () => {
    const list = await runCliForTest(['serve-reference', '--list-faults', '--json']);
    expect(list.code).toBe(0);
    expect(safeValidate('serve-reference-output', JSON.parse(list.out))).toEqual({ ok: true });
    expect(JSON.parse(list.out).map((f: { name: string }) => f.name)).toContain('stream-usage-missing');
    const bad = await runCliForTest(['serve-reference', '--fault', 'nope']);
    expect([bad.code, bad.err.includes('unknown fault "nope"')]).toEqual([2, true]);
    const port = await runCliForTest(['serve-reference', '--port', '70000']);
    expect(port.code).toBe(2);
  });
});
