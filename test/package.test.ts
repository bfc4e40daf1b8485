// The package as users get it (TMS-C-020, TMS-C-021): `npm pack`, then installed into an empty
// directory with production dependencies only and no network — the dependencies come from the npm
// cache `npm ci` filled, pinned by the versions and integrity hashes of this repository's lock — and
// run from there through `npx tokencert` and a plain-Node `import('tokencert')`.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../src/paths.js';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tokencert-pack-'));
const app = join(dir, 'app');
let tarball = '';

interface LockEntry {
  dev?: boolean;
  [k: string]: unknown;
}

/** A lock for an app depending only on the tarball: the tarball's entry plus every non-dev entry of the repository's lock. */
function appLock(tgz: string): object {
  const lock = JSON.parse(readFileSync(fromRoot('package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const root = lock.packages[''] as { version: string; dependencies: Record<string, string>; bin: unknown; engines: unknown; license: string };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  const spec = `file:../${tgz.split(/[\\/]/).pop()}`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', dependencies: { tokencert: spec } },
    'node_modules/tokencert': {
      version: root.version,
      resolved: spec,
      integrity,
      license: root.license,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [k, v] of Object.entries(lock.packages)) if (k !== '' && v.dev !== true) packages[k] = v;
  return { name: 'app', lockfileVersion: 3, requires: true, packages };
}

const run = async (cmd: string, args: string[], cwd = app): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

beforeAll(async () => {
  // dist/ is fresh (test/setup/buildDist.ts), so skip prepare's second build.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], fromRoot());
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(dir, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, dependencies: { tokencert: `file:../${tarball.split(/[\\/]/).pop()}` } }),
  );
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(appLock(tarball)));
  const installed = await run('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund']);
  expect(installed.code, installed.stderr).toBe(0);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('TMS-C-020: ships compiled code and data only, and installs without dev dependencies', () => {
    const shipped = JSON.parse(readFileSync(join(app, 'node_modules', 'tokencert', 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(shipped.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    const top = readdirSync(join(app, 'node_modules', 'tokencert')).sort();
    expect(top).toEqual(['README.md', 'bin', 'dist', 'docs', 'examples', 'package.json', 'reports', 'schemas', 'spec', 'suites', 'targets', 'vectors']);
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
    const dist = files(join(app, 'node_modules', 'tokencert', 'dist'));
    expect(dist.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(dist.filter((f) => /\.test\.|tsbuildinfo/.test(f))).toEqual([]);
    const deps = readdirSync(join(app, 'node_modules'));
    for (const dev of ['tsx', 'esbuild', 'typescript', 'vitest', 'fast-check']) expect(deps).not.toContain(dev);
  });

  it('TMS-C-020: npx tokencert runs --version, count and vectors verify', async () => {
    const version = await run('npx', ['--no', '--', 'tokencert', '--version']);
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version}\n`);
    const count = await run('npx', ['--no', '--', 'tokencert', 'count', '--encoding', 'cl100k_base', '--text', 'hello world']);
    expect(count).toMatchObject({ code: 0, stdout: '2\n' }); // tiktoken tests/test_encoding.py: [15339, 1917]
    const vectors = await run('npx', ['--no', '--', 'tokencert', 'vectors', 'verify']);
    expect(vectors.code, vectors.stderr).toBe(0);
    expect(vectors.stdout).toMatch(/ passed, 0 failed\n$/);
  }, 300_000);

  it('TMS-C-020: npx tokencert probe runs the reference probe and writes its report', async () => {
    const probe = await run('npx', ['--no', '--', 'tokencert', 'probe', '--out', join(dir, 'run')]);
    expect(probe.code, probe.stdout + probe.stderr).toBe(0);
    expect(readdirSync(join(dir, 'run')).sort()).toEqual(['.tokencert-output', 'events.jsonl', 'junit.xml', 'report.html', 'report.json', 'summary.md']);
  }, 300_000);

  it('TMS-C-020: npx tokencert audit --workers 2 starts its worker threads from compiled code (no tsx installed)', async () => {
    const log = join(dir, 'usage.jsonl');
    const sheet = join(app, 'node_modules', 'tokencert', 'examples', 'sheets', 'list-prices.yaml');
    const gen = await run('npx', [
      '--no',
      '--',
      'tokencert',
      'generate',
      'records',
      '--count',
      '300',
      '--seed',
      '5',
      '--out',
      log,
      '--statement-out',
      join(dir, 'billed.json'),
    ]);
    expect(gen.code, gen.stderr).toBe(0);
    const audit = await run('npx', [
      '--no',
      '--',
      'tokencert',
      'audit',
      '--records',
      log,
      '--sheet',
      sheet,
      '--statement',
      join(dir, 'billed.json'),
      '--workers',
      '2',
      '--out',
      join(dir, 'audit'),
    ]);
    expect(audit.stderr).not.toMatch(/internal|worker failed|tsx/i);
    expect([0, 1]).toContain(audit.code);
    expect(readdirSync(join(dir, 'audit')).length).toBeGreaterThan(0);
  }, 300_000);

  it('TMS-C-021: the public API imports in plain Node (no TypeScript loader)', async () => {
    const r = await run(process.execPath, ['-e', "import('tokencert').then((m) => console.log(m.countText('cl100k_base', 'hello world'), typeof m.runProbe))"]);
    expect(r).toMatchObject({ code: 0, stdout: '2 function\n' });
  });
});
