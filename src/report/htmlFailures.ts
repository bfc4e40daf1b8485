import type { Report } from '../schemas/types.gen.js';
import type { FailureGroup, FailureInstance } from './groupFailures.js';
import { locationLine, locationOf } from './guards.js';
import { groupRootCauses, type RootCauseGroup } from './groupRootCauses.js';
import type { RequirementStatus } from './requirementStatus.js';
import { cellMessage, cellText, money, more, plural, pre, specLinkView, tone, v } from './htmlValues.js';

// The failures part of the HTML view model: one section per likely root cause (TMS-C-213), and in
// it one card per failing check with every instance in a table (TMS-C-210).

// An audit can report many thousands of discrepancies; the page shows the first ones and says how
// many more report.json and junit.xml hold, so it stays readable and quick to open.
const MAX_CAUSES = 100;
const MAX_INSTANCES = 200;
const OPEN_INSTANCES = 5;
export const MAX_ROWS = 1000;
const TRANSCRIPT = /^transcripts\/[A-Za-z0-9._/-]+$/;

/** Where an exchange row sits in the exchanges table, by case and label (label '' = the case's first). */
function exchangeAnchors(report: Report): Map<string, number> {
  const at = new Map<string, number>();
  for (const x of report.exchanges.slice(0, MAX_ROWS)) {
    if (typeof x.exchange === 'string' && !at.has(`${x.case_id}\u0000${x.exchange}`)) at.set(`${x.case_id}\u0000${x.exchange}`, x.seq);
    if (!at.has(`${x.case_id}\u0000`)) at.set(`${x.case_id}\u0000`, x.seq);
  }
  return at;
}

/** The first instances of a card stay open; the others sit behind a disclosure so a card stays short. */
function firstAndRest<T>(rows: T[]) {
  const rest = rows.slice(OPEN_INSTANCES);
  return { instances: rows.slice(0, OPEN_INSTANCES), rest, restPlural: plural(rest.length) };
}

function locationText(x: unknown): string {
  const loc = locationOf(x);
  return loc ? v(locationLine(loc)) : '';
}

interface Context {
  report: Report;
  anchors: Map<string, number>;
  reqs: Map<string, RequirementStatus>;
  specBase: string | undefined;
}

/** One instance row: the result's evidence, limited to the violations that point at this group. */
function instanceRow(x: FailureInstance, ctx: Context) {
  const e = ctx.report.results[x.index].evidence;
  const seq = ctx.anchors.get(`${x.caseId}\u0000${x.exchanges[0] ?? ''}`) ?? ctx.anchors.get(`${x.caseId}\u0000`);
  const transcript = typeof e.transcript === 'string' && TRANSCRIPT.test(e.transcript) && !e.transcript.includes('..') ? v(e.transcript) : '';
  return {
    // The row where the result is counted holds its anchor; its other appearances link to it.
    anchor: x.primary ? `result-${x.index}` : '',
    countedAt: x.primary ? '' : `#result-${x.index}`,
    caseId: v(x.caseId),
    exchangeHref: seq === undefined ? '' : `#exchange-${seq}`,
    labels: v(x.exchanges.join(', ')),
    status: x.status,
    isError: x.status !== 'fail',
    tone: tone(x.status),
    expected: cellText(x.expected, x.hasExpected),
    observed: cellText(x.observed, x.hasObserved),
    // A reason that only strings the violations together is not shown beside their list, and a
    // single violation the reason already states gets no list: each fact appears once per row.
    reason: x.violations.length > 1 && x.violations.every((y) => x.reason.includes(y.message)) ? '' : v(x.reason),
    listViolations: x.violations.length > 1 || (x.violations.length === 1 && !x.reason.includes(x.violations[0].message)),
    violations: x.violations.map((y) => ({ exchange: v(y.exchange), message: cellMessage(y.message) })),
    impact: x.impact ? money(x.impact) : null,
    digests: (['request_sha256', 'response_sha256'] as const).flatMap((k) => (typeof e[k] === 'string' ? [{ k, v: v(e[k]) }] : [])),
    location: locationText(e.location),
    hasDetails: 'details' in e,
    details: pre(e.details),
    transcript,
  };
}

/** One card per failing check: counts, summed impact, cited requirements and every instance in a table. */
function checkCard(g: FailureGroup, anchor: number, ctx: Context) {
  const shown = g.instances.slice(0, MAX_INSTANCES);
  return {
    anchor: `failure-${anchor}`,
    status: g.status,
    tone: tone(g.status),
    check: v(g.check),
    title: v(g.title),
    level: g.level,
    count: g.count,
    plural: plural(g.count),
    split: g.fails > 0 && g.errors > 0 ? `${g.fails} failed, ${g.errors} errors` : '',
    classes: v(g.classes.join(', ')),
    impact: g.impact.map(money),
    requirements: g.requirements.map((id) => specLinkView(id, ctx.reqs.get(id)?.title ?? '', ctx.specBase)),
    hasLabels: shown.some((x) => x.exchanges.length > 0),
    ...firstAndRest(shown.map((x) => instanceRow(x, ctx))),
    moreInstances: more(g.instances.length, shown.length),
  };
}

/** One root cause: its heading, explanation, counts and impact, and a card per check beneath. */
function causeSection(c: RootCauseGroup, i: number, firstCard: number, ctx: Context) {
  return {
    anchor: `cause-${i}`,
    rank: i + 1,
    isPattern: c.kind === 'pattern',
    title: v(c.title),
    explanation: v(c.explanation),
    status: c.status,
    tone: tone(c.status),
    level: c.level,
    count: c.count,
    plural: plural(c.count),
    checkCount: c.checks.length,
    checkPlural: plural(c.checks.length),
    impact: c.impact.map(money),
    requirements: c.requirements.map((id) => specLinkView(id, ctx.reqs.get(id)?.title ?? '', ctx.specBase)),
    cards: c.checks.map((g, k) => checkCard(g, firstCard + k, ctx)),
  };
}

/** The failures section: root causes in "what to fix first" order with their check cards, and the index above them. */
export function failuresView(report: Report, reqs: Map<string, RequirementStatus>, specBase?: string) {
  const ctx: Context = { report, anchors: exchangeAnchors(report), reqs, specBase };
  const causes = groupRootCauses(report.results);
  const shown = causes.slice(0, MAX_CAUSES);
  const checks = new Set(causes.flatMap((c) => c.checks.map((g) => g.check))).size;
  let card = 0;
  const sections = shown.map((c, i) => {
    const s = causeSection(c, i, card, ctx);
    card += c.checks.length;
    return s;
  });
  return {
    causeCount: causes.length,
    causePlural: plural(causes.length),
    checkCount: checks,
    checkPlural: plural(checks),
    causes: sections,
    moreCauses: more(causes.length, shown.length),
    fixFirst: sections.map((s) => ({
      anchor: s.anchor,
      title: s.title,
      isPattern: s.isPattern,
      count: s.count,
      level: s.level,
      status: s.status,
      tone: s.tone,
      impact: s.impact,
      checks: s.cards.map((k) => ({ anchor: k.anchor, check: k.check, count: k.count })),
    })),
  };
}
