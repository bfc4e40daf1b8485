/** One source price or entry the importer could not represent, and why (TMS-P-018). */
export interface ImportIssue {
  /** The source model (or entry) it concerns. */
  readonly source: string;
  /** The source field, e.g. `input_audio_hours`, `match`, `prices[2].constraint`. */
  readonly field: string;
  /** What happened: the entry was skipped, or one of its prices was left out, or a rule was narrowed. */
  readonly effect: 'entry-skipped' | 'price-dropped' | 'narrowed' | 'made-explicit';
  /** Why. */
  readonly reason: string;
}

/** The outcome of an import: the sheet value (schemas/price-sheet.json) and everything not carried over. */
export interface ImportResult {
  readonly sheet: Record<string, unknown>;
  readonly entries: number;
  readonly issues: ImportIssue[];
}

/** Counts issues by effect, for a one-line summary. */
export function summarizeIssues(issues: readonly ImportIssue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.effect] = (out[i.effect] ?? 0) + 1;
  return out;
}
