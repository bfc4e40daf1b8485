import { resolve } from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { writeScoreboard } from '../../harness/writeScoreboard.js';
import { defineCommand } from '../command.js';

/** `tokencert harness compare DIR... [--out DIR]`: the scoreboard of harness runs. */
export const harnessCompare = defineCommand({
  name: 'harness compare',
  summary: 'Write the scoreboard (HTML, Markdown, JSON) of harness runs side by side',
  usage: `Usage: tokencert harness compare DIR... [--out DIR]

Reads DIR/report.json of each harness run and writes scoreboard.json, scoreboard.html and
scoreboard.md into --out (default: the parent of the first DIR): implementations side by side per kind
and vector group, pass/fail/error/skip counts, and every failure with its vector, expected, observed
and money impact at the vector's prices. Same runs, same bytes. Exit 0, or 2 on bad input.
`,
  options: { out: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one harness run folder');
    const dirs = positionals.map((p) => resolve(p));
    const out = resolve(values.out ?? resolve(dirs[0], '..'));
    const board = await writeScoreboard(dirs, out);
    for (const i of board.implementations)
      io.out(`${i.name} ${i.version}: ${i.totals.pass} passed, ${i.totals.fail} failed, ${i.totals.error} errors, ${i.totals.skip} skipped\n`);
    io.out(`scoreboard → ${out}/scoreboard.{json,html,md}\n`);
    return 0;
  },
});
