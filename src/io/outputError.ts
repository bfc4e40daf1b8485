import { InputError } from '../errors/errors.js';
import { errnoCode, errorMessage } from './errnoCode.js';

/**
 * The error for an output that cannot be written or put in place (`output-unwritable`, exit 2),
 * naming `place`: the one wording of every writer (atomic files and line streams, staged output
 * directories, the event stream, temporary space). A full disk or an exhausted quota (ENOSPC,
 * EDQUOT) is said in words, with what to do about it; a directory where a file goes is named
 * as such; anything else gives `doing` and the system's code (or the message of what was thrown).
 * `hint` (what to do) is said after any failure when given, after a full disk only otherwise.
 */
export function outputError(place: string | undefined, e: unknown, doing = 'cannot write output', hint?: string): InputError {
  const code = errnoCode(e) ?? errorMessage(e);
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  const why = full ? `no space left on device (${code}): ${doing}` : code === 'EISDIR' ? 'is a directory, expected a file path' : `${doing} (${code})`;
  const then = hint ?? (full ? 'free space or choose another output location' : undefined);
  return new InputError('output-unwritable', then !== undefined ? `${why}; ${then}` : why, place !== undefined ? { file: place } : undefined, { cause: e });
}
