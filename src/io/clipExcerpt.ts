/**
 * The first `max` characters of `text` for an excerpt, never ending inside a run of characters a
 * secret or its encodings are made of: a cut through a key would keep a prefix that no longer
 * matches it in full. The cut-off run is dropped whole and `…` marks the cut (TMS-C-009).
 */
export function clipExcerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  return /[A-Za-z0-9%+/=_.-]$/.test(head) && /^[A-Za-z0-9%+/=_.-]/.test(text.slice(max)) ? `${head.replace(/[A-Za-z0-9%+/=_.-]+$/, '')}…` : `${head}…`;
}
