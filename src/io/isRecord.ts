/** A JSON object (not null, not an array): the one narrowing every reader of parsed JSON or YAML uses. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A JSON array of strings (a list of flags, names or command words). */
export function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s: unknown) => typeof s === 'string');
}
