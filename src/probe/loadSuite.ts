import { InputError } from '../errors/errors.js';
import { sha256Hex } from '../digest/sha256.js';
import { parseYamlLocated } from '../io/parseYaml.js';
import { readText } from '../io/readText.js';
import { fromRoot } from '../paths.js';
import { safeParse } from '../schemas/registry.js';
import { checks } from './checks/index.js';
import type { LoadedSuite } from './types.js';

/** The path of a suite given by name (suites/NAME.yaml) or by path. */
export function suitePath(nameOrPath: string): string {
  return /[/\\]|\.ya?ml$/.test(nameOrPath) ? nameOrPath : fromRoot('suites', `${nameOrPath}.yaml`);
}

/**
 * Loads a suite (schemas/suite.json): every check must exist, case ids must be unique, and each case
 * must cite every requirement its checks verify, so the spec's verified_by stays true.
 */
export async function loadSuite(nameOrPath: string): Promise<LoadedSuite> {
  const file = suitePath(nameOrPath);
  const text = await readText(file);
  const doc = parseYamlLocated(text, file);
  const r = safeParse('suite', doc.value);
  if (!r.ok) {
    const first = r.issues[0];
    throw new InputError('input-invalid', first.message, { file, line: doc.lineOf(first.pointer), pointer: first.pointer });
  }
  const raw = r.value;
  const ids = new Set<string>();
  raw.cases.forEach((c, i) => {
    const at = (p: string) => ({ file, line: doc.lineOf(`/cases/${i}${p}`), pointer: `/cases/${i}${p}` });
    if (ids.has(c.id)) throw new InputError('input-invalid', `duplicate case id ${c.id}`, at('/id'));
    ids.add(c.id);
    c.checks.forEach((name, j) => {
      const check = checks.get(name);
      if (!check) throw new InputError('input-invalid', `unknown check "${name}"; known: ${[...checks.keys()].join(', ')}`, at(`/checks/${j}`));
      for (const req of check.requirements) {
        if (!c.requirements.includes(req))
          throw new InputError('input-invalid', `case ${c.id} runs ${name} but does not cite ${req} in requirements`, at('/requirements'));
      }
    });
  });
  return { ...raw, sha256: sha256Hex(text), file };
}
