import { commands } from './registry.js';

/** Renders docs/cli.md: every command's usage text, in registry order, so the docs cannot drift from --help. */
export async function renderCliReference(): Promise<string> {
  const out: string[] = [
    '# tokencert command reference',
    '',
    "> Generated from each command's `--help` text by `npm run gen:docs`. Exit codes everywhere: 0 passed, 1 a verdict failed, 2 usage or input error, 70 internal error (a bug in tokencert). Limits and the output-replacement rule: [robustness.md](robustness.md).",
    '',
  ];
  for (const key of Object.keys(commands).sort()) {
    const cmd = await commands[key].load();
    out.push(`## tokencert ${key}`, '', cmd.summary, '', '```text', cmd.usage.trimEnd(), '```', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
