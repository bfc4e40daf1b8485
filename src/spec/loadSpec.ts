import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { InternalError } from '../errors/errors.js';
import { fromRoot } from '../paths.js';
import type { Requirement, Spec } from './types.js';

let cached: Spec | undefined;
let index: Map<string, Requirement> | undefined;

/** Loads spec/tms.yaml once (the file shipped with this build). */
export function loadSpec(): Spec {
  if (!cached) cached = parse(readFileSync(fromRoot('spec', 'tms.yaml'), 'utf8')) as Spec;
  return cached;
}

/** The requirement with `id`, or undefined. */
export function findRequirement(id: string): Requirement | undefined {
  if (!index) index = new Map(loadSpec().requirements.map((r) => [r.id, r]));
  return index.get(id);
}

/** The requirement with `id`; an unknown id is a bug in the caller (checks cite ids from the spec). */
export function requirement(id: string): Requirement {
  const r = findRequirement(id);
  if (!r) throw new InternalError(`requirement: ${id} is not in spec/tms.yaml`);
  return r;
}
