import { join } from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { outputState, writeOutputDir } from '../../io/outputDir.js';
import { readEvents } from '../../report/readEvents.js';
import { REPORT_FILES, writeReport } from '../../report/writeReport.js';
import { defineCommand } from '../command.js';

/** `tokencert report render DIR [--sign-key FILE] [--json]`: rebuilds every report format from DIR/events.jsonl. */
export const reportRender = defineCommand({
  name: 'report render',
  summary: 'Rebuild report.json, report.html, junit.xml and summary.md from a run’s events.jsonl',
  usage: `Usage: tokencert report render DIR [--sign-key FILE] [--json]

Reads DIR/events.jsonl (the source of truth of a probe or audit run) and writes report.json,
report.html, junit.xml and summary.md into DIR as one set (a copy of DIR is rewritten and renamed into place). The output is a pure function of
the events: rendering the events a run wrote gives the same bytes the run wrote (pass the same
--sign-key if the run signed its report; Ed25519 signatures are deterministic).
A cut-off last line (a crashed run) is reported with its line and the report covers the events
before it; any other bad line is an input error naming file, line and JSON pointer.
Exit 0 when the verdict is pass, 1 when it is fail, incomplete or not assessed, 2 for a usage or input error.
  --sign-key FILE  Ed25519 private key (PEM) to sign report.json with
  --json           print a JSON summary instead of text
`,
  options: { 'sign-key': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('report render: give exactly one run directory');
    const dir = positionals[0];
    // Nothing to copy: let the reader name the missing events file before anything is created.
    if ((await outputState(dir)) === 'absent') await readEvents(dir);
    // A copy of the run directory gets the new files and replaces it in one rename (TMS-C-007).
    const report = await writeOutputDir(dir, { kind: 'report', copyExisting: true }, (into) => writeReport(dir, { signKey: values['sign-key'], into }));
    const problems = report.problems.map((p) => ({ file: join(dir, p.file), line: p.line, message: p.message }));
    for (const p of problems) io.err(`tokencert: warning: ${p.file}:${p.line}: ${p.message}\n`);
    const c = report.counts;
    if (values.json) {
      io.out(
        `${JSON.stringify({ dir, files: REPORT_FILES, verdict: report.verdict.overall, classes: report.verdict.classes.filter((k) => k.counts.total > 0).map((k) => ({ class: k.class, core: k.core, full: k.full })), counts: c, digest: report.digest, signed: Boolean(report.signature), problems }, null, 2)}\n`,
      );
    } else {
      io.out(`${REPORT_FILES.map((f) => join(dir, f)).join('\n')}\n`);
      const classes = report.verdict.classes.filter((k) => k.counts.total > 0).map((k) => `${k.class} core ${k.core}, full ${k.full}`);
      io.out(`verdict: ${report.verdict.overall.toUpperCase().replace('_', ' ')}${classes.length ? ` (${classes.join('; ')})` : ''}\n`);
      io.out(`${c.total} results: ${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.skip} skipped, ${c.not_applicable} not applicable\n`);
      io.out(`digest ${report.digest}${report.signature ? `, signed by key ${report.signature.public_key_sha256}` : ''}\n`);
    }
    return report.verdict.overall === 'pass' ? 0 : 1;
  },
});
