import { UsageError } from '../../errors/errors.js';
import type { ShardSpec } from '../../audit/core/shardOf.js';

/**
 * Reads the shard selection (TMS-A-009): `--shard K/N` (0 ≤ K < N), or `--shard env` /
 * `--shard-index-env VAR` with `--shards N`, taking K from an environment variable such as a
 * Kubernetes Indexed Job's JOB_COMPLETION_INDEX (default variable for `--shard env`).
 */
export function parseShard(
  values: { shard?: string; 'shard-index-env'?: string; shards?: string },
  env: Readonly<Record<string, string | undefined>>,
): ShardSpec | null {
  const { shard, shards } = values;
  let varName = values['shard-index-env'];
  if (shard === undefined && varName === undefined) {
    if (shards !== undefined) throw new UsageError('audit: --shards N needs --shard env or --shard-index-env VAR');
    return null;
  }
  const count = (text: string | undefined, what: string): number => {
    if (text === undefined || !/^[1-9][0-9]*$/.test(text)) throw new UsageError(`audit: ${what} must be a positive integer, got ${JSON.stringify(text ?? '')}`);
    return Number(text);
  };
  if (shard !== undefined && shard !== 'env') {
    if (varName !== undefined) throw new UsageError('audit: give either --shard K/N or --shard-index-env VAR, not both');
    const m = /^([0-9]+)\/([0-9]+)$/.exec(shard);
    if (!m) throw new UsageError(`audit: --shard must be K/N (0 ≤ K < N) or env, got "${shard}"`);
    const n = count(m[2], 'the shard count N');
    const k = Number(m[1]);
    if (k >= n) throw new UsageError(`audit: shard index ${k} is not below the shard count ${n} (indexes are 0-based)`);
    return { index: k, count: n };
  }
  varName ??= 'JOB_COMPLETION_INDEX';
  const n = count(shards, '--shards N');
  const raw = env[varName];
  if (raw === undefined || !/^[0-9]+$/.test(raw))
    throw new UsageError(`audit: environment variable ${varName} must hold the 0-based shard index, got ${JSON.stringify(raw ?? null)}`);
  const k = Number(raw);
  if (k >= n) throw new UsageError(`audit: ${varName}=${k} is not below --shards ${n}`);
  return { index: k, count: n };
}
