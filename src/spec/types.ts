// The spec's types are generated from schemas/spec.json (the single source of truth).
import type { Spec } from '../schemas/types.gen.js';

export type { Spec, Requirement } from '../schemas/types.gen.js';

/** A conformance class: a kind of implementation requirements apply to. */
export type ConformanceClass = Spec['conformance_classes'][number];

/** A conformance level: which requirement levels must all pass to claim it. */
export type ConformanceLevel = Spec['levels'][number];
