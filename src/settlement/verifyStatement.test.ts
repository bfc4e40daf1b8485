import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/Decimal.js';
import { safeValidate } from '../schemas/registry.js';
import type { MeasurementRecord, Statement } from '../schemas/types.gen.js';
import { sampleRecord, sampleRecords, sampleSheet } from '../testing/sampleRecords.js';
import { settleValues } from './settleValues.js';
import { checkSignature, signStatement } from './signature.js';
import { verifyStatement } from './verifyStatement.js';

const sheet = sampleSheet();
const period = { from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' };
const dir = mkdtempSync(join(tmpdir(), 'tc-verify-'));
const records: MeasurementRecord[] = [...sampleRecords(7, 5, true), sampleRecord(100, { time: '2026-01-03T00:00:00Z', model: 'long', input: 250000 })];
records.push({ ...records.find((r) => r.time >= period.from && r.time < period.until)!, provider: 'other' }); // a conflict
const write = (name: string, rs: readonly unknown[]) => {
  const p = join(dir, name);
  writeFileSync(p, rs.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return p;
};
const recordsFile = write('records.jsonl', records);
const base = settleValues(records, { sheet, ...period }).statement;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signed = signStatement(base, privateKey);
const expectPolicy = { ...period, mode: base.rounding.mode, level: base.rounding.level, scale: base.rounding.scale };

/** Every leaf of a JSON value with its path. */
function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, Array.isArray(v) ? Number(k) : k]));
  return [path];
}

/** A different value of the same type and, where possible, still schema-valid. */
function mutate(x: unknown, key: string | number): unknown {
  if (typeof x === 'number') return x + 1;
  if (typeof x === 'boolean') return !x;
  const s = String(x);
  if (/^[0-9a-f]{64}$/.test(s)) return s[63] === '0' ? s.slice(0, 63) + '1' : s.slice(0, 63) + '0';
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(s)) return s.startsWith('-') ? s.slice(1) : `1${s}`;
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return s.replace(/T(\d)/, (_m, d) => `T${(Number(d) + 1) % 2}`);
  const enums: Record<string, string[]> = {
    mode: ['half_even', 'half_up'],
    level: ['line', 'statement'],
    reason: ['before-period', 'after-period'],
    service_tier: ['standard', 'batch'],
    currency: ['USD', 'EUR'],
  };
  if (typeof key === 'string' && enums[key]) return enums[key].find((e) => e !== s);
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(s) && s.length > 40) return (s[5] === 'A' ? 'B' : 'A') + s.slice(1, 5) + s.slice(5);
  return `${s}x`;
}

function setAt<T>(value: T, path: (string | number)[], fn: (old: unknown, key: string | number) => unknown): T {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  o[last] = fn(o[last], last);
  return copy as T;
}

