import type { KeyObject } from 'node:crypto';
import type { PriceSheet } from '../pricing/types.js';
import type { Statement } from '../schemas/types.gen.js';
import { diffStatements, type Difference } from './diffStatements.js';
import { settleFiles, type SettledFiles } from './settleFiles.js';
import { checkSignature, type SignatureCheck } from './signature.js';

/** What the verifier expects regardless of what the statement declares (e.g. from a contract). */
export interface Expectations {
  readonly from?: string;
  readonly until?: string;
  readonly mode?: string;
  readonly level?: string;
  readonly scale?: number;
}

/** The verdict of verifying a statement: every difference, the signature check and the recomputation. */
export interface StatementVerification {
  readonly ok: boolean;
  readonly differences: readonly Difference[];
  readonly signature: SignatureCheck | { readonly status: 'not-checked' };
  readonly recomputed: SettledFiles;
}

/**
 * Verifies a (schema-valid) statement by recomputation (TMS-S-016): settles the records again with
 * the sheet, for the period and rounding policy the statement declares unless `expect` overrides
 * them — so a changed period or policy shows up as a difference — then lists every difference and
 * checks the signature (with `trustedKey`, the signer must be that key; a given key with no
 * signature fails).
 */
export async function verifyStatement(
  stated: Statement,
  records: readonly string[],
  sheet: PriceSheet,
  opts: { trustedKey?: KeyObject; expect?: Expectations } = {},
): Promise<StatementVerification> {
  const e = opts.expect ?? {};
  const recomputed = await settleFiles(records, {
    sheet,
    from: e.from ?? stated.period.from,
    until: e.until ?? stated.period.until,
    rounding: { mode: e.mode ?? stated.rounding.mode, level: e.level ?? stated.rounding.level, scale: e.scale ?? stated.rounding.scale },
  });
  const differences = [...diffStatements(stated, recomputed.statement)];
  let signature: StatementVerification['signature'] = { status: 'not-checked' };
  if (stated.signature || opts.trustedKey) {
    signature = checkSignature(stated, opts.trustedKey);
    if (signature.status !== 'valid') {
      differences.push({
        place: 'signature',
        field: 'value',
        stated: stated.signature?.value ?? null,
        recomputed: signature.status === 'missing' ? 'a signature by the key given' : signature.reason,
      });
    }
  }
  return { ok: differences.length === 0, differences, signature, recomputed };
}
