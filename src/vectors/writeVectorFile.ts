import { writeAtomic } from '../io/writeAtomic.js';
import { fromRoot } from '../paths.js';
import { isRecord } from '../io/isRecord.js';

/** Header fields in the order every vector file lists them (schemas/vector-file.json). */
const headerOrder = ['schema', 'spec_version', 'kind', 'source', 'requirements', 'number_of_tests', 'notes', 'header', 'test_groups'];

/**
 * Writes a vector file under vectors/ for a generator script: fills `number_of_tests` from the groups,
 * orders the header fields, and writes atomically. Returns the repo-relative path written.
 */
export async function writeVectorFile(rel: string, file: Record<string, unknown>): Promise<string> {
  const groups: unknown[] = Array.isArray(file.test_groups) ? file.test_groups : [];
  const tests = (g: unknown): number => (isRecord(g) && Array.isArray(g.tests) ? g.tests.length : 0);
  const out: Record<string, unknown> = { ...file, number_of_tests: groups.reduce((n: number, g) => n + tests(g), 0) };
  const ordered = Object.fromEntries(headerOrder.filter((k) => k in out).map((k) => [k, out[k]]));
  await writeAtomic(fromRoot('vectors', rel), `${JSON.stringify(ordered, null, 2)}\n`);
  return `vectors/${rel}`;
}
