// Components import only along the arrows of docs/architecture.md (TMS-C-031). The rules are data in
// scripts/importRules.ts; this test applies them to the real tree and, so that it can fail, to a
// small tree with one import of each forbidden kind.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedImports, checkImports, importsOf } from '../scripts/importRules.js';
import { fromRoot, packageRoot } from '../src/paths.js';

describe('import boundaries (TMS-C-031)', () => {
  it('TMS-C-031: every import under src/ follows an arrow of docs/architecture.md', () => {
    const found = checkImports(packageRoot).map((v) => `${v.file}:${v.line} ${v.from} → ${v.to}`);
    expect(found).toEqual([]);
  });

  it('TMS-C-031: docs/architecture.md lists every component the rules know', () => {
    const doc = readFileSync(fromRoot('docs', 'architecture.md'), 'utf8');
    for (const c of Object.keys(allowedImports).filter((c) => !['index', 'paths', 'version'].includes(c))) {
      expect(doc, `docs/architecture.md does not describe ${c}`).toContain(`\`${c}\``);
    }
  });

  describe('TMS-C-031: the check catches each kind of forbidden import', () => {
    const root = mkdtempSync(join(tmpdir(), 'tokencert-imports-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'src/probe/peek.ts': "import { faults } from '../reference-provider/faults.js';\n",
      'src/report/compute.ts': "import { countText } from '../measure/countText.js';\n",
      'src/pricing/types.ts': "import type { UsageCell } from '../measure/usageTotals.js';\n",
      'src/pricing/value.ts': "import { countText } from '../measure/countText.js';\n",
      'src/pricing/key.ts': "import { cellKey } from '../measure/usageTotals.js';\n",
      'src/audit/print.ts': "import type { CliIo } from '../cli/command.js';\n",
      'src/settlement/helper.ts': "const m = await import('../testing/sampleRecords.js');\n",
      'src/settlement/uses.test.ts': "import { sampleRecords } from '../testing/sampleRecords.js';\n",
      'src/money/up.ts': "import { digestJson } from '../digest/canonicalJson.js';\n",
      'src/measure/ok.ts': "import { InputError } from '../errors/errors.js';\nimport { sha256Hex } from '../digest/sha256.js';\n",
      'scripts/gen.ts': "import { sampleRecords } from '../src/testing/sampleRecords.js';\n",
      'bin/entry.mjs': "import { runCliForTest } from '../src/testing/runCliForTest.js';\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const found = checkImports(root)
      .map((v) => `${v.file} ${v.from} → ${v.to}`)
      .sort();

    it('flags exactly the forbidden ones', () => {
      expect(found).toEqual([
        'bin/entry.mjs bin → testing',
        'src/audit/print.ts audit → cli',
        'src/money/up.ts money → digest',
        'src/pricing/value.ts pricing → measure',
        'src/probe/peek.ts probe → reference-provider',
        'src/report/compute.ts report → measure',
        'src/settlement/helper.ts settlement → testing',
      ]);
    });
  });

  it('TMS-C-031: reads static, re-exported, multi-line and dynamic imports with their lines', () => {
    const text =
      "import a from './a.js';\nexport { b } from '../b.js';\nimport type {\n  C,\n} from '../c.js';\nconst d = await import('../d.js');\nimport 'node:fs';\n";
    expect(importsOf(text)).toEqual([
      { specifier: './a.js', typeOnly: false, line: 1 },
      { specifier: '../b.js', typeOnly: false, line: 2 },
      { specifier: '../c.js', typeOnly: true, line: 3 },
      { specifier: '../d.js', typeOnly: false, line: 6 },
    ]);
  });
});
