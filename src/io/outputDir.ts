import { randomBytes } from 'node:crypto';
import { cp, lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors/errors.js';
import { toolVersion } from '../version.js';
import { trackTempPath } from './tempPaths.js';
import { errnoCode } from './errnoCode.js';
import { outputError } from './outputError.js';

/**
 * The file that marks a directory as written by tokencert. Only a directory that is empty or holds
 * this file is ever replaced by an output (TMS-C-007); anything else is the user's and is left alone.
 */
export const OUTPUT_MARKER = '.tokencert-output';

/**
 * The names a run directory of an earlier tokencert (written before the marker existed) can hold.
 * A directory with events.jsonl and nothing but these is treated as tokencert's, so `npm start`
 * keeps replacing an old reports/latest.
 */
const LEGACY_NAMES = new Set(['events.jsonl', 'report.json', 'report.html', 'junit.xml', 'summary.md', 'transcripts', 'statement.json', 'discrepancies.jsonl']);

/** What is at an output path before a run replaces it. */
export type OutputState = 'absent' | 'empty' | 'ours' | 'foreign';

/** An output directory refused for what it is (not a failed write: those are worded by outputError). */
function refused(path: string, message: string): InputError {
  return new InputError('output-unwritable', message, { file: path });
}

/** Looks at an output directory path: absent, an empty directory, one tokencert wrote, or a directory of other files. Anything but a directory is an error. */
export async function outputState(path: string): Promise<OutputState> {
  let st;
  try {
    st = await lstat(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return 'absent';
    throw outputError(path, e, 'cannot use as output directory');
  }
  if (st.isSymbolicLink()) throw refused(path, 'is a symbolic link; give a directory path for the output');
  if (!st.isDirectory()) throw refused(path, `is ${st.isFile() ? 'a file' : 'not a directory'}; give a new or empty directory for the output`);
  const names = await readdir(path);
  if (names.length === 0) return 'empty';
  if (names.includes(OUTPUT_MARKER)) return 'ours';
  return names.includes('events.jsonl') && names.every((n) => LEGACY_NAMES.has(n)) ? 'ours' : 'foreign';
}

/** True when `pid` is a live process (ours or another user's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

const STALE = /^\.(.+)\.tokencert-(tmp|old)-(\d+)-[0-9a-f]+$/;

/**
 * Cleans up after a run of a dead process (SIGKILL, power loss): its staging directories are
 * removed; a previous output it had moved aside but not yet replaced is put back.
 */
async function sweepStale(parent: string, base: string, target: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const m = STALE.exec(name);
    if (!m || m[1] !== base || alive(Number(m[3]))) continue;
    const p = join(parent, name);
    if (m[2] === 'old' && (await outputState(target).catch(() => 'foreign')) === 'absent') await rename(p, target).catch(() => {});
    else await rm(p, { recursive: true, force: true }).catch(() => {});
  }
}

/** An output directory being written: files go to `path`; `commit` puts the whole set in place at once. */
export interface StagedOutput {
  /** The staging directory to write into (a hidden sibling of the target). */
  readonly path: string;
  /** The output directory as the user named it. */
  readonly target: string;
  /** Marks the set as tokencert's and renames it into place, replacing the previous output. */
  commit(): Promise<void>;
  /** Removes the staging directory; the previous output stays as it was. */
  abort(): Promise<void>;
}

/** Options of `stageOutput`. */
export interface StageOptions {
  /** What wrote the directory, recorded in the marker file (probe, audit, audit-partial, report). */
  readonly kind: string;
  /** Start from a copy of the existing directory (report render rewrites some files of a run). */
  readonly copyExisting?: boolean;
}

/**
 * Starts writing an output directory (TMS-C-007). The run writes into a new hidden sibling
 * directory which `commit` renames into place, so readers see the previous set or the new one,
 * never a mix — also after SIGKILL. An existing directory is replaced only when it is empty or
 * carries tokencert's marker file; a file, a symbolic link or a directory of other files is an
 * `output-unwritable` error (exit 2) naming the path, checked before any work is done.
 */
export async function stageOutput(target: string, opts: StageOptions): Promise<StagedOutput> {
  const abs = resolve(target);
  const state = await outputState(abs);
  if (state === 'foreign' && !opts.copyExisting) {
    throw refused(
      target,
      `exists and holds files tokencert did not write; give a new or empty directory, or remove it first (only a directory containing ${OUTPUT_MARKER} is replaced)`,
    );
  }
  const { tmp, untrack } = await createStaging(target, abs, state, opts);
  let done = false;
  const staged: StagedOutput = {
    path: tmp,
    target,
    async commit() {
      if (done) return;
      try {
        await putInPlace(target, abs, tmp, state, opts);
        done = true;
        untrack();
      } catch (e) {
        await staged.abort();
        if (e instanceof InputError) throw e;
        throw outputError(target, e);
      }
    },
    async abort() {
      if (done) return;
      done = true;
      await rm(tmp, { recursive: true, force: true });
      untrack();
    },
  };
  return staged;
}

/** A unique suffix for staging and set-aside directories: this process and four random bytes. */
function tempTag(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Creates the hidden staging sibling of `abs` (a copy of the existing set under `copyExisting`), tracked for removal on exit. */
async function createStaging(target: string, abs: string, state: OutputState, opts: StageOptions): Promise<{ tmp: string; untrack: () => void }> {
  const parent = dirname(abs);
  const base = basename(abs);
  try {
    await mkdir(parent, { recursive: true });
  } catch (e) {
    throw outputError(target, e, 'cannot create the parent directory');
  }
  await sweepStale(parent, base, abs);
  const tmp = join(parent, `.${base}.tokencert-tmp-${tempTag()}`);
  const untrack = trackTempPath(tmp);
  try {
    if (opts.copyExisting && state !== 'absent') await cp(abs, tmp, { recursive: true, errorOnExist: true, force: false, verbatimSymlinks: true });
    else await mkdir(tmp);
  } catch (e) {
    untrack();
    await rm(tmp, { recursive: true, force: true });
    throw outputError(target, e);
  }
  return { tmp, untrack };
}

/** Marks the staged set as tokencert's and renames it over `abs`, setting the previous set aside first when there is one. */
async function putInPlace(target: string, abs: string, tmp: string, state: OutputState, opts: StageOptions): Promise<void> {
  // A directory of the user's that a report was re-rendered in does not become replaceable.
  if (state !== 'foreign') await writeFile(join(tmp, OUTPUT_MARKER), `${JSON.stringify({ written_by: 'tokencert', version: toolVersion, kind: opts.kind })}\n`);
  const now = await outputState(abs);
  if (now === 'foreign' && !opts.copyExisting) throw refused(target, 'was filled with other files while the run was writing; the new output is left unused');
  if (now === 'absent') await rename(tmp, abs);
  else {
    // rename() cannot replace a non-empty directory: move the old set aside, put the new one
    // in place, then delete the old. A crash between the two renames is repaired by sweepStale.
    const old = join(dirname(abs), `.${basename(abs)}.tokencert-old-${tempTag()}`);
    await rename(abs, old);
    await rename(tmp, abs);
    await rm(old, { recursive: true, force: true });
  }
}

/** Runs `write` into a staged output directory and commits it; on any error the previous output is untouched. */
export async function writeOutputDir<T>(target: string, opts: StageOptions, write: (dir: string) => Promise<T>): Promise<T> {
  const staged = await stageOutput(target, opts);
  try {
    const result = await write(staged.path);
    await staged.commit();
    return result;
  } catch (e) {
    await staged.abort();
    throw e;
  }
}
