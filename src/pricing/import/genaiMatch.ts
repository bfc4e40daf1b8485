/** genai-prices' model match clauses (prices_types.py MatchLogic). */
export type MatchLogic =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchLogic[] }
  | { and: MatchLogic[] };

/** True when `name` matches `m` with genai-prices' rules: case-insensitive string clauses, regex by search. */
export function matches(m: MatchLogic, name: string): boolean {
  const n = name.toLowerCase();
  if ('equals' in m) return n === m.equals.toLowerCase();
  if ('starts_with' in m) return n.startsWith(m.starts_with.toLowerCase());
  if ('ends_with' in m) return n.endsWith(m.ends_with.toLowerCase());
  if ('contains' in m) return n.includes(m.contains.toLowerCase());
  if ('regex' in m) return new RegExp(m.regex).test(n);
  if ('or' in m) return m.or.some((x) => matches(x, name));
  return m.and.every((x) => matches(x, name));
}

/** Every literal string in the clause tree, and whether any clause matches more than literal names. */
export function literals(m: MatchLogic): { names: string[]; open: string[] } {
  const names: string[] = [];
  const open: string[] = [];
  const walk = (x: MatchLogic): void => {
    if ('equals' in x) names.push(x.equals);
    else if ('starts_with' in x) {
      names.push(x.starts_with);
      open.push(`starts_with "${x.starts_with}"`);
    } else if ('ends_with' in x) {
      names.push(x.ends_with);
      open.push(`ends_with "${x.ends_with}"`);
    } else if ('contains' in x) {
      names.push(x.contains);
      open.push(`contains "${x.contains}"`);
    } else if ('regex' in x) open.push(`regex ${JSON.stringify(x.regex)}`);
    else if ('or' in x) x.or.forEach(walk);
    else x.and.forEach(walk);
  };
  walk(m);
  return { names, open };
}
