import { UsageError } from '../../errors/errors.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { recordDigest } from '../../settlement/recordDigest.js';
import { readJsonLines } from '../../io/readJsonLines.js';
import { checkProof } from '../../settlement/inclusion.js';
import { readProof, readStatement } from '../../settlement/readStatement.js';
import { loadPublicKey } from '../../settlement/signature.js';
import { verifyStatement } from '../../settlement/verifyStatement.js';
import { type CliIo, defineCommand } from '../command.js';
import { type FlagValues, optionalInt, requiredString } from '../flags.js';
import type { VerifyProofOutput, VerifyStatementOutput } from '../../schemas/types.gen.js';

const verifyOptions = {
  statement: { type: 'string' },
  records: { type: 'string', multiple: true },
  sheet: { type: 'string' },
  'public-key': { type: 'string' },
  proof: { type: 'string' },
  from: { type: 'string' },
  until: { type: 'string' },
  rounding: { type: 'string' },
  'rounding-level': { type: 'string' },
  scale: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Proof mode: checks an inclusion proof against a statement, and against the record when records are given. */
async function verifyProof(proofPath: string, values: FlagValues<typeof verifyOptions>, io: CliIo): Promise<number> {
  const proof = await readProof(proofPath);
  const statement = await readStatement(requiredString('verify', 'statement', values.statement));
  const problems: string[] = [];
  const r = checkProof(proof, statement);
  if (!r.ok) problems.push(r.reason);
  const records = values.records ?? [];
  if (records.length > 0) {
    let found = false;
    for (const file of records) {
      for await (const l of readJsonLines(file)) {
        if (!l.ok) throw l.error;
        const v = l.value;
        if (v === null || typeof v !== 'object' || !('record_id' in v) || v.record_id !== proof.record_id) continue;
        found = true;
        if (recordDigest(v) !== proof.record_sha256)
          problems.push(`${file}:${l.line}: record "${proof.record_id}" has digest ${recordDigest(v)}, the proof is for ${proof.record_sha256}`);
      }
    }
    if (!found) problems.push(`record "${proof.record_id}" is not in the records given`);
  }
  const result: VerifyProofOutput = { mode: 'proof', ok: problems.length === 0, record_id: proof.record_id, problems };
  if (values.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else
    io.out(
      problems.length === 0
        ? `proof OK: record "${proof.record_id}" (${proof.record_sha256}) is leaf ${proof.leaf_index} of ${proof.tree_size} under root ${proof.root}\n`
        : `proof FAILED:\n${problems.map((p) => `  ${p}\n`).join('')}`,
    );
  return problems.length === 0 ? 0 : 1;
}

/** `tokencert verify`: recomputes a statement and lists every difference, or checks an inclusion proof (TMS-S-016, TMS-S-013). */
export const verify = defineCommand({
  name: 'verify',
  summary: 'Verify a statement by recomputation, or an inclusion proof',
  usage: `Usage: tokencert verify --statement FILE --records FILE... --sheet SHEET [--public-key KEY.pem]
                        [--from T] [--until T] [--rounding MODE] [--rounding-level L] [--scale N] [--json]
       tokencert verify --proof FILE --statement FILE [--records FILE...] [--json]

Statement mode recomputes the statement from the records and the sheet, for the statement's own
period and rounding policy unless --from/--until/--rounding/--rounding-level/--scale say what you
expect, and lists every difference: place, field, stated, recomputed and money impact. With
--public-key the statement must carry a valid Ed25519 signature by that key.
Proof mode checks that the proof leads from the record digest to the statement's Merkle root (and,
with --records, that the record with that id has that digest).
Exit 0 when everything matches, 1 on any difference, 2 for a usage or input error.
`,
  options: verifyOptions,

  async run({ values }, io) {
    if (values.proof) return verifyProof(values.proof, values, io);
    const statementPath = requiredString('verify', 'statement', values.statement);
    const records = values.records ?? [];
    if (records.length === 0) throw new UsageError('verify: give at least one --records FILE (or --proof FILE for proof mode)');
    const sheetPath = requiredString('verify', 'sheet', values.sheet);
    const key = values['public-key'] ? await loadPublicKey(values['public-key']) : undefined;
    const stated = await readStatement(statementPath);
    const sheet = await loadPriceSheet(sheetPath);
    const expect = {
      from: values.from,
      until: values.until,
      mode: values.rounding,
      level: values['rounding-level'],
      scale: optionalInt('verify', 'scale', values.scale),
    };
    const v = await verifyStatement(stated, records, sheet, { trustedKey: key, expect });
    if (values.json) {
      const result: VerifyStatementOutput = {
        mode: 'statement',
        ok: v.ok,
        differences: [...v.differences],
        signature: v.signature.status,
        records: v.recomputed.tally,
      };
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return v.ok ? 0 : 1;
    }
    if (v.ok) {
      const sig =
        v.signature.status === 'valid'
          ? v.signature.pinned
            ? ', signature valid (key given)'
            : ', signature valid for the key it names (not pinned: pass --public-key)'
          : '';
      io.out(`statement OK: ${stated.counts.billed} billed record(s), total ${stated.totals.amount} ${stated.currency} recomputed identically${sig}\n`);
      return 0;
    }
    io.out(`statement FAILED: ${v.differences.length} difference(s)\n`);
    for (const d of v.differences)
      io.out(
        `  ${d.place} ${d.field}: stated ${show(d.stated)}, recomputed ${show(d.recomputed)}${d.impact !== undefined ? `, impact ${d.impact} ${stated.currency}` : ''}\n`,
      );
    return 1;
  },
});
