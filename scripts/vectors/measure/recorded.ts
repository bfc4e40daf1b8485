// Recorded-response vectors: usage objects and stream events from public SDK test fixtures and
// recordings (scripts/vectors/measure/recordedSources.ts, each cited by repository, path and
// commit) run through the reference normalisers and stream merge (TMS-M-024..031, TMS-M-055..060).
// The billed totals each source states are compared first: on any disagreement nothing is written.
import type { Usage } from '../../../src/schemas/types.gen.js';
import { mergeStreamUsage } from '../../../src/measure/streamUsage.js';
import { fromCells, resolveConvention, toCells, type ToCellsResult } from '../../../src/measure/usageConventions.js';
import { cellKey, totalInput, totalOutput } from '../../../src/measure/usageTotals.js';
import { recordedResponses, recordedStreams, type RecordedUsage } from './recordedSources.js';
import { Checks, vectorFile, type Group, type Test } from './write.js';

const keyed = (u: Usage): Record<string, number> => Object.fromEntries(u.cells.map((c) => [cellKey(c), c.tokens]));
const cite = (r: RecordedUsage): string => `${r.source.repo}@${r.source.commit} ${r.source.path} (${r.source.at})`;

/** The test of one recorded object: rejection flags, or cells, totals and other models' usage, checked against what the source billed. */
function testOf(checks: Checks, r: RecordedUsage, result: ToCellsResult, base: Test): Test {
  const where = `recorded ${r.api} ${r.comment}`;
  if (r.invalid) {
    checks.same(where, r.invalid, result.ok ? 'accepted' : r.invalid.filter((f) => result.flags.includes(f)));
    return { ...base, result: 'invalid', invalid_flags: [...r.invalid] };
  }
  if (!result.ok) {
    checks.same(where, 'valid', result.message);
    return base;
  }
  if (r.billed) checks.same(where, r.billed, { input: totalInput(result.usage), output: totalOutput(result.usage) });
  const t: Test = { ...base, cells: keyed(result.usage), total_input: totalInput(result.usage), total_output: totalOutput(result.usage) };
  if (result.others) t.others = result.others.map((o) => ({ model: o.model, kind: o.kind, cells: keyed(o.usage) }));
  return t;
}

/** Groups tests by API and variant, in table order. */
function grouped(list: readonly RecordedUsage[], make: (r: RecordedUsage) => Test): Group[] {
  const groups = new Map<string, Group>();
  for (const r of list) {
    const key = `${r.api} ${r.variant ?? ''}`;
    if (!groups.has(key)) groups.set(key, { api: r.api, ...(r.variant ? { variant: r.variant } : {}), tests: [] });
    groups.get(key)!.tests.push(make(r));
  }
  return [...groups.values()];
}

const notes = {
  cited: 'Usage recorded from a real API response, quoted from the cited SDK fixture or recording; billed totals were compared before writing.',
  variant: "Read under the group's declared convention variant (TMS-M-056).",
  'declared-convention': "A variant provider's object read under the API's own convention: rejected, as the probe reports it (TMS-M-055).",
  iterations: "Anthropic usage.iterations: same-model iterations join the cells, other models' are listed apart (TMS-M-057, TMS-M-058).",
};
const flagsOf = (r: RecordedUsage): string[] => [
  'cited',
  ...(r.variant ? ['variant'] : []),
  ...(r.invalid ? ['declared-convention'] : []),
  ...(JSON.stringify(r.native ?? r.events).includes('"iterations"') ? ['iterations'] : []),
];

/** Builds vectors/measure/usage-recorded.json and usage-stream-recorded.json. */
export function generateRecorded(checks: Checks): { name: string; file: Record<string, unknown> }[] {
  const variantOf = (r: RecordedUsage) => (r.variant ? resolveConvention(r.variant).variant : undefined);
  const usage = grouped(recordedResponses, (r) => {
    const result = toCells(r.api, r.native, variantOf(r));
    const t = testOf(checks, r, result, { comment: r.comment, flags: flagsOf(r), result: 'valid', source: cite(r), native: r.native });
    if (t.result === 'valid' && result.ok) t.native_back = fromCells(r.api, result.usage);
    return t;
  });
  const streams = grouped(recordedStreams, (r) => {
    const merged = mergeStreamUsage(r.api, r.events ?? []);
    return testOf(checks, r, toCells(r.api, merged, variantOf(r)), {
      comment: r.comment,
      flags: flagsOf(r),
      result: 'valid',
      source: cite(r),
      events: r.events,
      merged,
    });
  });
  const reference = (list: readonly RecordedUsage[]): string[] => [...new Set(list.map((r) => `${r.source.repo}@${r.source.commit}`))];
  const header = ['Usage recorded from real API responses (SDK test fixtures and recordings), with the cited source of each test.'];
  return [
    {
      name: 'measure/usage-recorded.json',
      file: vectorFile({
        kind: 'usage',
        requirements: [
          'TMS-M-021',
          'TMS-M-022',
          'TMS-M-023',
          'TMS-M-024',
          'TMS-M-025',
          'TMS-M-026',
          'TMS-M-027',
          'TMS-M-055',
          'TMS-M-056',
          'TMS-M-057',
          'TMS-M-058',
          'TMS-M-062',
        ],
        reference: reference(recordedResponses),
        header: [...header, 'native_back is fromCells(cells): canonical cells rendered back (iterations are not re-created).'],
        notes,
        groups: usage,
      }),
    },
    {
      name: 'measure/usage-stream-recorded.json',
      file: vectorFile({
        kind: 'usage-stream',
        requirements: ['TMS-M-031', 'TMS-M-055', 'TMS-M-056', 'TMS-M-057', 'TMS-M-058', 'TMS-M-060', 'TMS-M-062'],
        reference: reference(recordedStreams),
        header: [...header, "events are the usage values the stream's events carried, in order; merged is the stream's usage (TMS-M-031)."],
        notes,
        groups: streams,
      }),
    },
  ];
}
