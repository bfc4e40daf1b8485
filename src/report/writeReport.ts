import { join } from 'node:path';
import { writeAtomic } from '../io/writeAtomic.js';
import type { Report } from '../schemas/types.gen.js';
import { buildReportModel } from './buildReportModel.js';
import { readEvents } from './readEvents.js';
import { renderHtml } from './renderHtml.js';
import { renderJunit } from './renderJunit.js';
import { renderMarkdown } from './renderMarkdown.js';
import { loadSigningKey, sealReport } from './signReport.js';
import { type RenderOptions, specLinkBase } from './specLink.js';

/** The report model: report.json's content, as written (schemas/report.json). */
export type ReportModel = Report;

/** The file names writeReport produces inside the run directory. */
export const REPORT_FILES = ['report.json', 'report.html', 'junit.xml', 'summary.md'] as const;

/**
 * Renders every format from a sealed report; pure, so the same report (and the same place for the
 * files, which decides where spec links point) gives the same bytes (TMS-C-201).
 */
export function renderAll(report: Report, opts: RenderOptions = {}): Record<(typeof REPORT_FILES)[number], string> {
  return {
    'report.json': `${JSON.stringify(report, null, 2)}\n`,
    'report.html': renderHtml(report, opts),
    'junit.xml': renderJunit(report),
    'summary.md': renderMarkdown(report, opts),
  };
}

/**
 * Reads `dir/events.jsonl` and writes report.json, report.html, junit.xml and summary.md beside it,
 * each atomically (TMS-C-004). `signKey` (PEM text or a PEM file path) adds an Ed25519 signature (TMS-C-204).
 * `into` writes the files into another directory (report render's staging copy, TMS-C-007) while
 * errors still name the events file that was read.
 */
export async function writeReport(dir: string, opts: { signKey?: string; into?: string } = {}): Promise<ReportModel> {
  const key = opts.signKey !== undefined ? loadSigningKey(opts.signKey) : undefined;
  const run = await readEvents(dir);
  const report = sealReport(buildReportModel(run), key);
  // Links to spec/tms.md are relative to where the run directory really is (`dir`: the staging copy
  // of report render is written `into` a sibling, so the same path holds after the rename).
  const files = renderAll(report, { specBase: specLinkBase(dir) });
  for (const name of REPORT_FILES) await writeAtomic(join(opts.into ?? dir, name), files[name]);
  return report;
}
