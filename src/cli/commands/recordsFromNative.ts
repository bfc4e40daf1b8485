import { canonicalJson } from '../../digest/canonicalJson.js';
import { InputError, UsageError } from '../../errors/errors.js';
import { AtomicLineWriter } from '../../io/AtomicLineWriter.js';
import { parseJson } from '../../io/parseJson.js';
import { decodeUtf8 } from '../../io/readText.js';
import { deriveRecords } from '../../audit/read/deriveRecord.js';
import { readSourceLines } from '../../audit/read/readSourceLines.js';
import { defineCommand } from '../command.js';
import { progressLine } from '../progressLine.js';
import { requiredString } from '../flags.js';

/** `tokencert records from-native`: writes the measurement records the auditor derives from native usage lines (TMS-A-014). */
export const recordsFromNative = defineCommand({
  name: 'records from-native',
  summary: 'Derive the measurement records an audit derives from provider-native usage lines',
  usage: `Usage: tokencert records from-native FILE... --out RECORDS.jsonl [--json] [--quiet]

Reads provider-native usage lines (OpenAI Chat Completions and Responses, Anthropic Messages,
Gemini; JSON lines, .gz compressed) and writes, one per line in RFC 8785 canonical JSON, the
measurement record "tokencert audit" derives from each line (docs/audit.md, "From a native line
to a measurement record"; spec TMS-A-013). Settling these records gives the statement, digests
and Merkle root an audit of the native log recomputes. Lines that already are tokencert records
are copied in canonical form. Blank lines are skipped; any invalid line stops the run with its
file, line and JSON pointer, and nothing is written (exit 2).
  --out FILE   where to write the records (.gz compresses), atomically
  --json       print a JSON summary
  --quiet      no progress line on a terminal
`,
  options: { out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('records from-native: give at least one FILE of native usage lines');
    const out = requiredString('records from-native', 'out', values.out, 'FILE');
    const w = await AtomicLineWriter.open(out);
    let records = 0;
    // The shared progress line: on a terminal only, not under --quiet, --json or CI (TMS-C-040).
    const progress = progressLine(io, values.quiet === true || values.json === true);
    try {
      for (const file of positionals) {
        for await (const l of readSourceLines(file)) {
          if (!l.ok) throw new InputError(l.code === 'line-too-long' ? 'input-invalid' : l.code, l.message, { file, line: l.line });
          let text: string;
          try {
            text = decodeUtf8(l.bytes, file);
          } catch (e) {
            throw new InputError('input-encoding', e instanceof Error ? e.message : String(e), { file, line: l.line });
          }
          if (text.trim() === '') continue;
          // Other models' iterations (Anthropic advisor and fallback hops) are records of their own, as settle bills them.
          for (const record of deriveRecords(parseJson(text, file, l.line - 1), { file, line: l.line })) {
            await w.line(canonicalJson(record));
            records++;
            if (records % 1024 === 0) progress.update(`records from-native: ${records.toLocaleString('en')} records written`);
          }
        }
      }
      await w.commit();
    } catch (e) {
      await w.abort();
      throw e;
    } finally {
      progress.done();
    }
    io.out(values.json ? `${JSON.stringify({ out, records })}\n` : `wrote ${records} measurement records to ${out}\n`);
    return 0;
  },
});
