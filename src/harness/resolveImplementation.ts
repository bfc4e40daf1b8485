import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors/errors.js';
import { parseJson } from '../io/parseJson.js';
import { isRecord, isStringArray } from '../io/isRecord.js';
import { fromRoot } from '../paths.js';

/** An implementation to run: a short name (for the output folder) and the command that starts it. */
export interface ImplementationRef {
  readonly name: string;
  readonly command: readonly string[];
}

/** Folder holding the shipped adapters, one per implementation. */
export const IMPLEMENTATIONS_DIR = fromRoot('implementations');

/** Names of the shipped adapters: folders of implementations/ with a harness.json. */
export function shippedImplementations(): string[] {
  if (!existsSync(IMPLEMENTATIONS_DIR)) return [];
  return readdirSync(IMPLEMENTATIONS_DIR)
    .filter((n) => existsSync(join(IMPLEMENTATIONS_DIR, n, 'harness.json')))
    .sort();
}

/**
 * Resolves `--impl` (TMS-H-001): the name of a shipped adapter (implementations/NAME/harness.json
 * gives its command, run from the repository root) or a command line split on spaces.
 */
export function resolveImplementation(spec: string): ImplementationRef {
  const manifest = join(IMPLEMENTATIONS_DIR, spec, 'harness.json');
  if (/^[a-z0-9][a-z0-9-]*$/.test(spec) && existsSync(manifest)) {
    const m = parseJson(readFileSync(manifest, 'utf8'), manifest);
    const command: unknown = isRecord(m) ? m.command : undefined;
    if (!isStringArray(command) || command.length === 0) {
      throw new InputError('input-invalid', 'command must be a non-empty array of strings', { file: manifest, pointer: '/command' });
    }
    return { name: spec, command };
  }
  const command = spec.split(' ').filter((a) => a.length > 0);
  if (command.length === 1 && !command[0].includes('/')) {
    throw new UsageError(
      `no adapter named "${spec}" under implementations/ (shipped: ${shippedImplementations().join(', ') || 'none'}); give a command instead`,
    );
  }
  const base = command.find((a) => /\.(m?[jt]s|py|sh|rb)$/.test(a)) ?? command[0];
  const name =
    base
      .replace(/^.*\//, '')
      .replace(/\.[a-z]+$/, '')
      .replace(/[^a-zA-Z0-9-]+/g, '-') || 'implementation';
  return { name, command };
}
