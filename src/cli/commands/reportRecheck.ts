import { UsageError } from '../../errors/errors.js';
import { recheckRun } from '../../probe/recheckRun.js';
import { defineCommand } from '../command.js';

/** `tokencert report recheck DIR`: recomputes a probe run's verdicts offline from its transcripts. */
export const reportRecheck = defineCommand({
  name: 'report recheck',
  summary: 'Recompute every verdict of a probe run offline from its kept transcripts',
  usage: `Usage: tokencert report recheck DIR [--json]

Reads DIR/events.jsonl and DIR/transcripts/ (written by tokencert probe --keep-transcripts), runs
every check again on the recorded exchanges, and lists every verdict that comes out differently.
Nothing is sent over the network.
Exit 0 when every verdict is reproduced, 1 when any differs, 2 for a usage or input error
(including a run without transcripts).
  --json   print the result as JSON
`,
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('report recheck: give exactly one run directory');
    const r = await recheckRun(positionals[0]);
    if (r.rechecked === 0) throw new UsageError(`report recheck: ${positionals[0]} has no transcripts; run tokencert probe with --keep-transcripts`);
    if (values.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
    else {
      for (const d of r.differences)
        io.out(`DIFFERS ${d.case_id} ${d.check}: recorded ${d.recorded}, recomputed ${d.recomputed}${d.reason ? ` (${d.reason})` : ''}\n`);
      io.out(
        `report recheck: ${r.rechecked} verdict(s) recomputed from transcripts, ${r.same} reproduced, ${r.differences.length} differ${r.without_transcript.length ? `; ${r.without_transcript.length} case(s) without transcript` : ''}\n`,
      );
    }
    return r.differences.length === 0 ? 0 : 1;
  },
});
