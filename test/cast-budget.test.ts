// Type assertions (`x as T`, `<T>x`) tell the compiler to trust the code instead of checking it. Data
// that crosses a boundary is typed by validating it (src/schemas/registry.ts `validate`) and flags by
// their declarations (src/cli/flags.ts), so assertions should only shrink. This test counts them in
// shipped source with the TypeScript compiler's own parser and fails when the count rises above the
// budget; lower BUDGET when you remove some, never raise it to make room for new ones.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fromRoot, packageRoot } from '../src/paths.js';

/** The most type assertions shipped source may hold. */
const BUDGET = 99;

/** Type assertions in one source text, `as const` excepted (it asserts nothing, it only narrows literals). */
function assertions(fileName: string, text: string): number {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let n = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const t = node.type;
      if (!(ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'const')) n++;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return n;
}

/** Shipped TypeScript under src/: not tests, not generated files. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.gen.ts')) out.push(p);
  }
  return out;
}

describe('type assertions in shipped source (TMS-C-034)', () => {
  it('TMS-C-034: counts `as T` and `<T>x`, in any position, and not `as const`', () => {
    const text = [
      'const a = x as string;',
      'const b = <number>y;',
      'const c = (z as unknown as Foo).bar;',
      "const d = ['p', 'q'] as const;",
      'f(w as readonly string[], { k: v as K });',
      '// a comment saying x as string does not count',
    ].join('\n');
    expect(assertions('sample.ts', text)).toBe(6);
  });

  it(`TMS-C-034: holds at most ${BUDGET} assertions (lower the budget as they go)`, () => {
    const counts = sources(fromRoot('src'))
      .map((f) => ({ file: relative(packageRoot, f), n: assertions(f, readFileSync(f, 'utf8')) }))
      .filter((c) => c.n > 0)
      .sort((a, b) => b.n - a.n);
    const total = counts.reduce((s, c) => s + c.n, 0);
    const worst = counts
      .slice(0, 10)
      .map((c) => `${c.n} ${c.file}`)
      .join('\n');
    expect(total, `${total} type assertions (budget ${BUDGET}); most in:\n${worst}`).toBeLessThanOrEqual(BUDGET);
  });
});
