import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { InputError, UsageError } from '../../errors/errors.js';
import { parseJson } from '../../io/parseJson.js';
import { readText } from '../../io/readText.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { safeCompilePriceSheet } from '../../pricing/compilePriceSheet.js';
import { importGenaiPrices, type GProvider } from '../../pricing/import/genaiPrices.js';
import { genaiShapeProblem, isGenaiData } from '../../pricing/import/genaiShape.js';
import { isRecord } from '../../io/isRecord.js';
import { summarizeIssues, type ImportResult } from '../../pricing/import/importReport.js';
import { importLitellm } from '../../pricing/import/litellm.js';
import { toolVersion } from '../../version.js';
import { defineCommand, type CliIo } from '../command.js';
import { requiredString } from '../flags.js';
import type { PricesImportOutput } from '../../schemas/types.gen.js';

/** The provider data bundled in the installed @pydantic/genai-prices package, and its version (no network: the package only fetches when asked to). */
async function bundledGenaiPrices(): Promise<{ data: GProvider[]; version: string }> {
  let mod: unknown;
  let pkg: unknown;
  try {
    mod = await import('@pydantic/genai-prices');
    const req = createRequire(import.meta.url);
    pkg = JSON.parse(readFileSync(join(dirname(req.resolve('@pydantic/genai-prices')), '..', 'package.json'), 'utf8'));
  } catch {
    throw new InputError('input-missing', 'the @pydantic/genai-prices package is not installed; give a data.json FILE instead');
  }
  const version = isRecord(pkg) && typeof pkg.version === 'string' ? pkg.version : 'unknown';
  if (!isRecord(mod) || typeof mod.waitForUpdate !== 'function')
    throw new InputError('input-invalid', `the installed @pydantic/genai-prices ${version} has no waitForUpdate(); give a data.json FILE instead`);
  const data: unknown = await mod.waitForUpdate();
  const bad = genaiShapeProblem(data);
  if (bad || !isGenaiData(data))
    throw new InputError('input-invalid', `the data bundled in @pydantic/genai-prices ${version} is not data.json v2: ${bad?.message ?? 'unexpected shape'}`);
  return { data, version };
}

/** When the data was retrieved and what converted it, as the sheet records them. */
interface ImportMeta {
  retrieved: string;
  generator: string;
}

/** Reads a LiteLLM model_prices_and_context_window.json and converts it; nothing is downloaded. */
async function importLitellmFile(file: string | undefined, provider: string | undefined, meta: ImportMeta): Promise<ImportResult> {
  if (!file) throw new UsageError('prices import: --from litellm needs FILE (model_prices_and_context_window.json); nothing is downloaded');
  if (provider) throw new UsageError('prices import: --provider applies to genai-prices only');
  const data = parseJson(await readText(file), file);
  if (!isRecord(data)) throw new InputError('input-invalid', 'expected a JSON object of model entries', { file, line: 1, pointer: '' });
  return importLitellm(data, { source: `LiteLLM model_prices_and_context_window.json (${file})`, ...meta });
}

/** Reads genai-prices data (a data.json v2 file, or the copy bundled in the npm package) and converts the chosen providers. */
async function importGenaiFile(file: string | undefined, provider: string | undefined, meta: ImportMeta): Promise<ImportResult> {
  let data: GProvider[];
  let label: string;
  if (file) {
    const v = parseJson(await readText(file), file);
    const bad = genaiShapeProblem(v);
    if (bad || !isGenaiData(v))
      throw new InputError('input-invalid', `not genai-prices data.json v2: ${bad?.message ?? 'unexpected shape'}`, { file, pointer: bad?.pointer ?? '' });
    data = v;
    label = `pydantic/genai-prices data (${file})`;
  } else {
    const b = await bundledGenaiPrices();
    data = b.data;
    label = `pydantic/genai-prices data bundled in npm @pydantic/genai-prices ${b.version}`;
  }
  const providers = provider
    ? provider
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
  return importGenaiPrices(data, { providers, source: label, ...meta });
}

/** Writes the sheet (JSON for .json, else YAML), refusing one tokencert itself would reject. */
async function writeSheet(out: string, sheet: ImportResult['sheet']): Promise<void> {
  // The message says the file was not written, since the pointer is into the sheet as it would have been.
  const check = safeCompilePriceSheet(sheet, { file: out });
  if (!check.ok)
    throw new InputError(
      check.problem.code as 'input-invalid',
      `the imported sheet would be invalid, so it was not written: ${check.problem.message}`,
      check.problem.location,
    );
  await writeAtomic(out, out.endsWith('.json') ? `${JSON.stringify(sheet, null, 2)}\n` : stringify(sheet, { lineWidth: 0 }));
}

/** Prints what was written and every issue: what was not carried over as is, and why. */
function printOutcome(io: CliIo, report: PricesImportOutput): void {
  io.out(`wrote ${report.out}: ${report.entries} entries from ${report.from}\n`);
  const s = Object.entries(report.summary)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  io.out(`not carried over as is: ${s || 'nothing'}\n`);
  for (const i of report.issues) io.out(`  ${i.source} ${i.field}: ${i.effect}: ${i.reason}\n`);
}

/** `tokencert prices import`: converts genai-prices or LiteLLM price data into a tokencert price sheet, reporting what could not be carried over. */
export const pricesImport = defineCommand({
  name: 'prices import',
  summary: 'Convert genai-prices or LiteLLM price data into a price sheet, listing what cannot be represented',
  usage: `Usage: tokencert prices import --from genai-prices|litellm [FILE] --out SHEET [--provider ID,...] [--report FILE] [--json]

Converts published price data into a tokencert price sheet (TMS-P-018). Binary floats become the
decimal of their shortest round-trip representation; every entry or price that cannot be
represented is listed (never dropped silently). Outputs are written atomically.
  --from SOURCE       genai-prices (FILE optional: default is the data bundled in the installed
                      @pydantic/genai-prices package; a prices/new_data/v2/data.json also works)
                      or litellm (FILE required: model_prices_and_context_window.json)
  --out SHEET         the sheet to write (.json → JSON, otherwise YAML)
  --provider IDS      genai-prices providers to import, comma-separated (default all; with more
                      than one, model names are qualified as provider/model)
  --report FILE       also write the import report as JSON
  --json              print the report as JSON
Exit 0 when the sheet was written, 2 for a usage or input error.
`,
  options: { from: { type: 'string' }, out: { type: 'string' }, provider: { type: 'string' }, report: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const from = values.from;
    if (from !== 'genai-prices' && from !== 'litellm') throw new UsageError('prices import: --from must be genai-prices or litellm');
    const out = requiredString('prices import', 'out', values.out, 'SHEET');
    if (positionals.length > 1) throw new UsageError('prices import: give at most one FILE');
    const file = positionals[0];
    const meta = { retrieved: new Date().toISOString().slice(0, 10), generator: `tokencert ${toolVersion} prices import` };
    const result = from === 'litellm' ? await importLitellmFile(file, values.provider, meta) : await importGenaiFile(file, values.provider, meta);
    await writeSheet(out, result.sheet);
    const report: PricesImportOutput = {
      from,
      file: file ?? null,
      out,
      entries: result.entries,
      summary: summarizeIssues(result.issues),
      issues: result.issues,
    };
    if (values.report) await writeAtomic(values.report, `${JSON.stringify(report, null, 2)}\n`);
    if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
    else printOutcome(io, report);
    return 0;
  },
});
