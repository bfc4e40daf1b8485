import { UsageError } from '../../errors/errors.js';
import { formatLocation } from '../../errors/errors.js';
import { parseJson } from '../../io/parseJson.js';
import { parseYamlLocated } from '../../io/parseYaml.js';
import { readJsonLines } from '../../io/readJsonLines.js';
import { readText } from '../../io/readText.js';
import { safeValidate, schemaNames, validatorFor } from '../../schemas/registry.js';
import { defineCommand } from '../command.js';
import { requiredString } from '../flags.js';
import { normaliseLine } from '../../audit/read/normaliseLine.js';
import { resolveConvention } from '../../measure/usageConventions.js';
import type { ValidateOutput } from '../../schemas/types.gen.js';

/** `tokencert validate --schema NAME FILE...`: validates JSON or JSON-lines records against a schema. */
export const validate = defineCommand({
  name: 'validate',
  summary: 'Validate JSON or JSON-lines records against a schema',
  usage: `Usage: tokencert validate --schema NAME FILE... [--convention NAME] [--json]

Validates each FILE against schemas/NAME.json. A .jsonl file is one record per line; a .yaml or
.yml file is one YAML document (price sheets, targets, suites); any other file is one JSON document.
Every invalid record is reported as file:line JSON-pointer message.
Exit 0 when all are valid, 1 when any record is invalid, 2 for a usage or input error.
  --schema NAME   schema name (tokencert validate --list shows them)
  --list          list the schema names and exit
  --convention C  also read each valid record or native usage line as audit does, native lines of
                  C's API under this usage convention or variant (e.g. openai-chat/reasoning-beside),
                  and report usage that does not follow it (docs/measure.md)
  --json          print a JSON summary instead of text
`,
  options: { schema: { type: 'string' }, list: { type: 'boolean' }, convention: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (values.list) {
      io.out(`${schemaNames().join('\n')}\n`);
      return 0;
    }
    const name = requiredString('validate', 'schema', values.schema, 'NAME');
    if (positionals.length === 0) throw new UsageError('validate: give at least one FILE (or - for standard input)');
    validatorFor(name);
    const convention = values.convention !== undefined ? resolveConvention(values.convention) : undefined;
    if (convention && name !== 'native-usage-line' && name !== 'measurement-record')
      throw new UsageError('validate: --convention applies to --schema native-usage-line or measurement-record');
    // TMS-M-056: beyond the schema, the usage must follow the declared convention (or variant).
    const check = (v: unknown): readonly { pointer: string; message: string }[] => {
      const r = safeValidate(name, v);
      if (!r.ok) return r.issues;
      if (!convention) return [];
      const n = normaliseLine(v, convention);
      return n.ok ? [] : [{ pointer: n.pointer, message: n.message }];
    };
    const problems: { file: string; line?: number; pointer: string; message: string }[] = [];
    let records = 0;
    for (const file of positionals) {
      if (file.endsWith('.jsonl') || file.endsWith('.ndjson')) {
        for await (const l of readJsonLines(file)) {
          records++;
          if (!l.ok) {
            problems.push({ file, line: l.line, pointer: l.error.location?.pointer ?? '', message: l.error.message });
            continue;
          }
          for (const i of check(l.value)) problems.push({ file, line: l.line, pointer: i.pointer, message: i.message });
        }
      } else if (/\.ya?ml$/i.test(file)) {
        const doc = parseYamlLocated(await readText(file), file);
        records++;
        const r = safeValidate(name, doc.value);
        if (!r.ok) for (const i of r.issues) problems.push({ file, line: doc.lineOf(i.pointer), pointer: i.pointer, message: i.message });
      } else {
        const text = await readText(file);
        records++;
        for (const i of check(parseJson(text, file))) problems.push({ file, pointer: i.pointer, message: i.message });
      }
    }
    const summary: ValidateOutput = { schema: name, records, valid: problems.length === 0, problems };
    if (values.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      for (const p of problems) io.out(`${formatLocation({ file: p.file, line: p.line, pointer: p.pointer })}: ${p.message}\n`);
      io.out(`${records} record(s) checked against ${name}: ${problems.length === 0 ? 'all valid' : `${problems.length} problem(s)`}\n`);
    }
    return problems.length === 0 ? 0 : 1;
  },
});
