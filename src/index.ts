// The public API of tokencert, listed by hand. Internals are not exported.
// Each area adds its exports here when it lands; keep `export type` apart from `export`.

export { TokencertError, UsageError, InputError, VerdictError, InternalError, isTokencertError, formatLocation } from './errors/errors.js';
export type { ErrorCode, Location } from './errors/errors.js';

export { canonicalJson } from './digest/canonicalJson.js';
export { sha256Hex, digestJson } from './digest/sha256.js';

export { loadSpec, findRequirement } from './spec/loadSpec.js';
export type { Spec, Requirement, ConformanceClass, ConformanceLevel } from './spec/types.js';

export { safeValidate, validate, schemaNames } from './schemas/registry.js';
export type { SchemaIssue, SchemaResult } from './schemas/registry.js';
export type { MeasurementRecord, Usage, UsageCell, TokenizerDescriptor } from './schemas/types.gen.js';

export { verifyVectors } from './vectors/verifyVectors.js';
export type { VectorFile, VectorGroup, VectorTest, VectorOutcome, VectorRunner } from './vectors/types.js';

export { runCli } from './cli/main.js';
export { toolVersion, specVersion } from './version.js';
