import type { GProvider } from './genaiPrices.js';
/** Where genai-prices data is malformed: a JSON pointer into the file and what is wrong there. */
export interface ShapeProblem {
  readonly pointer: string;
  readonly message: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const date = /^\d{4}-\d{2}-\d{2}$/;
const stringClauses = ['equals', 'starts_with', 'ends_with', 'contains'];

function matchProblem(m: unknown, ptr: string): ShapeProblem | undefined {
  if (!isObj(m) || Object.keys(m).length !== 1)
    return { pointer: ptr, message: 'a match clause must be an object with exactly one of equals, starts_with, ends_with, contains, regex, or, and' };
  const [k, v] = Object.entries(m)[0];
  if (stringClauses.includes(k)) return typeof v === 'string' ? undefined : { pointer: `${ptr}/${k}`, message: `${k} must be a string` };
  if (k === 'regex') {
    if (typeof v !== 'string') return { pointer: `${ptr}/regex`, message: 'regex must be a string' };
    try {
      new RegExp(v);
    } catch {
      return { pointer: `${ptr}/regex`, message: `not a valid regular expression: ${JSON.stringify(v)}` };
    }
    return undefined;
  }
  if (k === 'or' || k === 'and') {
    if (!Array.isArray(v)) return { pointer: `${ptr}/${k}`, message: `${k} must be an array of match clauses` };
    for (let i = 0; i < v.length; i++) {
      const p = matchProblem(v[i], `${ptr}/${k}/${i}`);
      if (p) return p;
    }
    return undefined;
  }
  return { pointer: ptr, message: `unknown match clause "${k}"` };
}

function constraintProblem(c: unknown, ptr: string): ShapeProblem | undefined {
  if (c === undefined) return undefined;
  if (!isObj(c)) return { pointer: ptr, message: 'a constraint must be an object' };
  if (c.start_date !== undefined && (typeof c.start_date !== 'string' || !date.test(c.start_date) || Number.isNaN(Date.parse(`${c.start_date}T00:00:00Z`)))) {
    return { pointer: `${ptr}/start_date`, message: `start_date must be a date YYYY-MM-DD, got ${JSON.stringify(c.start_date)}` };
  }
  for (const k of ['start_time', 'end_time'])
    if (c[k] !== undefined && typeof c[k] !== 'string') return { pointer: `${ptr}/${k}`, message: `${k} must be a time string` };
  if ((c.start_time === undefined) !== (c.end_time === undefined)) return { pointer: ptr, message: 'start_time and end_time go together' };
  return undefined;
}

/**
 * The first place where `v` is not shaped like genai-prices provider data (data.json v2): providers
 * with an id and a models array; models with an id, a valid match clause and prices, either one
 * price object or conditional prices with well-formed constraints. Checked before importing so a
 * wrong file is an input error with a pointer (TMS-C-001), never a crash or a constraint silently
 * ignored (TMS-P-018).
 */
export function genaiShapeProblem(v: unknown): ShapeProblem | undefined {
  if (!Array.isArray(v)) return { pointer: '', message: 'expected a JSON array of providers' };
  for (let i = 0; i < v.length; i++) {
    const p = v[i];
    if (!isObj(p) || typeof p.id !== 'string' || !Array.isArray(p.models))
      return { pointer: `/${i}`, message: 'a provider must be an object with a string id and a models array' };
    for (let j = 0; j < p.models.length; j++) {
      const m = p.models[j];
      const ptr = `/${i}/models/${j}`;
      if (!isObj(m) || typeof m.id !== 'string') return { pointer: ptr, message: 'a model must be an object with a string id' };
      const mp = matchProblem(m.match, `${ptr}/match`);
      if (mp) return mp;
      if (isObj(m.prices)) continue;
      if (!Array.isArray(m.prices)) return { pointer: `${ptr}/prices`, message: 'prices must be an object or an array of conditional prices' };
      for (let k = 0; k < m.prices.length; k++) {
        const c = m.prices[k];
        if (!isObj(c) || !isObj(c.prices)) return { pointer: `${ptr}/prices/${k}`, message: 'a conditional price must be an object with prices' };
        const cp = constraintProblem(c.constraint, `${ptr}/prices/${k}/constraint`);
        if (cp) return cp;
      }
    }
  }
  return undefined;
}

/** genai-prices data that passed the shape check, typed as the importer reads it. */
export function isGenaiData(v: unknown): v is GProvider[] {
  return genaiShapeProblem(v) === undefined;
}
