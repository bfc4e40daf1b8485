import { canonicalJson } from '../../digest/canonicalJson.js';
import { UsageError } from '../../errors/errors.js';
import { dirname, join } from 'node:path';
import { writeAtomic } from '../../io/writeAtomic.js';
import { AtomicLineWriter } from '../../io/AtomicLineWriter.js';
import { fromRoot } from '../../paths.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { checkPeriod } from '../../settlement/policy.js';
import { statementBytes } from '../../settlement/statementBytes.js';
import { generateLog } from '../../audit/generate/generateLog.js';
import { progressLine } from '../progressLine.js';
import { parsePlants } from '../../audit/generate/plants.js';
import type { NativeKind } from '../../audit/generate/nativeLines.js';
import { defineCommand } from '../command.js';
import { isOneOf, requiredInt, requiredString } from '../flags.js';

const nativeKinds: readonly NativeKind[] = ['openai', 'anthropic', 'gemini'];

/**
 * Writes the lines `produce` emits to `out` through the atomic line writer (a temporary file renamed
 * into place only when all went well, gzip for .gz); the producer is synchronous and waits on
 * `drained` between batches.
 * @returns what `produce` returns
 */
async function writeLinesAtomically<R>(out: string, produce: (write: (line: string) => void, drained: () => Promise<void>) => Promise<R>): Promise<R> {
  const w = await AtomicLineWriter.open(out);
  try {
    const result = await produce(
      (line) => w.push(line),
      () => w.drained(),
    );
    await w.commit();
    return result;
  } catch (e) {
    await w.abort();
    throw e;
  }
}

/** `tokencert generate records`: a synthetic usage log with planted faults, its billed statement and answer key. */
export const generateRecords = defineCommand({
  name: 'generate records',
  summary: 'Generate a synthetic usage log with planted discrepancies and its billed statement',
  usage: `Usage: tokencert generate records --count N --seed S --out FILE [--native openai|anthropic|gemini]
                       [--plant KIND:RATE]... [--statement-out FILE] [--planted-out FILE] [--sheet SHEET]
                       [--from T --until T] [--no-content] [--quiet]

Writes a realistic usage log (JSON lines; .gz compresses; .csv writes CSV rows of tokencert records),
the statement a faulty provider would bill for it (the planted faults included) and an answer key,
planted.jsonl beside FILE, listing every planted fault with its money impact. Same seed, same bytes.
Plant kinds: missing (billed, not in the log), period (outside the period, billed), dup (identical copy,
billed twice), conflict (two versions of one id, both billed), inflate (prompt count above the recount;
--native openai), price (priced 1.2× the sheet), currency (cost stated in another currency; --native).
  --count N            records to generate
  --seed S             PRNG seed (integer)
  --out FILE           the log to write
  --native KIND        provider-native lines instead of tokencert measurement records
  --plant KIND:RATE    plant a fault in that fraction of records (repeatable)
  --statement-out FILE the billed statement (default: FILE's folder/statement.json)
  --planted-out FILE   the answer key (default: FILE's folder/planted.jsonl)
  --sheet SHEET        price sheet (default examples/sheets/list-prices.yaml)
  --from T --until T   period (default 2026-10-01T00:00:00Z .. 2026-11-01T00:00:00Z)
  --no-content         OpenAI lines without their requests (nothing to recount)
  --quiet              no progress line on a terminal
`,
  options: {
    count: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    native: { type: 'string' },
    plant: { type: 'string', multiple: true },
    'statement-out': { type: 'string' },
    'planted-out': { type: 'string' },
    sheet: { type: 'string' },
    from: { type: 'string' },
    until: { type: 'string' },
    'no-content': { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  async run({ values }, io) {
    const count = requiredInt('generate records', 'count', values.count);
    const seed = requiredInt('generate records', 'seed', values.seed);
    const out = requiredString('generate records', 'out', values.out, 'FILE');
    const native = values.native;
    if (native !== undefined && !isOneOf(native, nativeKinds))
      throw new UsageError(`generate records: --native must be openai, anthropic or gemini, got "${native}"`);
    const from = values.from ?? '2026-10-01T00:00:00Z';
    const until = values.until ?? '2026-11-01T00:00:00Z';
    checkPeriod(from, until);
    const sheet = await loadPriceSheet(values.sheet ?? fromRoot('examples', 'sheets', 'list-prices.yaml'));
    const plants = parsePlants(values.plant ?? []);
    const csv = out.endsWith('.csv') || out.endsWith('.csv.gz');
    const progress = progressLine(io, values.quiet === true);
    let result;
    try {
      result = await writeLinesAtomically(out, (write, drained) =>
        generateLog(
          {
            count,
            seed,
            native,
            plants,
            sheet,
            from,
            until,
            content: !values['no-content'],
            csv,
            onProgress: (done, total) => progress.update(`generate records: ${done}/${total} records written`, done === total),
          },
          write,
          drained,
        ),
      );
    } finally {
      progress.done();
    }
    const dir = dirname(out);
    const statementOut = values['statement-out'] ?? join(dir, 'statement.json');
    const plantedOut = values['planted-out'] ?? join(dir, 'planted.jsonl');
    await writeAtomic(statementOut, statementBytes(result.statement));
    await writeAtomic(plantedOut, result.planted.map((p) => `${canonicalJson(p)}\n`).join(''));
    io.out(
      `wrote ${count} records to ${out} (${result.planted.length} planted faults in ${plantedOut}), billed statement ${statementOut}: ${result.statement.totals.amount} ${result.statement.currency}\n`,
    );
    return 0;
  },
});
