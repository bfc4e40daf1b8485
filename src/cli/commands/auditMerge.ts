import { UsageError } from '../../errors/errors.js';
import { checkStatementFits } from './checkStatementFits.js';
import { printOutcome } from './printAuditOutcome.js';
import { finalizeAudit } from '../../audit/core/finalizeAudit.js';
import { readPartial } from '../../audit/core/partial.js';
import { InputError } from '../../errors/errors.js';
import { writeOutputDir } from '../../io/outputDir.js';
import { defineCommand } from '../command.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { focusFile } from '../../settlement/focus/focusFile.js';
import { focusParties } from '../flags.js';
import { digestJson } from '../../digest/sha256.js';
import { readStatement } from '../../settlement/readStatement.js';

/** `tokencert audit merge`: combines partial audits of every shard into the result of one run. */
export const auditMerge = defineCommand({
  name: 'audit merge',
  summary: 'Merge partial audits of every shard into the result of a single run',
  usage: `Usage: tokencert audit merge PARTIAL_DIR... [--out DIR] [--statement BILLED] [--focus FILE.csv] [--json]

Combines the partial audits written by "tokencert audit --shard K/N --out PARTIAL_DIR" for every K
into exactly what one unsharded audit writes (byte for byte): statement.json, discrepancies.jsonl,
events.jsonl, report.json, report.html, junit.xml, summary.md. The billed statement is read again
from the path the shards recorded unless --statement names it; its digest must match.
Exit 0: no discrepancy; 1: discrepancies found; 2: missing or mismatched partials.
  --out DIR          output directory (default audit-out)
  --statement FILE   where the billed statement is now (same content as when the shards ran)
  --focus FILE.csv   also write the recomputed statement's line items as FOCUS 1.2 rows
                     (--focus-account ID, --focus-provider NAME as for settle)
  --json             print the outcome as JSON
`,
  options: {
    out: { type: 'string' },
    statement: { type: 'string' },
    focus: { type: 'string' },
    'focus-account': { type: 'string' },
    'focus-provider': { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('audit merge: give the partial audit directories of every shard');
    const started = Date.now();
    const parts: Awaited<ReturnType<typeof readPartial>>[] = [];
    for (const dir of positionals) parts.push(await readPartial(dir));
    const inputs = parts[0].partial.inputs;
    let billed = null;
    if (inputs.statement) {
      const path = values.statement ?? inputs.statement.path;
      const statement = await readStatement(path);
      if (digestJson(statement) !== inputs.statement.sha256)
        throw new InputError('input-invalid', 'this statement is not the one the shards audited (its digest differs)', { file: path });
      checkStatementFits(statement, path, inputs.period, inputs.sheet.currency);
      billed = statement;
    }
    const out = values.out ?? 'audit-out';
    const outcome = await writeOutputDir(out, { kind: 'audit' }, (dir) => finalizeAudit(parts, dir, billed));
    if (values.focus) await writeAtomic(values.focus, focusFile(outcome.statement, focusParties(values), values.focus).csv);
    printOutcome(io, outcome, out, Boolean(values.json), Date.now() - started);
    return outcome.exitCode;
  },
});
