import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fromRoot } from '../paths.js';
import { field } from './guards.js';

/** What decides where the spec links of a report point. */
export interface SpecLinkSources {
  /** spec/tms.md of this build, if it is on disk. */
  specFile: string | null;
  /** package.json's `homepage` and `repository`, for a published address when the file is not reachable. */
  homepage?: unknown;
  repository?: unknown;
  version: string;
}

/** The spec file and package metadata of this build. */
export function specLinkSources(): SpecLinkSources {
  const file = fromRoot('spec', 'tms.md');
  const pkg: unknown = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8'));
  return {
    specFile: existsSync(file) ? file : null,
    homepage: field(pkg, 'homepage'),
    repository: field(pkg, 'repository'),
    version: String(field(pkg, 'version') ?? ''),
  };
}

/** A directory's real path (symlinks resolved) even when it does not exist yet: its nearest existing ancestor is resolved. */
function realDir(dir: string): string {
  const abs = resolve(dir);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realDir(parent), basename(abs));
}

/** A GitHub-style repository address from package.json's `repository` (string or `{url}`), or null. */
function repositoryUrl(repository: unknown): string | null {
  const raw = typeof repository === 'string' ? repository : field(repository, 'url');
  if (typeof raw !== 'string') return null;
  const m = /^(?:git\+)?(https:\/\/[^\s#]+?)(?:\.git)?$/.exec(raw) ?? /^github:([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (!m) return null;
  return m[1].startsWith('https://') ? m[1] : `https://github.com/${m[1]}`;
}

/**
 * Where the report files written into `outDir` link for spec/tms.md: the path from `outDir` to this
 * build's spec file when it is on disk (whatever the depth: reports/latest, reports/harness/NAME, a
 * custom --out), otherwise the published file at this version's tag of package.json's repository,
 * otherwise its homepage; with none of them, the path a run directory two levels below the
 * repository would use. Links use `/` and percent-encode what a URL path cannot hold.
 */
export function specLinkBase(outDir: string, src: SpecLinkSources = specLinkSources()): string {
  if (src.specFile !== null) {
    const rel = relative(realDir(outDir), realDir(src.specFile));
    // On another drive (Windows) there is no relative path; fall through to the published address.
    if (!isAbsolute(rel)) return rel.split(sep).map(encodeURIComponent).join('/');
  }
  const repo = repositoryUrl(src.repository);
  if (repo) return `${repo}/blob/v${src.version}/spec/tms.md`;
  if (typeof src.homepage === 'string' && /^https:\/\//.test(src.homepage)) return `${src.homepage.replace(/\/+$/, '')}/spec/tms.md`;
  return DEFAULT_SPEC_LINK;
}

/** Options of the HTML and Markdown renderers. */
export interface RenderOptions {
  /** spec/tms.md as seen from the directory the file is written to (specLinkBase); default DEFAULT_SPEC_LINK. */
  specBase?: string;
}

/** spec/tms.md as seen from a run directory two levels below the repository (reports/latest): the renderers' default. */
export const DEFAULT_SPEC_LINK = '../../spec/tms.md';
