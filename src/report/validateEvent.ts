import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaIssue } from '../schemas/registry.js';
import type { Event } from '../schemas/types.gen.js';
import { eventValidators } from '../schemas/validators.gen.js';
import { InternalError } from '../errors/errors.js';
import { isRecord } from './guards.js';

/** The event types of schemas/event.json, in the order the schema lists them. */
export const EVENT_TYPES = ['run_started', 'case_started', 'exchange', 'result', 'metric', 'note', 'run_finished'] as const satisfies readonly Event['type'][];

let byType: Map<string, ValidateFunction<Event>> | undefined;

/**
 * One validator per event type, compiled ahead of time (src/schemas/validators.gen.ts). The
 * schema's top-level `oneOf` would report the mismatch of all seven branches; validating against
 * the branch the `type` names gives one precise issue.
 */
function validators(): Map<string, ValidateFunction<Event>> {
  if (byType) return byType;
  byType = new Map(
    EVENT_TYPES.map((t): [string, ValidateFunction<Event>] => {
      const v: ValidateFunction<Event> | undefined = eventValidators[t];
      if (!v) throw new InternalError(`schemas/event.json has no $defs/${t} (run npm run gen:types)`);
      return [t, v];
    }),
  );
  return byType;
}

function describe(e: ErrorObject): SchemaIssue {
  const p: Record<string, unknown> = e.params;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${String(p.additionalProperty)}`, message: `unknown property "${String(p.additionalProperty)}"` };
    case 'required':
      return { pointer: `${e.instancePath}/${String(p.missingProperty)}`, message: `missing required property "${String(p.missingProperty)}"` };
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${JSON.stringify(p.allowedValues)}` };
    case 'const':
      return { pointer: e.instancePath, message: `must be ${JSON.stringify(p.allowedValue)}` };
    default:
      return { pointer: e.instancePath, message: e.message ?? e.keyword };
  }
}

/** True for an event of type `type` (a guard that narrows the union by its tag). */
export function isEventOf<T extends Event['type']>(e: Event, type: T): e is Extract<Event, { type: T }> {
  return e.type === type;
}

/** Checks one event against schemas/event.json: the event, typed, or its issues (unknown types first). */
export function parseEvent(value: unknown): { ok: true; event: Event } | { ok: false; issues: SchemaIssue[] } {
  if (!isRecord(value)) return { ok: false, issues: [{ pointer: '', message: 'an event must be a JSON object' }] };
  const type = value.type;
  const v = typeof type === 'string' ? validators().get(type) : undefined;
  if (!v) return { ok: false, issues: [{ pointer: '/type', message: `unknown event type ${JSON.stringify(type ?? null)}; known: ${EVENT_TYPES.join(', ')}` }] };
  if (v(value)) return { ok: true, event: value };
  return { ok: false, issues: issuesOf(v.errors ?? []) };
}

/** Checks one event against schemas/event.json; returns its issues (empty when valid), unknown types first. */
export function eventIssues(value: unknown): SchemaIssue[] {
  const r = parseEvent(value);
  return r.ok ? [] : r.issues;
}

function issuesOf(errors: readonly ErrorObject[]): SchemaIssue[] {
  const seen = new Set<string>();
  const out: SchemaIssue[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const issue = describe(e);
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out.length > 0 ? out : [{ pointer: '', message: 'does not match schemas/event.json' }];
}
