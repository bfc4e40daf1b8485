import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sha256Hex } from '../digest/sha256.js';

/** vectors/MANIFEST.json: the sha256 of every vector file, so a copy can be checked byte for byte. */
export interface Manifest {
  readonly algorithm: 'sha256';
  readonly spec_version: string;
  readonly files: Readonly<Record<string, string>>;
}

/** A difference between the manifest and the files on disk. */
export type ManifestProblem =
  | { readonly kind: 'missing-file'; readonly file: string }
  | { readonly kind: 'unlisted-file'; readonly file: string }
  | { readonly kind: 'digest-mismatch'; readonly file: string; readonly listed: string; readonly actual: string };

/** Every JSON file under `dir` except the manifest, as sorted POSIX-style relative paths. */
export function listVectorFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json') && name !== 'MANIFEST.json') out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Builds the manifest of `dir` from the files on disk. */
export function buildManifest(dir: string, specVersion: string): Manifest {
  const files: Record<string, string> = {};
  for (const f of listVectorFiles(dir)) files[f] = sha256Hex(readFileSync(join(dir, f)));
  return { algorithm: 'sha256', spec_version: specVersion, files };
}

/** Compares `dir` with its MANIFEST.json and lists every missing, unlisted or altered file. */
export function checkManifest(dir: string, manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const onDisk = new Set(listVectorFiles(dir));
  for (const [file, listed] of Object.entries(manifest.files)) {
    if (!onDisk.has(file)) {
      problems.push({ kind: 'missing-file', file });
      continue;
    }
    const actual = sha256Hex(readFileSync(join(dir, file)));
    if (actual !== listed) problems.push({ kind: 'digest-mismatch', file, listed, actual });
  }
  for (const file of onDisk) if (!(file in manifest.files)) problems.push({ kind: 'unlisted-file', file });
  return problems;
}
