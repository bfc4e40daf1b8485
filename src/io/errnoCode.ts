/** The `code` of a Node.js system error (`ENOENT`, `EACCES` …), or undefined for anything else thrown. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** The message of a thrown value: an Error's message, or the value itself as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
