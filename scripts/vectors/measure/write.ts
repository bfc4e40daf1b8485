// Shared helpers of the measure vector generator: file assembly, stable JSON layout, and the
// "refuse to write" rule: every cited expectation is compared before anything is written.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAtomic } from '../../../src/io/writeAtomic.js';
import { fromRoot } from '../../../src/paths.js';
import { specVersion, toolVersion } from '../../../src/version.js';

export interface Test {
  tc_id?: number;
  comment: string;
  flags: string[];
  result: 'valid' | 'invalid' | 'acceptable';
  [k: string]: unknown;
}

export interface Group {
  tests: Test[];
  [k: string]: unknown;
}

/** Collects disagreements between computed values and cited expectations. */
export class Checks {
  readonly problems: string[] = [];
  /** Records a disagreement when `computed` differs from the `cited` expectation. */
  same(where: string, cited: unknown, computed: unknown): boolean {
    const ok = JSON.stringify(cited) === JSON.stringify(computed);
    if (!ok) this.problems.push(`${where}: cited ${JSON.stringify(cited)} but the reference implementation gives ${JSON.stringify(computed)}`);
    return ok;
  }
  /** Throws (so nothing is written) when any cited expectation disagreed. */
  assertNone(area: string): void {
    if (this.problems.length > 0)
      throw new Error(`${area}: refusing to write vectors, ${this.problems.length} cited expectation(s) disagree:\n  ${this.problems.join('\n  ')}`);
  }
}

/** Assembles a vector file, numbering tests 1..n in order. */
export function vectorFile(o: {
  kind: string;
  requirements: string[];
  reference: string[];
  header: string[];
  notes: Record<string, string>;
  groups: Group[];
}): Record<string, unknown> {
  let id = 0;
  const groups = o.groups.filter((g) => g.tests.length > 0);
  for (const g of groups) for (const t of g.tests) t.tc_id = ++id;
  const used = new Set(groups.flatMap((g) => g.tests.flatMap((t) => t.flags)));
  const notes = Object.fromEntries(
    Object.entries(o.notes)
      .filter(([k]) => used.has(k))
      .map(([k, description]) => [k, { description }]),
  );
  for (const f of used) if (!(f in notes)) throw new Error(`flag ${f} has no note`);
  return {
    schema: `vectors-${o.kind}.json`,
    spec_version: specVersion,
    kind: o.kind,
    source: { name: 'tokencert scripts/vectors/measure.ts', version: toolVersion, reference: o.reference },
    requirements: o.requirements,
    number_of_tests: id,
    notes,
    header: o.header,
    test_groups: groups.map((g) => ({
      ...g,
      tests: g.tests.map(({ tc_id, comment, flags, result, ...rest }) => ({ tc_id, comment, flags, result, ...rest })),
    })),
  };
}

/** JSON with one test per line, so files diff well and stay small. */
function layout(file: Record<string, unknown>): string {
  const { test_groups, ...head } = file as { test_groups: Group[] };
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const groups = test_groups.map((g) => {
    const { tests, ...params } = g;
    const p = Object.entries(params)
      .map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`)
      .join('');
    return `    {\n${p}      "tests": [\n${tests.map((t) => `        ${JSON.stringify(t)}`).join(',\n')}\n      ]\n    }`;
  });
  return `${headText},\n  "test_groups": [\n${groups.join(',\n')}\n  ]\n}\n`;
}

/** Writes one vector file under vectors/ atomically; returns its path relative to the root. */
export async function writeVectors(rel: string, file: Record<string, unknown>): Promise<string> {
  const path = fromRoot('vectors', rel);
  mkdirSync(dirname(path), { recursive: true });
  // Round-trip check: the layout must be exactly the same JSON value.
  const text = layout(file);
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(file)) throw new Error(`layout changed the content of ${rel}`);
  await writeAtomic(path, text);
  return `vectors/${rel}`;
}
