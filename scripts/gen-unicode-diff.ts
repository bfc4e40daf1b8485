// Writes src/measure/unicodeDiff.gen.ts: the code points the counting fast path must leave to
// tiktoken's core under this Node's Unicode tables (TMS-M-070). Rerun after a Node upgrade when
// src/measure/unicodeProof.test.ts says the tables changed.
import { writeFileSync } from 'node:fs';
import { fromRoot } from '../src/paths.js';
import { unicodeDiffSource } from '../src/measure/unicodeDiffSource.js';

const source = await unicodeDiffSource();
writeFileSync(fromRoot('src', 'measure', 'unicodeDiff.gen.ts'), source);
console.log(
  `unicodeDiff.gen.ts: Node Unicode ${process.versions.unicode} against 16.0.0, ${source.split('\n').filter((l) => l.startsWith('    [')).length} ranges`,
);
