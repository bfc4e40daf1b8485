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

/** Where a settle or audit run reads and writes; the sheet defaults to SHEET. */
export interface RunFiles {
  readonly records: string;
  readonly out: string;
  readonly sheet?: string;
}

/** Runs `tokencert settle` on `records` for the period [from, until), writing the statement to `out`; `more` are extra flags. */
export function settleCli(files: RunFiles & { readonly from: string; readonly until: string }, ...more: string[]): ReturnType<typeof cli> {
  return cli([
    'settle',
    '--sheet',
    files.sheet ?? SHEET,
    '--records',
    files.records,
    '--from',
    files.from,
    '--until',
    files.until,
    '--out',
    files.out,
    ...more,
  ]);
}

/** Runs `tokencert audit` on `records` against `statement` (when given), writing to `out`; `more` are extra flags. */
export function auditCli(files: RunFiles & { readonly statement?: string }, ...more: string[]): ReturnType<typeof cli> {
  const statement = files.statement !== undefined ? ['--statement', files.statement] : [];
  return cli(['audit', '--records', files.records, '--sheet', files.sheet ?? SHEET, ...statement, '--out', files.out, ...more]);
}

/** Generates an OpenAI-native log of `count` lines with the given plants (`kind:rate`) and its honest statement beside it. */
export async function generateNativeLog(out: string, count: number, seed: number, plants: readonly string[] = []): Promise<void> {
  const args = ['generate', 'records', '--count', String(count), '--seed', String(seed), '--native', 'openai'];
  const g = await cli([...args, ...plants.flatMap((p) => ['--plant', p]), '--out', out]);
  if (g.code !== 0) throw new Error(`generate failed: ${g.err}`);
}