describe('verifyStatement (TMS-S-016)', () => {
  it('TMS-S-016: a statement recomputed from its own records verifies, signed or not', async () => {
    expect((await verifyStatement(base, [recordsFile], sheet, { expect: expectPolicy })).differences).toEqual([]);
    const v = await verifyStatement(signed, [recordsFile], sheet, { trustedKey: publicKey });
    expect(v.differences).toEqual([]);
    expect(v.signature).toEqual({ status: 'valid', pinned: true });
  });

  it('TMS-S-016, TMS-S-015: a verified statement fails verification after any single-field mutation', async () => {
    for (const [stmt, opts, label] of [
      [base, { expect: expectPolicy }, 'unsigned'],
      [signed, { trustedKey: publicKey }, 'signed'],
    ] as const) {
      const paths = leaves(stmt);
      expect(paths.length).toBeGreaterThan(40);
      let refused = 0;
      for (const path of paths) {
        const m = setAt(stmt, path, mutate);
        // A schema-invalid statement is refused outright (exit 2); count those so most mutations do reach recomputation.
        if (!safeValidate('statement', m).ok && ++refused) continue;
        const v = await verifyStatement(m as Statement, [recordsFile], sheet, opts);
        expect(v.ok, `${label} mutation of ${path.join('.')} went undetected`).toBe(false);
      }
      expect(refused).toBeLessThan(paths.length / 10);
    }
  });

  it('TMS-S-016: a difference names place, field, stated, recomputed and money impact', async () => {
    const line = base.line_items.findIndex((l) => l.amount !== '0.00');
    const m = setAt(base, ['line_items', line, 'amount_exact'], (x) => `1${String(x)}`);
    const v = await verifyStatement(m, [recordsFile], sheet);
    const d = v.differences.find((x) => x.field === 'amount_exact' && x.place.startsWith('line_items['))!;
    expect(d.stated).toBe(`1${base.line_items[line].amount_exact}`);
    expect(d.recomputed).toBe(base.line_items[line].amount_exact);
    // Stated − recomputed: the inflated statement over-bills, so the impact is positive (one sign everywhere).
    expect(d.impact).toBe(
      Decimal.parse(String(d.stated))
        .sub(Decimal.parse(String(d.recomputed)))
        .toString(),
    );
    expect(d.impact!.startsWith('-')).toBe(false);
    const dropped = { ...base, line_items: base.line_items.filter((_, i) => i !== line) };
    const v2 = await verifyStatement(dropped, [recordsFile], sheet);
    // A line the statement left out under-bills: negative impact.
    expect(v2.differences).toContainEqual(expect.objectContaining({ field: '(line)', stated: null, impact: `-${base.line_items[line].amount}` }));
  });

  it('TMS-S-016, TMS-S-003: any single-field change to a record is detected', async () => {
    const billedIdx = records.findIndex((r) => r.time >= period.from && r.time < period.until && !base.conflicts.some((c) => c.record_id === r.record_id));
    const excludedIdx = records.findIndex((r) => r.time < period.from || r.time >= period.until);
    for (const idx of [billedIdx, excludedIdx]) {
      for (const path of leaves(records[idx])) {
        const rs = records.map((r, i) => (i === idx ? setAt(r, path, mutate) : r));
        if (!safeValidate('measurement-record', rs[idx]).ok) continue;
        const v = await verifyStatement(base, [write('mutated.jsonl', rs)], sheet, { expect: expectPolicy }).catch((e: Error) => ({
          ok: false,
          error: e.message,
        }));
        expect(v.ok, `record ${idx} mutation of ${path.join('.')} went undetected`).toBe(false);
      }
    }
  });

  it('TMS-S-015: the signature covers the canonical statement without its signature member; another key is rejected', () => {
    expect(checkSignature(signed)).toEqual({ status: 'valid', pinned: false });
    const other = generateKeyPairSync('ed25519');
    expect(checkSignature(signed, other.publicKey)).toMatchObject({ status: 'invalid' });
    expect(checkSignature(signStatement(base, other.privateKey), publicKey)).toMatchObject({ status: 'invalid' });
    const resigned = signStatement(signed, privateKey);
    expect(resigned.signature).toEqual(signed.signature); // Ed25519 is deterministic (RFC 8032)
    expect(checkSignature(base, publicKey)).toEqual({ status: 'missing' });
  });

  it('TMS-S-015: a signature whose base64 differs only in its pad bits is rejected (RFC 4648 §3.5)', () => {
    // A 64-byte Ed25519 signature is 86 base64 characters and "==": the last character carries 2 bits
    // and 4 pad bits, which decoders ignore. Setting a pad bit keeps the decoded bytes and must still fail.
    const v = signed.signature!.value;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(v[85]);
    const sibling = `${v.slice(0, 85)}${alphabet[last ^ 1]}${v.slice(86)}`;
    expect(Buffer.from(sibling, 'base64').equals(Buffer.from(v, 'base64'))).toBe(true);
    const forged = { ...signed, signature: { ...signed.signature!, value: sibling } };
    expect(checkSignature(forged, publicKey)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/canonical base64/) });
  });
});

describe('price sheet binding (TMS-S-020)', () => {
  it('TMS-S-020: verifying against a sheet with one price changed reports the sheet digest and the amounts', async () => {
    const { compilePriceSheet } = await import('../pricing/compilePriceSheet.js');
    const { sampleSheetSource } = await import('../testing/sampleRecords.js');
    const changed = structuredClone(sampleSheetSource) as unknown as { entries: { prices: Record<string, string> }[] };
    changed.entries[2].prices['output/none/text'] = '0.61';
    const v = await verifyStatement(base, [recordsFile], compilePriceSheet(changed, { file: 'changed' }));
    expect(v.differences).toContainEqual(expect.objectContaining({ place: 'price_sheet', field: 'sha256' }));
    // The same sheet spelled with other key order has the same digest.
    const reordered = JSON.parse(JSON.stringify(sampleSheetSource, Object.keys(sampleSheetSource).reverse()));
    expect((await verifyStatement(base, [recordsFile], compilePriceSheet({ ...reordered, ...sampleSheetSource }, { file: 'same' }))).ok).toBe(true);
  });
});
