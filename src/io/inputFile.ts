import { stat } from 'node:fs/promises';
import { InputError } from '../errors/errors.js';
import { errnoCode, errorMessage } from './errnoCode.js';

/**
 * Size limits of the readers (TMS-C-012), documented in docs/limits.md. A whole-document reader
 * (price sheet, usage object, request body, target, suite, transcript, key) holds the file and its
 * parsed form in memory, so it refuses a file over its limit before reading it; line readers
 * stream and limit each line instead (MAX_LINE_BYTES in readLines.ts).
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** Statements (a billed one may list many excluded and conflicting records) and a run's events.jsonl. */
export const MAX_LARGE_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** The error for a file over a reader's limit. */
export function tooLarge(file: string, size: number, limit: number): InputError {
  return new InputError('input-invalid', `file is ${size} bytes, over the limit of ${limit} bytes for this input`, { file });
}

/**
 * The input error for a file (or, `what`, a directory) that cannot be opened, listed or read:
 * missing, or unreadable (with its code).
 */
export function inputFileError(path: string, e: unknown, what: 'file' | 'directory' = 'file'): InputError {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputError('input-missing', `no such ${what}`, { file: path });
  return new InputError('input-unreadable', `cannot read ${what} (${code ?? errorMessage(e)})`, { file: path });
}

/**
 * Checks that `path` names a regular file (TMS-C-014) and returns its size. A directory, FIFO,
 * socket or device where a file is expected is an input error (exit 2): reading a FIFO or a device
 * could block or never end, and reading a directory fails half-way through a stream.
 */
export async function regularFileSize(path: string): Promise<number> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw inputFileError(path, e);
  }
  if (st.isDirectory()) throw new InputError('input-unreadable', 'is a directory, expected a file', { file: path });
  if (!st.isFile())
    throw new InputError(
      'input-unreadable',
      `is not a regular file (a FIFO, socket or device), expected a file; pipe data through - (standard input) instead`,
      { file: path },
    );
  return st.size;
}
