// Generates src/schemas/types.gen.ts (the schemas' TypeScript types) and validators.gen.ts (their
// validators, compiled ahead of time) from every schema under schemas/: the schemas are the single
// source of truth and src/schemas/types.test.ts fails when either output is stale.
import { writeFileSync } from 'node:fs';
import { generateSchemaTypes } from '../src/schemas/generateSchemaTypes.js';
import { generateValidators } from '../src/schemas/generateValidators.js';
import { fromRoot } from '../src/paths.js';

const out = await generateSchemaTypes();
writeFileSync(fromRoot('src', 'schemas', 'types.gen.ts'), out);
console.log(`types.gen.ts: ${out.split('\n').length} lines`);
const validators = generateValidators();
writeFileSync(fromRoot('src', 'schemas', 'validators.gen.ts'), validators);
console.log(`validators.gen.ts: ${(validators.length / 1e6).toFixed(1)} MB`);
