import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors/errors.js';
import { parseJson } from '../io/parseJson.js';
import { checkManifest, listVectorFiles, type Manifest, type ManifestProblem } from './manifest.js';
import { loadVectorFile } from './loadVectorFile.js';
import { loadRunners } from './runners.js';
import type { VectorOutcome } from './types.js';
import { errorMessage } from '../io/errnoCode.js';

/** One failed vector, with enough to find it: file, tc_id and what differed. */
export interface VectorFailure {
  readonly file: string;
  readonly tc_id: number | null;
  readonly message: string;
  readonly expected?: unknown;
  readonly observed?: unknown;
}

/** Totals of a verification run. */
export interface VectorSummary {
  readonly files: number;
  readonly passed: number;
  readonly failed: number;
  readonly manifest: readonly ManifestProblem[];
  readonly failures: readonly VectorFailure[];
}

/**
 * Checks `dir` against its manifest and runs every vector against the reference implementation.
 * A manifest problem, an unreadable file or a kind with no runner counts as a failure, never a skip.
 * `onFile` is told before each file is run (for a progress line).
 */
export async function verifyVectors(dir: string, onFile?: (done: number, total: number, file: string) => void): Promise<VectorSummary> {
  const manifestPath = join(dir, 'MANIFEST.json');
  if (!existsSync(manifestPath)) throw new InputError('input-missing', 'no MANIFEST.json in the vectors folder', { file: manifestPath });
  const manifest = parseJson(readFileSync(manifestPath, 'utf8'), manifestPath) as Manifest;
  const problems = checkManifest(dir, manifest);
  const runners = await loadRunners();
  const failures: VectorFailure[] = problems.map((p) => ({ file: p.file, tc_id: null, message: `manifest: ${p.kind}` }));
  let passed = 0;
  let failed = problems.length;
  const files = listVectorFiles(dir).filter((f) => !f.startsWith('workloads/'));
  for (const [i, rel] of files.entries()) {
    onFile?.(i, files.length, rel);
    let file;
    try {
      file = loadVectorFile(join(dir, rel), rel);
    } catch (e) {
      failed++;
      failures.push({ file: rel, tc_id: null, message: errorMessage(e) });
      continue;
    }
    const runner = runners.get(file.kind);
    for (const group of file.test_groups) {
      for (const test of group.tests) {
        let outcome: VectorOutcome;
        if (!runner) outcome = { status: 'fail', message: `no runner for kind "${file.kind}"` };
        else {
          try {
            outcome = await runner.run(test, group, file);
          } catch (e) {
            outcome = { status: 'fail', message: `runner threw: ${errorMessage(e)}` };
          }
        }
        if (outcome.status === 'pass') passed++;
        else {
          failed++;
          failures.push({ file: rel, tc_id: test.tc_id, message: outcome.message, expected: outcome.expected, observed: outcome.observed });
        }
      }
    }
  }
  return { files: files.length, passed, failed, manifest: problems, failures };
}
