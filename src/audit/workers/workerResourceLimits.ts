import type { ResourceLimits } from 'node:worker_threads';

/** The young generation of each worker when an audit runs two or more (MiB). */
export const WORKER_YOUNG_GENERATION_MB = 24;

/** Options that size V8's young generation; a user who gives one keeps it. */
const YOUNG_GENERATION_FLAG = /^--(max-semi-space-size|min-semi-space-size|semi-space-growth-factor|max-young-generation-size)(=|$)/;

/**
 * The resource limits of each of `n` audit workers; undefined for V8's defaults.
 *
 * Every worker is a V8 isolate whose young generation grows to 32 MiB of new space under the
 * auditor's allocation rate, while it holds ~20 MiB of live data. With two workers beside the
 * merging thread that pushed a 1M-record audit to 317-336 MB peak RSS; a 24 MiB young generation
 * each gave 280-290 MB (4 runs each, issue 11), for ~0.4 s more collection in a ~11.5 s run. One
 * worker gained little (243-256 against 256-259 MB: the merging thread dominates) and lost up to
 * 1.8 s, so it keeps the defaults. Smaller limits cost far more: 12 MiB made a 2-worker audit
 * 17-20 s and 329-363 MB, as objects were promoted instead of collected young.
 */
export function workerResourceLimits(
  n: number,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): ResourceLimits | undefined {
  if (n < 2) return undefined;
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  if (given.some((a) => YOUNG_GENERATION_FLAG.test(a))) return undefined;
  return { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
}
