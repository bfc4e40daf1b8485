import { fromRoot } from '../../paths.js';
import { verifyVectors } from '../../vectors/verifyVectors.js';
import { defineCommand } from '../command.js';
import { pathFlag } from '../flags.js';
import { progressLine } from '../progressLine.js';

/** `tokencert vectors verify [--dir DIR]`: checks the manifest and runs every vector. */
export const vectorsVerify = defineCommand({
  name: 'vectors verify',
  summary: 'Check the vector manifest and run every golden vector',
  usage: `Usage: tokencert vectors verify [--dir DIR] [--json] [--quiet]

Checks every file of DIR (default: the vectors shipped with tokencert) against DIR/MANIFEST.json,
then runs every test against the reference implementation. Ends with "N passed, N failed".
Exit 0 when nothing failed, 1 otherwise. On a terminal a progress line shows the file being run
(not with --quiet, under CI, or when standard error is not a terminal).
`,
  options: { dir: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
  async run({ values }, io) {
    const dir = pathFlag(values.dir, fromRoot('vectors'));
    const progress = progressLine(io, values.quiet === true);
    const s = await verifyVectors(dir, (done, total, file) => progress.update(`vectors ${done + 1}/${total} ${file}`, true));
    progress.done();
    if (values.json) io.out(`${JSON.stringify(s, null, 2)}\n`);
    else {
      for (const f of s.failures.slice(0, 50)) {
        io.out(`FAIL ${f.file}${f.tc_id === null ? '' : ` #${f.tc_id}`}: ${f.message}\n`);
        if (f.expected !== undefined) io.out(`  expected: ${JSON.stringify(f.expected)}\n  observed: ${JSON.stringify(f.observed)}\n`);
      }
      if (s.failures.length > 50) io.out(`… and ${s.failures.length - 50} more failures\n`);
      io.out(`${s.files} vector files\n${s.passed} passed, ${s.failed} failed\n`);
    }
    return s.failed === 0 ? 0 : 1;
  },
});
