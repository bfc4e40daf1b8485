import { UsageError } from '../../errors/errors.js';
import { resolveConvention } from '../../measure/usageConventions.js';
import { formatLocation } from '../../errors/errors.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { settleFiles } from '../../settlement/settleFiles.js';
import { loadPrivateKey, signStatement } from '../../settlement/signature.js';
import { statementBytes } from '../../settlement/statementBytes.js';
import { defineCommand } from '../command.js';
import { progressLine } from '../progressLine.js';
import { focusParties, optionalInt, requiredString } from '../flags.js';
import type { SettleOutput } from '../../schemas/types.gen.js';
import { deriveRecords, isNativeLine } from '../../audit/read/deriveRecord.js';
import { focusFile } from '../../settlement/focus/focusFile.js';

/** `tokencert settle`: turns measurement records into a canonical, optionally signed statement (TMS-S part). */
export const settle = defineCommand({
  name: 'settle',
  summary: 'Settle measurement records into a canonical statement for a period',
  usage: `Usage: tokencert settle --sheet SHEET --records FILE... --from T --until T --out FILE
                        [--rounding MODE] [--rounding-level line|statement] [--scale N]
                        [--sign-key KEY.pem] [--convention NAME] [--focus FILE.csv [--focus-account ID] [--focus-provider NAME]] [--json] [--quiet]

Prices the records (JSON lines: tokencert measurement records, schemas/measurement-record.json, or
provider-native usage lines, derived exactly as "tokencert audit" derives them, TMS-S-022) and writes
the statement (schemas/statement.json, RFC 8785 canonical JSON) for the half-open UTC period
[--from, --until) to --out, atomically. Records are deduplicated by record_id; one id with two
contents is a conflict and bills no version; records outside the period are listed as excluded.
  --sheet FILE            price sheet (YAML or JSON)
  --records FILE          record file (repeat for several; - for standard input)
  --from T, --until T     period bounds, RFC 3339 UTC (e.g. 2026-01-01T00:00:00Z)
  --rounding MODE         half_even (default), half_up, half_down, up, down, ceiling, floor
  --rounding-level L      line (default: round each line, total = sum of rounded lines)
                          or statement (lines exact, only the total is rounded)
  --scale N               digits of rounded amounts (default: the currency's minor units)
  --sign-key FILE         sign with this Ed25519 private key (PEM, PKCS#8)
  --convention NAME       also accept provider-native usage lines (as audit reads them), reading
                          those of NAME's API under this usage convention variant, e.g.
                          openai-chat/reasoning-beside (xAI); other-model iterations bill as
                          their own records (docs/measure.md)
  --out FILE              where to write the statement
  --focus FILE.csv        also write the line items as FOCUS 1.2 rows (FinOps cost and usage CSV)
  --focus-account ID      FOCUS BillingAccountId (default: the price sheet id)
  --focus-provider NAME   FOCUS ProviderName, PublisherName, InvoiceIssuerName (default: the price sheet id)
  --json                  print the run summary as JSON
  --quiet                 no progress line on a terminal
Exit 0 when the statement was written, 2 for a usage or input error (nothing is written).
`,
  options: {
    sheet: { type: 'string' },
    records: { type: 'string', multiple: true },
    from: { type: 'string' },
    until: { type: 'string' },
    rounding: { type: 'string' },
    'rounding-level': { type: 'string' },
    scale: { type: 'string' },
    'sign-key': { type: 'string' },
    convention: { type: 'string' },
    out: { type: 'string' },
    focus: { type: 'string' },
    'focus-account': { type: 'string' },
    'focus-provider': { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  async run({ values }, io) {
    const sheetPath = requiredString('settle', 'sheet', values.sheet);
    const records = values.records ?? [];
    if (records.length === 0) throw new UsageError('settle: give at least one --records FILE');
    const from = requiredString('settle', 'from', values.from);
    const until = requiredString('settle', 'until', values.until);
    const out = requiredString('settle', 'out', values.out);
    const scale = optionalInt('settle', 'scale', values.scale);
    const convention = values.convention !== undefined ? resolveConvention(values.convention) : undefined;
    // Load the key first: a bad key should fail before minutes of settling, not after.
    const key = values['sign-key'] ? await loadPrivateKey(values['sign-key']) : undefined;
    const sheet = await loadPriceSheet(sheetPath);
    const rounding = { mode: values.rounding, level: values['rounding-level'], scale };
    // The shared progress line: on a terminal only, not under --quiet, --json or CI (TMS-C-040).
    let n = 0;
    const line = progressLine(io, values.quiet === true || values.json === true);
    // Formatted every 1,024 records only: the line redraws five times a second at most anyway.
    const progress = (): void => void (++n % 1024 === 0 && line.update(`settle: ${n.toLocaleString('en')} records read`));
    // A line without tms_version is a provider-native usage line: the auditor's derivation (TMS-A-013),
    // read under the declared convention variant when one is given; other-model iterations are records of their own.
    const toRecords = (v: unknown, at: { file: string; line: number }) => (isNativeLine(v) ? deriveRecords(v, at, convention) : [v]);
    const settled = await settleFiles(records, { sheet, from, until, rounding }, progress, toRecords).finally(() => line.done());
    const statement = key ? signStatement(settled.statement, key) : settled.statement;
    // FOCUS rows are built and checked before anything is written: a refusal leaves no output.
    const focusPath = values.focus;
    const focus = focusPath ? { path: focusPath, csv: focusFile(statement, focusParties(values), focusPath).csv } : undefined;
    await writeAtomic(out, statementBytes(statement));
    if (focus) await writeAtomic(focus.path, focus.csv);
    const t = settled.tally;
    const summary: SettleOutput = {
      out,
      currency: statement.currency,
      rounding: statement.rounding,
      totals: statement.totals,
      line_items: statement.line_items.length,
      records: { read: t.read, billed: t.billed, duplicates: t.duplicates, excluded: t.excluded, conflicting_versions: t.conflictingVersions },
      conflicts: settled.conflicts.map((c) => ({ record_id: c.record_id, at: formatLocation(c.at), first: formatLocation(c.first) })),
      merkle_root: statement.merkle.root,
      signed: Boolean(statement.signature),
    };
    if (values.json) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    for (const c of summary.conflicts)
      io.err(`tokencert: warning: ${c.at}: record_id "${c.record_id}" conflicts with the version at ${c.first}; no version is billed (TMS-S-005)\n`);
    io.out(
      [
        `statement written to ${out}${summary.signed ? ' (signed, Ed25519)' : ''}`,
        `  period      [${from}, ${until})`,
        `  records     ${t.read} read: ${t.billed} billed, ${t.duplicates} duplicate, ${t.excluded} excluded, ${t.conflictingVersions} in ${statement.conflicts.length} conflict(s)`,
        `  line items  ${statement.line_items.length}`,
        `  total       ${statement.totals.amount} ${statement.currency} (exact ${statement.totals.amount_exact}; ${statement.rounding.mode}, scale ${statement.rounding.scale}, per ${statement.rounding.level})`,
        `  merkle root ${statement.merkle.root}`,
        '',
      ].join('\n'),
    );
    return 0;
  },
});
