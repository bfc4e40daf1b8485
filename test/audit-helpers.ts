import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../src/testing/runCliForTest.js';
import { fromRoot } from '../src/paths.js';

/** The sheet every audit test prices with. */
export const SHEET = fromRoot('examples', 'sheets', 'list-prices.yaml');

/** A fresh temporary directory. */
export function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tokencert-${prefix}-`));
}

/** Runs the CLI in-process, failing loudly on an internal error. */
export async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const r = await runCliForTest(args, env);
  if (r.code === 70) throw new Error(`internal error: ${r.err}`);
  return r;
}

/** Reads a JSON-lines file into values. */
export function jsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** Generates an OpenAI-native log of `count` lines with the given plants (`kind:rate`) and its honest statement beside it. */
export async function generateNativeLog(out: string, count: number, seed: number, plants: readonly string[] = []): Promise<void> {
  const args = ['generate', 'records', '--count', String(count), '--seed', String(seed), '--native', 'openai'];
  const g = await cli([...args, ...plants.flatMap((p) => ['--plant', p]), '--out', out]);
  if (g.code !== 0) throw new Error(`generate failed: ${g.err}`);
}
