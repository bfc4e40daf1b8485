// TMS-S-017: the accumulator keeps no record bodies — every record object added becomes garbage.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { sampleRecords, sampleSheet } from '../testing/sampleRecords.js';
import { Settlement } from './Settlement.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('Settlement memory (TMS-S-017)', () => {
  it('TMS-S-017: retains no record it was given (only ids, digests and line accumulators)', async () => {
    const s = new Settlement({ sheet: sampleSheet(), from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' });
    const refs: WeakRef<object>[] = [];
    (() => {
      // Records with a large vendor extension: if any were kept, the heap would show it.
      for (const r of sampleRecords(200, 9, true)) {
        const big = { ...r, extensions: { blob: 'x'.repeat(10_000) } };
        refs.push(new WeakRef(big));
        s.add(big, { file: 'mem', line: refs.length });
      }
    })();
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(refs.filter((r) => r.deref() !== undefined).length).toBe(0);
    const st = s.finish();
    expect(st.counts.billed + st.counts.excluded).toBe(200);
  });
});
