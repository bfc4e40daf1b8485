import { getEncoding, type EncodeOptions } from './encodings.js';

/** Counts the tokens of `text` under the named encoding (TMS-M-004); special-token strings are text unless allowed (TMS-M-005). */
export function countText(encoding: string, text: string, opts?: EncodeOptions): number {
  return getEncoding(encoding).count(text, opts);
}
