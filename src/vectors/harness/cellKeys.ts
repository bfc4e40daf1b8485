import type { UsageCell } from '../../schemas/types.gen.js';
import { cellKey } from '../../measure/usageTotals.js';

/** A distinction between canonical cells that a library may have no field for (harness-response.json). */
export type Distinction = 'cache_ttl' | 'phase' | 'tool_prompt' | 'cache_read' | 'cache_write' | 'modality';

const KEY = /^(input|output)\/(none|read|write)(?:@([0-9]+[smhd]))?\/(text|image|audio|video)(?:\/(answer|reasoning|tool))?$/;

/** The member of `options` equal to `v`, typed as that member, or undefined. */
function oneOf<T extends string>(options: readonly T[], v: string | undefined): T | undefined {
  return options.find((o) => o === v);
}

/** Parses a cell key (`input/write@1h/text`, `output/none/text/reasoning`) into a cell, or undefined when it is not one. */
export function parseCellKey(key: string, tokens: number): UsageCell | undefined {
  const m = KEY.exec(key);
  if (!m) return undefined;
  const direction = oneOf(['input', 'output'] as const, m[1]);
  const cache = oneOf(['none', 'read', 'write'] as const, m[2]);
  const modality = oneOf(['text', 'image', 'audio', 'video'] as const, m[4]);
  const phase = oneOf(['answer', 'reasoning', 'tool'] as const, m[5]);
  // KEY admits only these values, so none is undefined here but an absent phase.
  if (direction === undefined || cache === undefined || modality === undefined) return undefined;
  const cell: UsageCell = { direction, cache, modality, tokens };
  if (m[3] !== undefined) cell.cache_ttl = m[3];
  if (phase !== undefined) cell.phase = phase;
  return cell;
}

/** Cells as a key → tokens map, zero cells left out (negative ones kept: they are evidence), keys sorted (the form cases compare). */
export function keyedCells(cells: readonly UsageCell[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cells) if (c.tokens !== 0) out[cellKey(c)] = (out[cellKey(c)] ?? 0) + c.tokens;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Merges cells along the distinctions a library cannot express (TMS-H-005): without `cache_ttl` the
 * 5-minute and 1-hour writes are one write cell; without `phase` reasoning and answer are one output
 * cell; without `tool_prompt` tool-use prompt tokens join the other input; without `cache_read`/`cache_write` those tokens join the uncached input; without `modality`
 * every modality counts as text. Totals are unchanged, so a wrong number still shows.
 */
export function mergeCells(cells: Readonly<Record<string, number>>, merged: readonly Distinction[]): Record<string, number> {
  const out: UsageCell[] = [];
  const unknown: Record<string, number> = {};
  for (const [key, tokens] of Object.entries(cells)) {
    const c = parseCellKey(key, tokens);
    if (!c) {
      // Not a cell key: kept as it is, so the comparison shows it rather than dropping it.
      unknown[key] = tokens;
      continue;
    }
    if (merged.includes('cache_ttl')) delete c.cache_ttl;
    if (merged.includes('phase') && c.direction === 'output') delete c.phase;
    if (merged.includes('tool_prompt') && c.direction === 'input') delete c.phase;
    if (merged.includes('cache_read') && c.cache === 'read') c.cache = 'none';
    if (merged.includes('cache_write') && c.cache === 'write') {
      c.cache = 'none';
      delete c.cache_ttl;
    }
    if (merged.includes('modality')) c.modality = 'text';
    out.push(c);
  }
  const known = keyedCells(out.filter((c) => c.tokens !== 0));
  return Object.fromEntries(Object.entries({ ...known, ...unknown }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
