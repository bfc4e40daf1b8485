import { findRequirement } from '../spec/loadSpec.js';
import { DEFAULT_SPEC_LINK } from './specLink.js';
import type { ReportResult, RequirementRow } from '../schemas/types.gen.js';

/** How one check voted on a requirement: its worst status and how many of its results had it. */
export interface CheckVote {
  check: string;
  status: ReportResult['status'];
  results: number;
}

/** A requirement row with the checks that cite it and the ones that decided its status. */
export interface RequirementStatus extends RequirementRow {
  /** Every check citing the requirement, worst status first. */
  votes: CheckVote[];
  /** The checks whose status is the requirement's status (the ones that decided it). */
  decidedBy: string[];
}

const RANK: Record<ReportResult['status'], number> = { fail: 0, error: 1, pass: 2, skip: 3, not_applicable: 4 };

/**
 * Explains each requirement's status (the worst status of every result citing it, as report.json
 * states it) by the checks behind it: a requirement cited by two checks fails when either fails,
 * and the reader must see which one did, not just the requirement's title.
 */
export function requirementStatus(rows: readonly RequirementRow[], results: readonly ReportResult[]): RequirementStatus[] {
  const byReq = new Map<string, Map<string, CheckVote>>();
  for (const r of results) {
    for (const id of r.requirements) {
      let checks = byReq.get(id);
      if (!checks) byReq.set(id, (checks = new Map()));
      const vote = checks.get(r.check);
      if (!vote) checks.set(r.check, { check: r.check, status: r.status, results: 1 });
      else if (RANK[r.status] < RANK[vote.status]) checks.set(r.check, { check: r.check, status: r.status, results: 1 });
      else if (r.status === vote.status) vote.results++;
    }
  }
  return rows.map((row) => {
    const votes = [...(byReq.get(row.id)?.values() ?? [])].sort(
      (a, b) => RANK[a.status] - RANK[b.status] || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0),
    );
    return { ...row, votes, decidedBy: votes.filter((x) => x.status === row.status).map((x) => x.check) };
  });
}

/**
 * Where the spec text of requirement `id` lives: spec/tms.md at `base` (specLink.ts computes it from
 * the output directory), heading "### ID Title" under the anchor GitHub and most Markdown viewers
 * derive from it (lower case, punctuation dropped, spaces as hyphens).
 */
export function specHref(id: string, title: string, base: string = DEFAULT_SPEC_LINK): string {
  // A requirement no result cites (a root cause names it) has no title in the report: take this build's.
  const slug = `${id} ${title || (findRequirement(id)?.title ?? '')}`
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
  return `${base}#${slug}`;
}
