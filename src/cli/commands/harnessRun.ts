import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { InputError, UsageError } from '../../errors/errors.js';
import { resolveImplementation, shippedImplementations } from '../../harness/resolveImplementation.js';
import { runDir, runHarness } from '../../harness/runHarness.js';
import { fromRoot } from '../../paths.js';
import type { HarnessKind } from '../../schemas/types.gen.js';
import { harnessCases } from '../../vectors/harness/harnessCases.js';
import { defineCommand } from '../command.js';
import { isOneOf, optionalInt, pathFlag } from '../flags.js';
import { progressLine } from '../progressLine.js';

const KINDS: readonly HarnessKind[] = ['text-count', 'chat-count', 'usage', 'cost', 'settlement'];

/** `tokencert harness run --impl NAME|COMMAND... [--kind K]... [--out DIR]`: runs implementations through the harness protocol. */
export const harnessRun = defineCommand({
  name: 'harness run',
  summary: 'Run implementations (adapters or commands) through the harness protocol against the vectors',
  usage: `Usage: tokencert harness run --impl NAME|COMMAND [--impl ...] [--kind K]... [--out DIR]
                            [--per-file N] [--case-timeout MS] [--vectors DIR] [--quiet]

Starts each implementation as a process speaking the harness protocol (docs/harness.md), sends it the
cases drawn from the vectors of the kinds it announces, and writes DIR/NAME/events.jsonl, report.json,
report.html, junit.xml and summary.md. A crash, timeout or malformed answer is an error of that case.
  --impl NAME|COMMAND  a shipped adapter (implementations/NAME) or a command line, e.g. "python3 x.py";
                       --impl all runs every shipped adapter
  --kind K             only cases of kind K: text-count, chat-count, usage, cost, settlement (repeatable)
  --out DIR            output folder (default reports/harness)
  --per-file N         at most N cases per vector file and kind, evenly spread (default: all)
  --case-timeout MS    time allowed per case (default 10000)
  --vectors DIR        vector folder (default: the vectors shipped with tokencert)
  --quiet              no progress line on a terminal
Then \`tokencert harness compare DIR/*\` writes the scoreboard.
Exit 0 when every case passed or was skipped, 1 when any failed or erred, 2 on bad usage.
`,
  options: {
    impl: { type: 'string', multiple: true },
    kind: { type: 'string', multiple: true },
    out: { type: 'string' },
    'per-file': { type: 'string' },
    'case-timeout': { type: 'string' },
    vectors: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run({ values }, io) {
    const given = values.impl ?? [];
    if (given.length === 0) throw new UsageError('give at least one --impl NAME|COMMAND');
    const kinds = values.kind ?? [];
    for (const k of kinds) if (!isOneOf(k, KINDS)) throw new UsageError(`unknown --kind "${k}" (kinds: ${KINDS.join(', ')})`);
    const perFile = optionalInt('harness run', 'per-file', values['per-file'], 'positive');
    const caseTimeoutMs = optionalInt('harness run', 'case-timeout', values['case-timeout'], 'positive');
    const impls = given.flatMap((g) => (g === 'all' ? shippedImplementations() : [g])).map(resolveImplementation);
    const out = pathFlag(values.out, fromRoot('reports', 'harness'));
    const vectors = pathFlag(values.vectors, fromRoot('vectors'));
    if (!existsSync(join(vectors, 'MANIFEST.json'))) throw new InputError('input-missing', 'not a vector folder (no MANIFEST.json)', { file: vectors });
    const cases = harnessCases(vectors, { kinds: kinds.length ? kinds.filter((k) => isOneOf(k, KINDS)) : undefined, perFile });
    let failed = false;
    // The shared progress line (TMS-C-040): on a terminal only, not under --quiet or CI.
    const progress = progressLine(io, values.quiet === true);
    for (const impl of impls) {
      const onProgress = (done: number, total: number): void => progress.update(`harness run: ${impl.name} ${done}/${total} cases`, done === total);
      const report = await runHarness(impl, { outDir: runDir(out, impl), cases, caseTimeoutMs, onProgress }).finally(() => progress.done());
      const c = report.counts;
      failed ||= c.fail + c.error > 0 || !report.run.complete;
      io.out(
        `${impl.name} (${String(report.target.name)} ${String(report.target.version)}): ${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.skip} skipped → ${runDir(out, impl)}\n`,
      );
    }
    return failed ? 1 : 0;
  },
});
