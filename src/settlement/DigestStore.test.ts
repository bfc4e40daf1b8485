import fc from 'fast-check';
// The digest-keyed record table (TMS-S-017, TMS-A-012): every id finds its own slot across growth
// and probe collisions, unknown ids find none, and a second insert of an id is refused.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestStore, SlotState } from './DigestStore.js';

const digestOf = (i: number) => createHash('sha256').update(`v${i}`).digest();

describe('DigestStore (TMS-S-017)', () => {
  it('maps 60,000 ids to their slots through growth, with digests, states and places intact (TMS-S-017)', () => {
    const s = new DigestStore();
    const n = 60_000;
    for (let i = 0; i < n; i++) expect(s.insert(`id-${i}`, digestOf(i), i % 3 === 0 ? SlotState.Excluded : SlotState.Billed, i % 7, i + 1)).toBe(i);
    expect(s.size).toBe(n);
    for (let i = 0; i < n; i += 7) {
      const slot = s.slotOf(`id-${i}`)!;
      expect(slot).toBe(i);
      expect(s.digest(slot).equals(digestOf(i))).toBe(true);
      expect(s.place(slot)).toEqual({ file: i % 7, line: i + 1 });
    }
    for (let i = n; i < n + 2000; i++) expect(s.slotOf(`id-${i}`)).toBeUndefined();
    expect(s.slotOf('')).toBeUndefined();
    expect(() => s.insert('id-5', digestOf(5), SlotState.Billed, 0, 1)).toThrow(/stored already/);
    // Billed leaves come out sorted bytewise.
    const leaves = s.sortedBilled();
    expect(leaves.length / 32).toBe(n - Math.ceil(n / 3));
    for (let k = 32; k < leaves.length; k += 32 * 97) expect(Buffer.compare(leaves.subarray(k - 32, k), leaves.subarray(k, k + 32))).toBeLessThan(0);
    // The last sort (in the let-go id keys' and index's memory) gives the same bytes.
    expect(s.sortedBilled(true).equals(leaves)).toBe(true);
  });

  it('TMS-S-017: insertNewKey agrees with insert and slotOf, from aligned and unaligned key buffers, through growth', () => {
    // Ids drawn from a small pool so they repeat; each is stored by one of three paths: by id
    // (insert), by key from a 4-byte-aligned buffer (the word path), or from an unaligned one.
    const idKey = (id: string) => createHash('sha256').update(id).digest();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 4000 }), (ops) => {
        const s = new DigestStore();
        const model = new Map<string, number>();
        ops.forEach(([k, path], i) => {
          const id = `id-${k}`;
          const seen = model.has(id);
          if (path === 0) {
            if (seen) expect(s.slotOf(id)).toBe(model.get(id));
            else expect(s.insert(id, digestOf(k), SlotState.Billed, 1, i + 1)).toBe(model.size);
          } else {
            const buf = Buffer.alloc(64 * 3 + 1);
            const keys = path === 1 ? buf.subarray(0, 192) : buf.subarray(1, 193);
            idKey(id).copy(keys, 64);
            digestOf(k).copy(keys, 96);
            expect(s.insertNewKey(keys, 64, SlotState.Billed, 2, i + 1)).toBe(!seen);
          }
          if (!seen) model.set(id, model.size);
        });
        expect(s.size).toBe(model.size);
        for (const [id, slot] of model) {
          expect(s.slotOf(id)).toBe(slot);
          expect(s.digest(slot).equals(digestOf(Number(id.slice(3))))).toBe(true);
        }
        expect(s.slotOf('id-absent')).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('tells apart ids that differ only in Unicode form or case (keys are exact, TMS-S-004)', () => {
    const s = new DigestStore();
    s.insert('é', digestOf(1), SlotState.Billed, 0, 1);
    expect(s.slotOf('e\u0301')).toBeUndefined();
    expect(s.slotOf('É')).toBeUndefined();
    expect(s.slotOf('é')).toBe(0);
  });

  it('TMS-S-012: sorts billed digests bytewise when many share their first bytes (the native sort key ties)', () => {
    // Digests drawn from a small alphabet so that long common prefixes, and ties on the five bytes
    // the sort key holds, are common; excluded and conflicting slots must not appear.
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.uint8Array({ minLength: 32, maxLength: 32, min: 0, max: 2 }),
            fc.constantFrom(SlotState.Billed, SlotState.Billed, SlotState.Excluded, SlotState.Conflict),
          ),
          {
            maxLength: 60,
          },
        ),
        (rows) => {
          const s = new DigestStore();
          rows.forEach(([d, state], i) => s.insert(`id-${i}`, d, state, 0, i + 1));
          const expected = rows
            .filter(([, state]) => state === SlotState.Billed)
            .map(([d]) => Buffer.from(d))
            .sort(Buffer.compare);
          expect(s.sortedBilled()).toEqual(Buffer.concat(expected));
          // The last sort, in the memory of the id keys and index it lets go, sorts alike.
          const last = new DigestStore();
          rows.forEach(([d, state], i) => last.insert(`id-${i}`, d, state, 0, i + 1));
          expect(last.sortedBilled(true)).toEqual(Buffer.concat(expected));
        },
      ),
      { numRuns: 300 },
    );
  });
});
