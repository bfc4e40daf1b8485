import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/runCliForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'tokencert-cli-'));
// An id that is not in the spec, built so the citation scanner does not read it as a citation.
const unknownId = ['TMS', 'X', '999'].join('-');
const goodUsage = JSON.stringify({ cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: 3 }] });

describe('CLI exit codes and errors (TMS-C-001, TMS-C-002)', () => {
  it.each([
    [['nonsense'], 2, /unknown command "nonsense"/],
    [['validate'], 2, /--schema NAME is required/],
    [['validate', '--bogus'], 2, /validate: unknown option --bogus; options: --schema/],
    [['validate', '--shema', 'usage'], 2, /validate: unknown option --shema \(did you mean --schema\?\)/],
    [['validate', '--schema'], 2, /validate: --schema needs a value/],
    [['valdate'], 2, /unknown command "valdate"; did you mean "validate"/],
    [['validate', '--schema', 'nope', 'x.json'], 2, /unknown schema "nope"/],
    [['validate', '--schema', 'usage', join(dir, 'missing.json')], 2, /missing\.json: no such file \[input-missing\]/],
    [['spec', unknownId], 2, /no requirement "TMS-X-9{3}"/],
  ])('%j exits %i with a one-line error', async (argv, code, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('prints one hint, not two, after an unknown command', async () => {
    const r = await run(['nonsense']);
    expect(r.err.match(/--help/g)).toHaveLength(1);
  });

  it('lists --version and the reference in the help text', async () => {
    const r = await run(['--help']);
    expect(r.out).toMatch(/tokencert --version/);
    expect(r.out).toMatch(/docs\/cli\.md/);
  });

  it('names file, line and column of malformed JSON', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, '{\n  "cells": [\n    {"direction": "input",,}\n  ]\n}\n');
    const r = await run(['validate', '--schema', 'usage', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json:3:\d+: malformed JSON/);
  });

  it('reports each invalid JSON-lines record as file:line pointer and exits 1 (TMS-C-003: nothing dropped)', async () => {
    const f = join(dir, 'records.jsonl');
    writeFileSync(f, [goodUsage, '{"cells":[{"direction":"input","cache":"none","modality":"text","tokens":-4}]}', '', '{oops', goodUsage].join('\n'));
    const r = await run(['validate', '--schema', 'usage', f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${f}:2 /cells/0/tokens: must be >= 0`);
    expect(r.out).toMatch(/records\.jsonl:4 .*malformed JSON/);
    expect(r.out).toContain('4 record(s) checked');
  });

  it('rejects invalid UTF-8 with the line, never replacing bytes (TMS-C-005)', async () => {
    const f = join(dir, 'latin1.jsonl');
    writeFileSync(f, Buffer.concat([Buffer.from(`${goodUsage}\n{"x":"caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    const r = await run(['validate', '--schema', 'usage', f]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/latin1\.jsonl:2 .*invalid UTF-8/);
  });

  it('validates a good file and exits 0', async () => {
    const f = join(dir, 'good.json');
    writeFileSync(f, goodUsage);
    const r = await run(['validate', '--schema', 'usage', f]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/all valid/);
  });

  it('lists and shows requirements', async () => {
    const list = await run(['spec']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('TMS-C-001');
    const one = await run(['spec', 'TMS-C-002']);
    expect(one.out).toMatch(/MUST · applies to/);
  });
});
