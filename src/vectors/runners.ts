import type { VectorRunner } from './types.js';

/**
 * Every vector kind and its runner. Each area adds its runners here (one file per kind under
 * src/vectors/runners/); a vector file whose kind has no runner fails verification.
 */
export async function loadRunners(): Promise<Map<string, VectorRunner>> {
  const list: VectorRunner[] = [
    // measurement
    // pricing
    // settlement
  ];
  return new Map(list.map((r) => [r.kind, r]));
}
