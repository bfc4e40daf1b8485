import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/errors.js';
import { errnoCode, errorMessage } from './errnoCode.js';
import { MAX_DOCUMENT_BYTES, regularFileSize, tooLarge } from './inputFile.js';
import { readBounded } from './readBounded.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const utf8Exact = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes as strict UTF-8 text that re-encodes to exactly these bytes (a BOM kept), or undefined when they are not UTF-8. */
export function decodeUtf8Exact(bytes: Uint8Array): string | undefined {
  try {
    return utf8Exact.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads all of standard input as bytes, up to `max`. */
async function readStdin(max: number): Promise<Buffer> {
  return readBounded(process.stdin, max, (size) => tooLarge('-', size, max));
}

/**
 * Reads a file (or `-` for standard input) as raw bytes. A missing or unreadable file, anything but
 * a regular file (TMS-C-014), and a file over `maxBytes` (TMS-C-012) are InputErrors.
 */
export async function readBytes(path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<Buffer> {
  if (path === '-') return readStdin(maxBytes);
  const size = await regularFileSize(path);
  if (size > maxBytes) throw tooLarge(path, size, maxBytes);
  try {
    const bytes = await readFile(path);
    if (bytes.length > maxBytes) throw tooLarge(path, bytes.length, maxBytes);
    return bytes;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT') throw new InputError('input-missing', 'no such file', { file: path });
    if (code === 'EISDIR') throw new InputError('input-unreadable', 'is a directory, expected a file', { file: path });
    throw new InputError('input-unreadable', `cannot read file (${code ?? errorMessage(e)})`, { file: path });
  }
}

/**
 * Decodes bytes as strict UTF-8: invalid sequences are an error naming the line and byte offset,
 * never silently replaced with U+FFFD (a replaced character would change token counts).
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new InputError('input-encoding', `invalid UTF-8 at byte offset ${bad}`, { file, line });
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Reads a file (or `-`) as strict UTF-8 text, within `maxBytes` (TMS-C-012). */
export async function readText(path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<string> {
  return decodeUtf8(await readBytes(path, maxBytes), path);
}
