// Writes docs/cli.md from the commands' usage texts (checked by src/cli/renderCliReference.test.ts).
import { writeFileSync, mkdirSync } from 'node:fs';
import { renderCliReference } from '../src/cli/renderCliReference.js';
import { fromRoot } from '../src/paths.js';

mkdirSync(fromRoot('docs'), { recursive: true });
writeFileSync(fromRoot('docs', 'cli.md'), await renderCliReference());
console.log('docs/cli.md written');
