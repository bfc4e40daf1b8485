/** Levenshtein distance between two strings (small inputs only: model names). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Up to `n` known names nearest to `name` (by edit distance, then name), for "did you mean" hints (TMS-P-010). */
export function nearestNames(name: string, known: Iterable<string>, n = 3): string[] {
  const scored: [number, string][] = [];
  for (const k of known) scored.push([editDistance(name.toLowerCase(), k.toLowerCase()), k]);
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return scored.slice(0, n).map((s) => s[1]);
}
