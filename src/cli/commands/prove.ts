import { UsageError, VerdictError } from '../../errors/errors.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { collectLeaves } from '../../settlement/collectLeaves.js';
import { proveRecord } from '../../settlement/inclusion.js';
import { readStatement } from '../../settlement/readStatement.js';
import { defineCommand } from '../command.js';
import { requiredString } from '../flags.js';

/** `tokencert prove`: prints the inclusion proof of one billed record in a statement (TMS-S-013). */
export const prove = defineCommand({
  name: 'prove',
  summary: 'Print the Merkle inclusion proof of one record in a statement',
  usage: `Usage: tokencert prove --statement FILE --records FILE... --id RECORD_ID [--out FILE]

Recomputes the statement's Merkle leaves from the records (no price sheet needed), checks that they
give the statement's root, and prints the RFC 9162 inclusion proof of the record (schemas/
inclusion-proof.json) to standard output, or writes it atomically to --out.
Exit 0 with a proof, 1 when the records do not match the statement or the record is not billed,
2 for a usage or input error.
`,
  options: { statement: { type: 'string' }, records: { type: 'string', multiple: true }, id: { type: 'string' }, out: { type: 'string' } },
  async run({ values }, io) {
    const statement = await readStatement(requiredString('prove', 'statement', values.statement));
    const records = values.records ?? [];
    if (records.length === 0) throw new UsageError('prove: give at least one --records FILE');
    const id = requiredString('prove', 'id', values.id);
    const leaves = await collectLeaves(records, statement.period);
    const r = proveRecord(statement, leaves, id);
    if (!r.ok) throw new VerdictError(r.reason);
    const text = `${JSON.stringify(r.proof, null, 2)}\n`;
    if (values.out) {
      await writeAtomic(values.out, text);
      io.out(`wrote ${values.out}: inclusion proof of record ${id} (leaf ${r.proof.leaf_index} of ${r.proof.tree_size})\n`);
    } else io.out(text);
    return 0;
  },
});
