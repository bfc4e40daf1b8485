import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../digest/canonicalJson.js';
import { sha256Hex } from '../../digest/sha256.js';
import { InputError } from '../../errors/errors.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { fromRoot } from '../../paths.js';
import { Reporter } from '../../report/Reporter.js';
import { writeReport } from '../../report/writeReport.js';
import type { Statement } from '../../schemas/types.gen.js';
import { statementBytes } from '../../settlement/statementBytes.js';
import { specVersion, toolVersion } from '../../version.js';
import { buildStatement } from '../../settlement/buildStatement.js';
import type { RoundingPolicy } from '../../settlement/policy.js';
import type { Discrepancy } from '../types.js';
import type { Tally } from './AuditBook.js';
import { LineBook } from '../../settlement/LineBook.js';
import { LeafRuns } from './LeafRuns.js';
import { MerkleStream } from '../../digest/MerkleStream.js';
import type { AuditPartial } from './partial.js';
import { reconcile, type BillingSummary } from './reconcile.js';
import { sortFindings } from './sortFindings.js';
import { writeAuditEvents } from './writeAuditEvents.js';

/** The outcome of an audit: what the CLI prints and its exit code (TMS-C-002). */
export interface AuditOutcome {
  tally: Tally;
  statement: Statement;
  discrepancies: number;
  byKind: Record<string, number>;
  billing: BillingSummary | null;
  exitCode: 0 | 1;
}

/** Output file names of an audit beside the report files. */
export const AUDIT_FILES = { statement: 'statement.json', discrepancies: 'discrepancies.jsonl' } as const;

function checkSameAudit(parts: readonly AuditPartial[]): void {
  const first = canonicalJson(parts[0].inputs);
  parts.forEach((p, i) => {
    if (canonicalJson(p.inputs) !== first)
      throw new InputError(
        'input-invalid',
        `partial ${i + 1} audited other inputs (files, period, sheet or statement differ) than partial 1; merge only shards of one audit`,
      );
  });
  const shards = parts.map((p) => p.shard);
  if (shards.some((s) => s === null)) {
    if (parts.length !== 1) throw new InputError('input-invalid', 'an unsharded audit cannot be merged with others');
    return;
  }
  const n = shards[0]!.count;
  const seen = new Set<number>();
  for (const s of shards) {
    if (s!.count !== n) throw new InputError('input-invalid', `partials were cut into different shard counts (${n} and ${s!.count})`);
    if (seen.has(s!.index)) throw new InputError('input-invalid', `shard ${s!.index + 1}/${n} is given twice`);
    seen.add(s!.index);
  }
  if (seen.size !== n) {
    const missing = [...Array(n).keys()].filter((k) => !seen.has(k)).map((k) => `${k + 1}/${n}`);
    throw new InputError('input-invalid', `shard(s) ${missing.join(', ')} missing; a merge needs every shard`);
  }
}

function mergeTally(parts: readonly AuditPartial[]): Tally {
  const f = parts[0].tally;
  const t: Tally = {
    lines: f.lines,
    blank: f.blank,
    other_shards: 0,
    invalid: 0,
    records: 0,
    billed: 0,
    duplicates: 0,
    excluded: 0,
    conflicting_versions: 0,
    unpriced: 0,
  };
  for (const k of ['invalid', 'records', 'billed', 'duplicates', 'excluded', 'conflicting_versions', 'unpriced'] as const)
    t[k] = parts.reduce((n, p) => n + p.tally[k], 0);
  // OTLP span counts (TMS-A-016), in a fixed key order and only when some were seen: spans that are
  // not GenAI are counted by every shard (like blank lines), spans without usage by their id's shard.
  if (f.spans_not_genai) t.spans_not_genai = f.spans_not_genai;
  const noUsage = parts.reduce((n, p) => n + (p.tally.spans_without_usage ?? 0), 0);
  if (noUsage > 0) t.spans_without_usage = noUsage;
  return t;
}

