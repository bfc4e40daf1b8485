// Generates src/schemas/types.gen.ts from every schema under schemas/: the schemas are the single
// source of truth and src/schemas/types.test.ts fails when this output is stale.
import { writeFileSync } from 'node:fs';
import { generateSchemaTypes } from '../src/schemas/generateSchemaTypes.js';
import { fromRoot } from '../src/paths.js';

const out = await generateSchemaTypes();
writeFileSync(fromRoot('src', 'schemas', 'types.gen.ts'), out);
console.log(`types.gen.ts: ${out.split('\n').length} lines`);
