import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors/errors.js';
import { parseJson } from '../io/parseJson.js';
import { isRecord } from '../io/isRecord.js';
import type { Report, Scoreboard, ScoreboardMoney, ScoreboardTally as Tally } from '../schemas/types.gen.js';
import { safeValidate } from '../schemas/registry.js';

/** The scoreboard (schemas/scoreboard.json) and its parts, as generated from the schema. */
export type { Scoreboard, ScoreboardTally as Tally } from '../schemas/types.gen.js';
/** One implementation's column. */
export type ScoreboardImplementation = Scoreboard['implementations'][number];
/** One failing (or erroring) case of one implementation. */
export type ScoreboardFailure = Scoreboard['failures'][number];

/** Any JSON value (the generated type names objects only). */
type Json = Record<string, unknown>;

/** Whether an evidence field is an amount of money (a result's `impact`). */
function isMoney(x: unknown): x is ScoreboardMoney {
  return isRecord(x) && typeof x.currency === 'string' && typeof x.amount === 'string';
}

const zero = (): Tally => ({ pass: 0, fail: 0, error: 0, skip: 0 });
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function readReport(dir: string): Report {
  const file = join(dir, 'report.json');
  if (!existsSync(file)) throw new InputError('input-missing', 'no report.json: give folders written by `tokencert harness run`', { file });
  const value = parseJson(readFileSync(file, 'utf8'), file);
  const v = safeValidate('report', value);
  if (!v.ok) throw new InputError('input-invalid', v.issues[0].message, { file, pointer: v.issues[0].pointer });
  const report = value as Report;
  if (report.run.kind !== 'harness') throw new InputError('input-invalid', `a ${report.run.kind} report, not a harness report`, { file, pointer: '/run/kind' });
  return report;
}

/** One failing or erroring result of an implementation, as the scoreboard lists it. */
function failureOf(implementation: string, kind: string, group: string, res: Report['results'][number], status: 'fail' | 'error'): ScoreboardFailure {
  const ev = res.evidence;
  const source = isRecord(ev.details) ? ev.details.source : undefined;
  return {
    implementation,
    kind,
    case_id: res.case_id,
    vector: `vectors/${group}`,
    title: res.title,
    status,
    reason: res.reason ?? '',
    expected: (ev.expected ?? null) as Json,
    observed: (ev.observed ?? null) as Json,
    impact: isMoney(ev.impact) ? ev.impact : null,
    source: typeof source === 'string' ? source : null,
  };
}

/**
 * Builds the scoreboard from harness run folders: a pure function of their report.json files, with
 * no times or durations, sorted by name, so the same runs give the same bytes (TMS-H-008).
 */
export function buildScoreboard(dirs: readonly string[]): Scoreboard {
  const refOf = (r: Report): string => String(r.options.implementation ?? '');
  const reports = dirs.map(readReport).sort((a, b) => byString(String(a.target.name), String(b.target.name)) || byString(refOf(a), refOf(b)));
  // Two runs of one library (say, two adapters) get their adapter's name beside the library's.
  const seen = new Map<string, number>();
  for (const r of reports) seen.set(String(r.target.name), (seen.get(String(r.target.name)) ?? 0) + 1);
  const columnOf = (r: Report): string => (seen.get(String(r.target.name))! > 1 ? `${String(r.target.name)} [${refOf(r)}]` : String(r.target.name));
  const implementations: ScoreboardImplementation[] = [];
  const table = new Map<string, Map<string, Record<string, Tally>>>();
  const failures: ScoreboardFailure[] = [];
  for (const r of reports) {
    const name = columnOf(r);
    const kinds: unknown[] = Array.isArray(r.target.capabilities) ? r.target.capabilities : [];
    const totals = zero();
    for (const res of r.results) {
      if (res.status === 'not_applicable') continue;
      const kind = res.check.replace(/^harness-/, '');
      const ev = res.evidence;
      const file = isRecord(ev.location) ? ev.location.file : undefined;
      const group = String(file ?? '(unknown)').replace(/^vectors\//, '');
      const groups = table.get(kind) ?? table.set(kind, new Map()).get(kind)!;
      const cells = groups.get(group) ?? groups.set(group, {}).get(group)!;
      const tally = (cells[name] ??= zero());
      tally[res.status]++;
      totals[res.status]++;
      if (res.status === 'fail' || res.status === 'error') failures.push(failureOf(name, kind, group, res, res.status));
    }
    const adapter = r.options.adapter;
    implementations.push({
      name,
      version: String(r.target.version ?? ''),
      language: String(r.target.api ?? ''),
      adapter: typeof adapter === 'string' ? adapter : null,
      kinds: kinds.map(String).sort(),
      totals,
      impact: r.impact,
      stopped: r.run.stopped ? `${r.run.stopped.reason}: ${r.run.stopped.message}` : null,
    });
  }
  const kindOrder = ['text-count', 'chat-count', 'usage', 'cost', 'settlement'];
  const kinds = [...table.keys()]
    .sort((a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b) || byString(a, b))
    .map((kind) => ({ kind, groups: [...table.get(kind)!.keys()].sort(byString).map((group) => ({ group, cells: table.get(kind)!.get(group)! })) }));
  failures.sort(
    (a, b) =>
      byString(a.implementation, b.implementation) ||
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      byString(a.vector, b.vector) ||
      byString(a.case_id, b.case_id),
  );
  return { scoreboard_version: 1, implementations, kinds, failures };
}
