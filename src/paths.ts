import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Absolute path of the package root (the folder holding package.json, spec/, schemas/, vectors/). */
export const packageRoot: string = fileURLToPath(new URL('../', import.meta.url));

/** Absolute path of a file or folder under the package root. */
export function fromRoot(...parts: string[]): string {
  return join(packageRoot, ...parts);
}