/** The SHA-256 of the vectors' MANIFEST.json the report names (of nothing when the vectors are not shipped). */
function vectorsManifestSha256(): string {
  try {
    return sha256Hex(readFileSync(fromRoot('vectors', 'MANIFEST.json')));
  } catch {
    return sha256Hex('');
  }
}

/**
 * The recomputed statement, made by the settlement's own statement builder: the audit's
 * recomputation is settle's statement (TMS-A-006). The leaves stream into the tree hash: no merged
 * copy of every digest is ever built.
 */
function recomputeStatement(partials: readonly AuditPartial[], runs: readonly LeafRuns[]): Statement {
  const inputs = partials[0].inputs;
  const totals = new LineBook();
  for (const p of partials) totals.merge(p.line_items);
  const leaves = LeafRuns.merge(runs);
  // By blocks (views of the one in-memory run when there is one), not a merge step per leaf.
  // Hashing subtrees on worker threads was tried: 0.3 s faster at a million leaves, but two more
  // V8 isolates at the end of a spilled audit, where its memory peaks (5M records: 332 MB).
  const tree = new MerkleStream();
  for (const b of leaves.blocks(1 << 15)) tree.pushLeaves(b);
  leaves.release();
  const byId = <T extends { record_id: string }>(a: T, b: T) => (a.record_id < b.record_id ? -1 : 1);
  return buildStatement({
    period: inputs.period,
    currency: inputs.sheet.currency,
    policy: inputs.rounding as RoundingPolicy,
    sheet: { id: inputs.sheet.id, sha256: inputs.sheet.sha256 },
    book: totals,
    excluded: partials.flatMap((p) => p.excluded).sort(byId),
    conflicts: partials.flatMap((p) => p.conflicts).sort(byId),
    merkle: { size: tree.size, root: tree.root().toString('hex') },
  });
}

/** Every finding in canonical order: the partials' record findings, then the reconciliation's with the billed statement. */
function collectFindings(partials: readonly AuditPartial[], statement: Statement, billed: Statement | null) {
  const files = partials[0].inputs.files.map((f) => f.path);
  const findings = sortFindings(
    partials.flatMap((p) => p.discrepancies),
    files,
  );
  let billing: BillingSummary | null = null;
  if (billed) {
    const r = reconcile(billed, statement);
    findings.push(...r.findings);
    billing = r.summary;
  }
  return { findings, billing };
}

function countByKind(findings: readonly Discrepancy[]): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const d of findings) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
  return byKind;
}

/**
 * Combines partial audits (one for an unsharded run) into the audit's result and writes it to
 * `out`: statement.json (the recomputed statement), discrepancies.jsonl, and the report files
 * through the shared report model. Everything written is a function of the partials' content
 * alone — no clock, no paths of the partials, no worker count — so N shards merged give the same
 * bytes as one run (TMS-A-009, TMS-A-010).
 */
export async function finalizeAudit(
  parts: readonly { partial: AuditPartial; leaves: LeafRuns }[],
  out: string,
  billed: Statement | null,
): Promise<AuditOutcome> {
  // Round-trip through canonical JSON so a partial read from disk and one still in memory are the
  // same value, key order included (TMS-A-009).
  const partials = parts.map((p) => JSON.parse(canonicalJson(p.partial)) as AuditPartial);
  checkSameAudit(partials);
  const inputs = partials[0].inputs;
  const tally = mergeTally(partials);
  const statement = recomputeStatement(
    partials,
    parts.map((p) => p.leaves),
  );
  const { findings, billing } = collectFindings(partials, statement, billed);
  await writeAtomic(join(out, AUDIT_FILES.statement), statementBytes(statement));
  await writeAtomic(join(out, AUDIT_FILES.discrepancies), findings.map((d) => `${canonicalJson(d)}\n`).join(''));
  const byKind = countByKind(findings);
  await writeAuditEvents(out, {
    inputs,
    tally,
    statement,
    findings,
    billing,
    byKind,
    tool: { name: 'tokencert', version: toolVersion },
    specVersion,
    manifest: vectorsManifestSha256(),
  });
  await writeReport(out);
  return { tally, statement, discrepancies: findings.length, byKind, billing, exitCode: findings.length > 0 ? 1 : 0 };
}
