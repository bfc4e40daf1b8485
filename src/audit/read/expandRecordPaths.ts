import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { inputFileError } from '../../io/inputFile.js';

const LOG = /\.(jsonl|ndjson|json|csv)(\.gz)?$|\.gz$/i;

/**
 * Expands `--records` paths: a directory stands for the log parts in it, as object-store exports
 * land (`part-00000.jsonl.gz`, …): its entries in code-unit order of their names, so every shard
 * and every run sees the same list (TMS-A-009, TMS-A-018). A subdirectory is read where its name
 * falls, depth first: exports are partitioned by prefix (Amazon Data Firehose's `YYYY/MM/DD/HH/`,
 * Hive-style `date=2026-10-01/`), and skipping those silently dropped their records. Hidden files,
 * markers and work directories starting with `_` or `.` (`_SUCCESS`, `.crc`, `_temporary/`) are
 * not parts; any other file that is not a log is a usage error rather than a silently skipped input
 * (TMS-A-001). A link to a file is a part like the file, a link to a directory is entered like it
 * (one that leads back into a directory being read is a usage error, not a loop); any other entry (a
 * FIFO, a dangling link) is a part too, so the reader refuses it by name instead of it being dropped
 * unseen.
 */
export function expandRecordPaths(paths: readonly string[]): string[] {
  // Standard input can be read once: a second `-` would read nothing, silently.
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('audit: --records - (standard input) can be given only once');
  const out: string[] = [];
  for (const p of paths) {
    let dir = false;
    try {
      dir = p !== '-' && statSync(p).isDirectory();
    } catch {
      dir = false; // a missing file is reported by the reader, with its name
    }
    if (!dir) {
      out.push(p);
      continue;
    }
    const parts = partsOf(p, new Set());
    if (parts.length === 0) throw new UsageError(`audit: the log directory ${p} holds no log parts`);
    out.push(...parts);
  }
  return out;
}

/** The log parts under `dir`, depth first in code-unit order of names; `open` holds the real paths of the directories being read. */
function partsOf(dir: string, open: Set<string>): string[] {
  const real = realPathOf(dir);
  if (open.has(real))
    throw new UsageError(`audit: ${dir} in the log directory links back to a directory that holds it; remove the link or name the parts one by one`);
  open.add(real);
  const out: string[] = [];
  const entries = listDirectory(dir)
    .filter((e) => !e.name.startsWith('.') && !e.name.startsWith('_'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (isDirectory(dir, e)) out.push(...partsOf(path, open));
    else if (!LOG.test(e.name))
      throw new UsageError(
        `audit: ${path} in the log directory is not a log part (.jsonl, .ndjson, .json, .csv, optionally .gz); move it out or name the parts one by one`,
      );
    else out.push(path);
  }
  open.delete(real);
  return out;
}

/** The real path of a log directory (links resolved), to tell a loop of links from a directory read twice on purpose. */
function realPathOf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch (e) {
    throw inputFileError(dir, e, 'directory');
  }
}

/** Whether a directory entry is a directory or a link to one (a link is followed, as the reader follows it). */
function isDirectory(dir: string, e: Dirent): boolean {
  if (e.isDirectory()) return true;
  if (!e.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, e.name)).isDirectory();
  } catch {
    return false; // a dangling link: the reader reports it as missing, with its name
  }
}

/** The entries of a log directory; one that cannot be listed (no permission) is an input error naming it (TMS-C-014). */
function listDirectory(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw inputFileError(dir, e, 'directory');
  }
}
