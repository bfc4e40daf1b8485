import type { Usage, UsageCell } from '../../schemas/types.gen.js';

/** Sums the tokens of the cells matching every given field (undefined fields match anything). */
export function sumWhere(usage: Usage, match: Partial<Omit<UsageCell, 'tokens'>>): number {
  let n = 0;
  for (const c of usage.cells) {
    if (match.direction !== undefined && c.direction !== match.direction) continue;
    if (match.cache !== undefined && c.cache !== match.cache) continue;
    if (match.modality !== undefined && c.modality !== match.modality) continue;
    if (match.phase !== undefined && c.phase !== match.phase) continue;
    if (match.cache_ttl !== undefined && c.cache_ttl !== match.cache_ttl) continue;
    n += c.tokens;
  }
  return n;
}

/** Builds a cell list: required cells always, optional ones only when non-zero (the canonical form). */
export class CellList {
  readonly cells: UsageCell[] = [];

  /** Adds a cell that every usage of the convention carries, even when zero. */
  required(cell: Omit<UsageCell, 'tokens'>, tokens: number): this {
    this.cells.push({ ...cell, tokens });
    return this;
  }

  /** Adds a cell only when it holds tokens. */
  optional(cell: Omit<UsageCell, 'tokens'>, tokens: number): this {
    if (tokens > 0) this.cells.push({ ...cell, tokens });
    return this;
  }
}

/** The canonical fresh-text input cell. */
export const IN_TEXT = { direction: 'input', cache: 'none', modality: 'text' } as const;
/** The canonical cache-read text input cell. */
export const IN_READ = { direction: 'input', cache: 'read', modality: 'text' } as const;
/** The canonical cache-write text input cell (no TTL). */
export const IN_WRITE = { direction: 'input', cache: 'write', modality: 'text' } as const;
/** The canonical visible text output cell. */
export const OUT_ANSWER = { direction: 'output', cache: 'none', modality: 'text', phase: 'answer' } as const;
/** The canonical reasoning output cell. */
export const OUT_REASONING = { direction: 'output', cache: 'none', modality: 'text', phase: 'reasoning' } as const;
