// `tokencert spec --json` prints JSON matching schemas/spec-output.json (TMS-C-002).
import { describe, expect, it } from 'vitest';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

describe('tokencert spec --json (TMS-C-002)', () => {
  it('lists every requirement in the documented shape', async () => {
    const r = await runCliForTest(['spec', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(safeValidate('spec-output', out)).toEqual({ ok: true });
    expect(out.requirements.map((q: { id: string }) => q.id)).toContain('TMS-C-002');
  });

  it('shows one requirement in full in the documented shape', async () => {
    const r = await runCliForTest(['spec', 'TMS-C-002', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(safeValidate('spec-output', out)).toEqual({ ok: true });
    expect(out.id).toBe('TMS-C-002');
  });
});
