import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../digest/canonicalJson.js';
import { sha256Hex } from '../../digest/sha256.js';
import { InputError } from '../../errors/errors.js';
import { writeAtomic, writeAtomicChunks } from '../../io/writeAtomic.js';
import { validate } from '../../schemas/registry.js';
import type { Statement } from '../../schemas/types.gen.js';
import type { Discrepancy } from '../types.js';
import type { AuditBook, Tally } from './AuditBook.js';
import type { ExactLine } from '../../settlement/LineBook.js';
import type { ShardSpec } from './shardOf.js';
import { sortFindings } from './sortFindings.js';
import { LeafRuns } from './LeafRuns.js';

/** What an audit was run on; every partial of one audit must agree on it byte for byte. */
export interface AuditInputs {
  files: { path: string; sha256: string; bytes: number }[];
  period: { from: string; until: string };
  sheet: { path: string; id: string; sha256: string; currency: string };
  statement: { path: string; sha256: string } | null;
  rounding: Statement['rounding'];
  transcripts: string | null;
  /** Whether counts were recounted where content was available (TMS-A-004). */
  recount: boolean;
}

/** A partial audit (schemas/audit-partial.json): one shard's mergeable result (TMS-A-009). */
export interface AuditPartial {
  partial_version: 1;
  shard: ShardSpec | null;
  inputs: AuditInputs;
  tally: Tally;
  line_items: ExactLine[];
  excluded: Statement['excluded'];
  conflicts: Statement['conflicts'];
  discrepancies: Discrepancy[];
  leaves: { file: 'leaves.bin'; count: number; sha256: string };
}

/** File names of a partial audit directory. */
export const PARTIAL_FILE = 'audit-partial.json';
export const LEAVES_FILE = 'leaves.bin';

/** Builds the partial of a finished book: sorted, canonical, with the sorted billed digests beside it. */
export function partialOf(book: AuditBook, inputs: AuditInputs, shard: ShardSpec | null): { partial: AuditPartial; leaves: LeafRuns } {
  const leaves = book.sortedLeaves();
  const partial: AuditPartial = {
    partial_version: 1,
    shard,
    inputs,
    tally: { ...book.tally },
    line_items: book.lines.exact(),
    excluded: book.dedup.excludedList(),
    conflicts: book.dedup.conflictList(),
    // In canonical order, so a partial is the same bytes however its books were spilled (TMS-A-020).
    discrepancies: sortFindings(
      book.allFindings(),
      inputs.files.map((f) => f.path),
    ),
    leaves: { file: LEAVES_FILE, count: leaves.count, sha256: leaves.sha256() },
  };
  return { partial, leaves };
}

/** Writes a partial audit into `dir` (each file atomically, TMS-C-004). */
export async function writePartial(dir: string, p: { partial: AuditPartial; leaves: LeafRuns }): Promise<void> {
  // Written block by block: a shard's leaves (32 bytes a record) are never one buffer in memory.
  await writeAtomicChunks(join(dir, LEAVES_FILE), p.leaves.blocks());
  p.leaves.release();
  await writeAtomic(join(dir, PARTIAL_FILE), `${canonicalJson(p.partial)}\n`);
}

/** Reads a partial audit directory, checking its leaves against the digest it states. */
export async function readPartial(dir: string): Promise<{ partial: AuditPartial; leaves: LeafRuns }> {
  const path = join(dir, PARTIAL_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError('input-missing', `no ${PARTIAL_FILE} here; give directories written by "tokencert audit --shard K/N --out DIR"`, { file: path });
  }
  let partial: AuditPartial;
  try {
    partial = JSON.parse(text) as AuditPartial;
  } catch {
    throw new InputError('input-syntax', 'malformed partial audit (truncated?)', { file: path });
  }
  validate('audit-partial', partial, { file: path });
  const leavesPath = join(dir, LEAVES_FILE);
  const leaves = await readFile(leavesPath).catch(() => {
    throw new InputError('input-missing', 'the leaves file of this partial audit is missing', { file: leavesPath });
  });
  if (sha256Hex(leaves) !== partial.leaves.sha256 || leaves.length !== partial.leaves.count * 32) {
    throw new InputError('input-invalid', 'leaves.bin does not match the digest its partial states (damaged or from another run)', { file: leavesPath });
  }
  return { partial, leaves: new LeafRuns([leaves]) };
}
