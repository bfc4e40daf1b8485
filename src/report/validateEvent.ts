import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fromRoot } from '../paths.js';
import type { SchemaIssue } from '../schemas/registry.js';
import type { Event } from '../schemas/types.gen.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The event types of schemas/event.json, in the order the schema lists them. */
export const EVENT_TYPES = ['run_started', 'case_started', 'exchange', 'result', 'metric', 'note', 'run_finished'] as const satisfies readonly Event['type'][];

let byType: Map<string, ValidateFunction> | undefined;

/**
 * One compiled validator per event type. The schema's top-level `oneOf` would report the mismatch
 * of all seven branches; validating against the branch the `type` names gives one precise issue.
 */
function validators(): Map<string, ValidateFunction> {
  if (byType) return byType;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(fromRoot('schemas', 'event.json'), 'utf8')) as { $id: string };
  ajv.addSchema(schema);
  byType = new Map(EVENT_TYPES.map((t) => [t, ajv.getSchema(`${schema.$id}#/$defs/${t}`)!]));
  return byType;
}

function describe(e: ErrorObject): SchemaIssue {
  const p = e.params as Record<string, unknown>;
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

/** Checks one event against schemas/event.json; returns its issues (empty when valid), unknown types first. */
export function eventIssues(value: unknown): SchemaIssue[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ pointer: '', message: 'an event must be a JSON object' }];
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return [{ pointer: '/type', message: `unknown event type ${JSON.stringify(type ?? null)}; known: ${EVENT_TYPES.join(', ')}` }];
  }
  const v = validators().get(type)!;
  if (v(value)) return [];
  const seen = new Set<string>();
  const out: SchemaIssue[] = [];
  for (const e of v.errors ?? []) {
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
