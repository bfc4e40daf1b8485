import { InputError } from '../../errors/errors.js';
import { findRequirement, loadSpec } from '../../spec/loadSpec.js';
import { defineCommand } from '../command.js';
import type { SpecListOutput } from '../../schemas/types.gen.js';

/** `tokencert spec [ID] [--json]`: lists the requirements or shows one. */
export const spec = defineCommand({
  name: 'spec',
  summary: 'List the requirements of the spec, or show one',
  usage: `Usage: tokencert spec [ID] [--json]

Lists every requirement (id, level, title) of the spec this build implements, or shows one in full.
  ID       a requirement id such as TMS-M-001
  --json   print JSON instead of text
`,
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const s = loadSpec();
    if (positionals.length > 1) throw new InputError('input-invalid', 'give at most one requirement id');
    if (positionals.length === 1) {
      const r = findRequirement(positionals[0]);
      if (!r) throw new InputError('input-invalid', `no requirement "${positionals[0]}" in spec ${s.version}`);
      if (values.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
      else {
        io.out(`${r.id} ${r.title}${r.status === 'retired' ? ' (retired)' : ''}\n${r.level} · applies to ${r.applies_to.join(', ')}\n\n${r.text.trim()}\n`);
        if (r.rationale) io.out(`\nRationale: ${r.rationale.trim()}\n`);
        io.out(`\nVerified by:\n${r.verified_by.map((v) => `  ${v}`).join('\n')}\n`);
      }
      return 0;
    }
    if (values.json) {
      const list: SpecListOutput = {
        id: s.id,
        version: s.version,
        requirements: s.requirements.map((r) => ({ id: r.id, level: r.level, title: r.title, status: r.status ?? 'active' })),
      };
      io.out(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    io.out(`${s.title} ${s.version}: ${s.requirements.length} requirements\n`);
    for (const r of s.requirements) io.out(`${r.id}  ${r.level.padEnd(6)}  ${r.title}${r.status === 'retired' ? ' (retired)' : ''}\n`);
    return 0;
  },
});
