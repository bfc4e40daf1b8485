import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { inputFileError } from '../../io/inputFile.js';

const LOG = /\.(jsonl|ndjson|json|csv)(\.gz)?$|\.gz$/i;

/**
 * Expands `--records` paths: a directory stands for the log parts in it, as object-store exports
 * land (`part-00000.jsonl.gz`, …): its files in code-unit order of their names, so every shard and
 * every run sees the same list (TMS-A-009). Hidden files and markers starting with `_` or `.`
 * (`_SUCCESS`, `.crc`) are not parts; any other file that is not a log is a usage error rather than
 * a silently skipped input (TMS-A-001). Subdirectories (and links to them) are not entered. A link
 * to a file is a part like the file; any other entry (a FIFO, a dangling link) is a part too, so the
 * reader refuses it by name instead of it being dropped unseen.
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
    const names = listDirectory(p)
      .filter((e) => !e.name.startsWith('.') && !e.name.startsWith('_') && !isDirectory(p, e))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const odd = names.filter((n) => !LOG.test(n));
    if (odd.length > 0)
      throw new UsageError(
        `audit: ${join(p, odd[0])} in the log directory is not a log part (.jsonl, .ndjson, .json, .csv, optionally .gz); move it out or name the parts one by one`,
      );
    if (names.length === 0) throw new UsageError(`audit: the log directory ${p} holds no log parts`);
    out.push(...names.map((n) => join(p, n)));
  }
  return out;
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
