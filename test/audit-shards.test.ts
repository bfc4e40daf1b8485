// Shards merged equal a single run byte for byte (TMS-A-009); workers do not change the result (TMS-A-010).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { fromRoot } from '../src/paths.js';
import { cli, SHEET, tmp } from './audit-helpers.js';

const FILES = ['statement.json', 'discrepancies.jsonl', 'events.jsonl', 'report.json', 'report.html', 'junit.xml', 'summary.md'];
const same = (a: string, b: string) => {
  for (const f of FILES) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), `${f} differs`).toBe(true);
};

describe('sharded audits', () => {
  const dir = tmp('shards');
  const log = join(dir, 'log.jsonl.gz');
  const common = () => ['--records', log, '--sheet', SHEET, '--statement', join(dir, 'statement.json')];
  beforeAll(async () => {
    const g = await cli([
      'generate',
      'records',
      '--count',
      '1200',
      '--seed',
      '21',
      '--native',
      'openai',
      '--plant',
      'dup:0.02',
      '--plant',
      'conflict:0.02',
      '--plant',
      'period:0.02',
      '--plant',
      'missing:0.02',
      '--plant',
      'inflate:0.02',
      '--plant',
      'price:0.02',
      '--out',
      log,
    ]);
    expect(g.code, g.err).toBe(0);
    const single = await cli(['audit', ...common(), '--out', join(dir, 'single')]);
    expect(single.code, single.err).toBe(1);
  });

  it('3 shards merged give the single run’s statement, discrepancies and report byte for byte (TMS-A-009)', async () => {
    for (const k of [2, 0, 1]) {
      const r = await cli(['audit', ...common(), '--shard', `${k}/3`, '--out', join(dir, `part-${k}`)]);
      expect(r.code, r.err).toBe(0);
    }
    const m = await cli(['audit', 'merge', join(dir, 'part-1'), join(dir, 'part-2'), join(dir, 'part-0'), '--out', join(dir, 'merged')]);
    expect(m.code, m.err).toBe(1);
    same(join(dir, 'single'), join(dir, 'merged'));
  });

  it('takes the shard index from JOB_COMPLETION_INDEX as a Kubernetes Indexed Job sets it (TMS-A-009)', async () => {
    for (const k of [0, 1]) {
      const r = await cli(['audit', ...common(), '--shard', 'env', '--shards', '2', '--out', join(dir, `k8s-${k}`)], { JOB_COMPLETION_INDEX: String(k) });
      expect(r.code, r.err).toBe(0);
    }
    await cli(['audit', 'merge', join(dir, 'k8s-0'), join(dir, 'k8s-1'), '--out', join(dir, 'k8s-merged')]);
    same(join(dir, 'single'), join(dir, 'k8s-merged'));
  });

  it('runs the command lines of examples/k8s/audit-job.yaml for every completion index (TMS-A-009)', async () => {
    const docs = parseAllDocuments(readFileSync(fromRoot('examples', 'k8s', 'audit-job.yaml'), 'utf8')).map((d) => d.toJS());
    const job = docs[0];
    const n = job.spec.completions as number;
    const local = (a: string) =>
      a
        .replace('/audit/input/usage-2026-10.jsonl.gz', log)
        .replace('/audit/input/sheet.yaml', SHEET)
        .replace('/audit/input/statement.json', join(dir, 'statement.json'))
        .replace('/audit/parts', join(dir, 'job'));
    for (let k = 0; k < n; k++) {
      const args = (job.spec.template.spec.containers[0].args as string[]).map(local).map((a) => a.replace('$(JOB_COMPLETION_INDEX)', String(k)));
      const r = await cli(args, { JOB_COMPLETION_INDEX: String(k) });
      expect(r.code, r.err).toBe(0);
    }
    const merge = (docs[1].spec.template.spec.containers[0].args[0] as string).match(/audit merge (\S+) --out (\S+)/)!;
    expect(merge[1]).toBe('/audit/parts/*');
    const parts = Array.from({ length: n }, (_, k) => join(dir, 'job', String(k)));
    const m = await cli(['audit', 'merge', ...parts, '--out', join(dir, 'job-result')]);
    expect(m.code).toBe(1);
    same(join(dir, 'single'), join(dir, 'job-result'));
  });

  it('refuses a merge with a shard missing or given twice (TMS-A-009)', async () => {
    const r = await cli(['audit', 'merge', join(dir, 'part-0'), join(dir, 'part-1'), '--out', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/shard\(s\) 3\/3 missing/);
    const r2 = await cli(['audit', 'merge', join(dir, 'part-0'), join(dir, 'part-0'), join(dir, 'part-1'), '--out', join(dir, 'bad')]);
    expect(r2.err).toMatch(/given twice/);
  });

  it('gives identical outputs with 1 and 2 worker threads (TMS-A-010)', async () => {
    const r = await cli(['audit', ...common(), '--workers', '2', '--out', join(dir, 'w2')]);
    expect(r.code, r.err).toBe(1);
    same(join(dir, 'single'), join(dir, 'w2'));
  });

  it('runs the one-host recipe of docs/audit.md as separate processes (xargs -P, as GNU parallel) (TMS-A-009)', () => {
    const bin = fromRoot('bin', 'tokencert.mjs');
    const recipe = `seq 0 2 | xargs -P 3 -I{} "${process.execPath}" "${bin}" audit --records "${log}" --sheet "${SHEET}" --statement "${join(dir, 'statement.json')}" --shard {}/3 --quiet --out "${dir}/proc-{}"`;
    execFileSync('sh', ['-c', recipe], { stdio: 'pipe' });
    execFileSync('sh', ['-c', `"${process.execPath}" "${bin}" audit merge "${dir}"/proc-* --out "${dir}/proc-merged" || test $? -eq 1`], { stdio: 'pipe' });
    same(join(dir, 'single'), join(dir, 'proc-merged'));
  });

  it('reads a gzip log piped on standard input (--records -) by its content, to the same statement, findings and inputs as the file (TMS-A-001)', () => {
    // `gzip -c log.jsonl | tokencert audit --records -`: the compressed bytes were read as text,
    // every line invalid. Spawned, since standard input is the process's own.
    const args = ['audit', '--records', '-', '--sheet', SHEET, '--statement', join(dir, 'statement.json'), '--quiet', '--out', join(dir, 'piped-gz')];
    const r = spawnSync(process.execPath, [fromRoot('bin', 'tokencert.mjs'), ...args], { input: readFileSync(log) });
    expect(r.status, r.stderr.toString()).toBe(1);
    const out = (run: string, f: string) => readFileSync(join(dir, run, f), 'utf8');
    expect(out('piped-gz', 'statement.json')).toBe(out('single', 'statement.json'));
    expect(out('piped-gz', 'discrepancies.jsonl')).toBe(out('single', 'discrepancies.jsonl').replaceAll(log, '-'));
    const files = (run: string) => JSON.parse(out(run, 'report.json')).target.files as { path: string; sha256: string }[];
    expect(files('piped-gz')).toEqual(files('single').map((f) => ({ ...f, path: '-' })));
    // Input shorter than the two bytes looked at ends too: empty, and one byte (an invalid line).
    const period = ['--from', '2026-10-01T00:00:00Z', '--until', '2026-11-01T00:00:00Z'];
    for (const [input, status] of [
      ['', 0],
      ['x', 1],
    ] as const) {
      const shortArgs = ['audit', '--records', '-', '--sheet', SHEET, ...period, '--quiet', '--out', join(dir, 'piped-short')];
      const short = spawnSync(process.execPath, [fromRoot('bin', 'tokencert.mjs'), ...shortArgs], { input, timeout: 30_000 });
      expect(short.status, short.stderr.toString()).toBe(status);
    }
  });
});

describe('shards over a directory of log parts (object-store exports)', () => {
  const dir = tmp('parts');
  const parts = join(dir, 'usage-2026-10');
  /** Audits `records` against the billed statement with `workers` workers into `out`. */
  const auditOf = (records: string, out: string, workers: string) =>
    cli([
      'audit',
      '--records',
      records,
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'statement.json'),
      '--quiet',
      '--workers',
      workers,
      '--out',
      join(dir, out),
    ]);
  beforeAll(async () => {
    const g = await cli([
      'generate',
      'records',
      '--count',
      '900',
      '--seed',
      '31',
      '--native',
      'anthropic',
      '--plant',
      'dup:0.03',
      '--plant',
      'conflict:0.03',
      '--plant',
      'period:0.02',
      '--plant',
      'missing:0.02',
      '--out',
      join(dir, 'whole.jsonl'),
    ]);
    expect(g.code, g.err).toBe(0);
    // Cut the log into 3 gzip parts, as an hourly export would land them, with a completion marker.
    const lines = readFileSync(join(dir, 'whole.jsonl'), 'utf8').split('\n').filter(Boolean);
    mkdirSync(parts);
    for (let k = 0; k < 3; k++) writeFileSync(join(parts, `part-0000${k}.jsonl.gz`), gzipSync(lines.filter((_, i) => i % 3 === k).join('\n') + '\n'));
    writeFileSync(join(parts, '_SUCCESS'), '');
  });

  it('runs examples/k8s/audit-job-parts.yaml for every index; the merge equals one run over the directory, and the statement one run over the whole log (TMS-A-009, TMS-A-018)', async () => {
    const job = parseAllDocuments(readFileSync(fromRoot('examples', 'k8s', 'audit-job-parts.yaml'), 'utf8'))[0].toJS();
    const n = job.spec.completions as number;
    const local = (a: string) =>
      a
        .replace('/audit/input/usage-2026-10', parts)
        .replace('/audit/input/sheet.yaml', SHEET)
        .replace('/audit/input/statement.json', join(dir, 'statement.json'))
        .replace('/audit/parts', join(dir, 'job'));
    for (let k = 0; k < n; k++) {
      const args = (job.spec.template.spec.containers[0].args as string[]).map(local).map((a) => a.replace('$(JOB_COMPLETION_INDEX)', String(k)));
      const r = await cli(args, { JOB_COMPLETION_INDEX: String(k) });
      expect(r.code, r.err).toBe(0);
    }
    const m = await cli(['audit', 'merge', ...Array.from({ length: n }, (_, k) => join(dir, 'job', String(k))), '--out', join(dir, 'merged')]);
    expect(m.code, m.err).toBe(1);
    const single = await cli([
      'audit',
      '--records',
      parts,
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'statement.json'),
      '--quiet',
      '--out',
      join(dir, 'single'),
    ]);
    expect(single.code, single.err).toBe(1);
    same(join(dir, 'single'), join(dir, 'merged'));
    const whole = await cli([
      'audit',
      '--records',
      join(dir, 'whole.jsonl'),
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'statement.json'),
      '--quiet',
      '--out',
      join(dir, 'whole'),
    ]);
    expect(readFileSync(join(dir, 'whole', 'statement.json')).equals(readFileSync(join(dir, 'single', 'statement.json')))).toBe(true);
    expect(whole.code).toBe(1);
  });

  it('reads a part that is a link to a file, and refuses a FIFO part by name, never dropping either unseen (TMS-A-001, TMS-A-018)', async () => {
    // Parts assembled from links (ln -s into a staging folder) are the parts they point at.
    const linked = join(dir, 'linked');
    mkdirSync(linked);
    for (let k = 0; k < 3; k++) symlinkSync(join(parts, `part-0000${k}.jsonl.gz`), join(linked, `part-0000${k}.jsonl.gz`));
    const run = (records: string, out: string) =>
      cli(['audit', '--records', records, '--sheet', SHEET, '--statement', join(dir, 'statement.json'), '--quiet', '--out', join(dir, out)]);
    const real = await run(parts, 'real-parts');
    const viaLinks = await run(linked, 'linked-parts');
    expect(viaLinks.code, viaLinks.err).toBe(real.code);
    expect(readFileSync(join(dir, 'linked-parts', 'statement.json')).equals(readFileSync(join(dir, 'real-parts', 'statement.json')))).toBe(true);
    const fifoDir = join(dir, 'with-fifo');
    mkdirSync(fifoDir);
    writeFileSync(join(fifoDir, 'part-00000.jsonl'), '');
    execFileSync('mkfifo', [join(fifoDir, 'part-00001.jsonl')]);
    const r = await run(fifoDir, 'fifo-out');
    expect(r.code).toBe(2);
    expect(r.err).toContain('part-00001.jsonl');
    expect(r.err).toMatch(/not a regular file/);
  });

  it('reads the parts of a partitioned export (Firehose YYYY/MM/DD/HH/ prefixes, a _temporary work directory) as the same parts side by side, for 1 and 2 workers (TMS-A-001, TMS-A-018)', async () => {
    // The same three parts, landed under hourly prefixes as Amazon Data Firehose writes them.
    const nested = join(dir, 'firehose');
    for (let k = 0; k < 3; k++) {
      const hour = join(nested, '2026', '10', String(k + 1).padStart(2, '0'), '00');
      mkdirSync(hour, { recursive: true });
      writeFileSync(join(hour, `usage-${k}.jsonl.gz`), readFileSync(join(parts, `part-0000${k}.jsonl.gz`)));
    }
    mkdirSync(join(nested, '_temporary', '0'), { recursive: true });
    writeFileSync(join(nested, '_temporary', '0', 'part-00099.jsonl'), '{"not":"a finished part"}\n');
    const flat = await auditOf(parts, 'flat-parts', '1');
    for (const w of ['1', '2']) {
      const r = await auditOf(nested, `nested-parts-${w}`, w);
      expect(r.code, r.err).toBe(flat.code);
      expect(readFileSync(join(dir, `nested-parts-${w}`, 'statement.json')).equals(readFileSync(join(dir, 'flat-parts', 'statement.json')))).toBe(true);
      // The findings are the same but for the part each names (usage-0 under 2026/10/01/00/, not part-00000).
      const findings = (out: string) => readFileSync(join(dir, out, 'discrepancies.jsonl'), 'utf8').replace(/[^"\s]*\.jsonl\.gz/g, 'part');
      expect(findings(`nested-parts-${w}`)).toBe(findings('flat-parts'));
    }
  });

  it('reads gzip parts named without .gz (part-00000.jsonl) by their content, as the same parts named .gz, for 1 and 2 workers (TMS-A-001, TMS-A-010, TMS-A-018)', async () => {
    const plain = join(dir, 'gzip-named-plain');
    mkdirSync(plain);
    for (let k = 0; k < 3; k++) writeFileSync(join(plain, `part-0000${k}.jsonl`), readFileSync(join(parts, `part-0000${k}.jsonl.gz`)));
    const run = async (records: string, out: string, workers: string) => {
      const r = await auditOf(records, out, workers);
      expect(r.code, r.err).toBe(1);
      return join(dir, out);
    };
    const gz = await run(parts, 'gz-named-w1', '1');
    const files = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).target.files as { path: string; sha256: string }[];
    for (const workers of ['1', '2']) {
      const out = await run(plain, `plain-named-w${workers}`, workers);
      expect(readFileSync(join(out, 'statement.json')).equals(readFileSync(join(gz, 'statement.json')))).toBe(true);
      const found = readFileSync(join(out, 'discrepancies.jsonl'), 'utf8');
      expect(found).toBe(readFileSync(join(gz, 'discrepancies.jsonl'), 'utf8').replaceAll(parts, plain).replaceAll('.jsonl.gz', '.jsonl'));
      expect(found).not.toContain('invalid-line');
      // The inputs record names each part by its real path, with the digest of its bytes as stored.
      expect(files(out)).toEqual(files(gz).map((f) => ({ ...f, path: f.path.replace(parts, plain).replace('.jsonl.gz', '.jsonl') })));
    }
  });

  it('refuses a directory holding a file that is not a log part (TMS-A-001, TMS-A-018)', async () => {
    writeFileSync(join(dir, 'odd.txt'), 'x');
    mkdirSync(join(dir, 'odd'));
    writeFileSync(join(dir, 'odd', 'notes.txt'), 'x');
    const r = await cli(['audit', '--records', join(dir, 'odd'), '--sheet', SHEET, '--statement', join(dir, 'statement.json'), '--out', join(dir, 'x')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('notes.txt');
  });
});
