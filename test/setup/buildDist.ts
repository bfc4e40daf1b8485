// Tests that run bin/tokencert.mjs, pack the package or start audit workers from dist/ need dist/
// to match src/. `npm ci` builds it (prepare); this rebuilds it before a test run only when a
// source file is newer than the last build, so editing src/ and running one test file stays honest.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../src/paths.js';

function newestMtime(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newestMtime(p));
    else if (!e.name.endsWith('.test.ts')) max = Math.max(max, statSync(p).mtimeMs);
  }
  return max;
}

export default function setup(): void {
  const stamp = fromRoot('dist', '.tsbuildinfo');
  const inputs = Math.max(newestMtime(fromRoot('src')), ...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(fromRoot(f)).mtimeMs));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= inputs) return;
  execFileSync(process.execPath, [fromRoot('node_modules', 'typescript', 'bin', 'tsc'), '-p', fromRoot('tsconfig.build.json')], { stdio: 'inherit' });
  // An incremental build that changed nothing leaves the stamp alone: mark it up to date.
  const now = new Date();
  utimesSync(stamp, now, now);
}
