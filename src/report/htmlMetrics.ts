import type { Report } from '../schemas/types.gen.js';
import { clip } from './escape.js';
import { field, moneyOf, numberOr, recordsOf, stringOr } from './guards.js';
import { pre, v } from './htmlValues.js';
import { translationFidelity } from './translationFidelity.js';

// The metrics part of the HTML view model: the comparability chart, a gateway's translation
// fidelity, and any other metric as JSON.

/** One language row of the comparability metric; rows missing a number are left out. */
interface ComparabilityRow {
  language: string;
  utf8_bytes: number;
  tokens: number;
  tokens_per_1000_bytes: number;
  source: string;
}

function comparabilityRows(data: unknown): ComparabilityRow[] {
  return recordsOf(field(data, 'rows')).flatMap((r) => {
    const utf8 = numberOr(r.utf8_bytes);
    const tokens = numberOr(r.tokens);
    const per = numberOr(r.tokens_per_1000_bytes);
    if (utf8 === undefined || tokens === undefined || per === undefined) return [];
    return [{ language: stringOr(r.language) ?? '', utf8_bytes: utf8, tokens, tokens_per_1000_bytes: per, source: stringOr(r.source) ?? '' }];
  });
}

/** How many comparability samples (one request each) the run sent. */
export function comparisonCount(report: Report): number {
  return recordsOf(field(report.metrics.find((x) => x.name === 'comparability')?.data, 'rows')).length;
}

/** The comparability metric (tokens per 1,000 UTF-8 bytes by language) as table rows and SVG bars. */
function comparability(report: Report) {
  const m = report.metrics.find((x) => x.name === 'comparability');
  if (!m) return null;
  const rows = comparabilityRows(m.data);
  const cost = moneyOf(m.data.cost);
  const max = Math.max(1, ...rows.map((r) => r.tokens_per_1000_bytes));
  const barH = 22;
  const gap = 8;
  // A narrow chart keeps its 13 px labels legible when a phone scales it down (min-width in styles).
  const left = 130;
  const width = 480;
  const plot = width - left - 60;
  const bars = rows.map((r, i) => {
    const w = (r.tokens_per_1000_bytes / max) * plot;
    const y = i * (barH + gap);
    return {
      label: v(clip(r.language, 16)),
      value: r.tokens_per_1000_bytes.toFixed(1),
      x: left,
      y,
      w: w.toFixed(1),
      h: barH,
      labelY: y + barH / 2 + 4,
      valueX: (left + w + 6).toFixed(1),
    };
  });
  return {
    rows: rows.map((r) => ({
      language: v(r.language),
      bytes: r.utf8_bytes,
      tokens: r.tokens,
      per1000: r.tokens_per_1000_bytes.toFixed(1),
      source: v(r.source),
    })),
    chart: { width, height: Math.max(barH, rows.length * (barH + gap) - gap), labelX: left - 8, bars },
    cost: cost ? { amount: v(cost.amount), currency: v(cost.currency) } : null,
  };
}

/** A gateway certification's billed-against-reported table, differences first (TMS-G-001). */
function fidelity(report: Report) {
  const f = translationFidelity(report);
  if (!f) return null;
  const rows = [...f.rows].sort((a, b) => Number(b.difference !== 0) - Number(a.difference !== 0));
  return {
    currency: v(f.currency ?? ''),
    rows: rows.map((r) => ({
      upstream: v(r.upstream),
      cell: v(r.cell),
      billed: r.billed,
      reported: r.reported,
      difference: r.difference > 0 ? `+${r.difference}` : String(r.difference),
      tone: r.difference === 0 ? 'pass' : 'fail',
      impact: v(r.impact ?? '—'),
    })),
  };
}

/** The metrics sections: comparability, translation fidelity, and the rest as recorded. */
export function metricsView(report: Report) {
  return {
    comparability: comparability(report),
    fidelity: fidelity(report),
    otherMetrics: report.metrics
      .filter((m) => m.name !== 'comparability' && m.name !== 'translation-fidelity')
      .map((m) => ({ name: v(m.name), json: pre(m.data) })),
  };
}
