// OpenTelemetry GenAI spans as audit input (TMS-A-015, TMS-A-016): OTLP/JSON exports from the
// semantic conventions' published examples (vectors/audit/otlp-genai.json), as JSON lines, gzip and
// one pretty-printed document, auto-detected or forced; every span accounted; shards and workers agree.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../src/paths.js';
import { cli, jsonl, SHEET, tmp } from './audit-helpers.js';

const vectors = JSON.parse(readFileSync(fromRoot('vectors', 'audit', 'otlp-genai.json'), 'utf8')) as {
  test_groups: { tests: { comment: string; result: string; export: unknown; items: { t: string; record?: { record_id: string } }[] }[] }[];
};
const tests = vectors.test_groups[0].tests;
// Examples whose record ids do not repeat across tests, so one log holds them without conflicts.
const pick = [1, 5, 7, 9].map((n) => tests[n]);
// An export holding only an HTTP client span: no GenAI span at all.
const http = {
  resourceSpans: [
    {
      resource: {},
      scopeSpans: [
        {
          scope: { name: 'opentelemetry.instrumentation.httpx' },
          spans: [
            {
              traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
              spanId: '00f067aa0ba902c0',
              name: 'POST',
              endTimeUnixNano: '1790812800000000000',
              attributes: [{ key: 'http.request.method', value: { stringValue: 'POST' } }],
            },
          ],
        },
      ],
    },
  ],
};
const P = ['--from', '2026-10-01T00:00:00Z', '--until', '2026-11-01T00:00:00Z', '--sheet', SHEET, '--quiet', '--json'];
const FILES = ['statement.json', 'discrepancies.jsonl', 'events.jsonl', 'report.json', 'summary.md'];

describe('audit of OTLP GenAI span exports', () => {
  const dir = tmp('otlp');
  beforeAll(() => {
    writeFileSync(join(dir, 'spans.jsonl'), [...pick.map((t) => t.export), http].map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(join(dir, 'spans.jsonl.gz'), gzipSync(readFileSync(join(dir, 'spans.jsonl'))));
    const merged = { resourceSpans: [...pick.map((t) => t.export), http].flatMap((e) => (e as { resourceSpans: unknown[] }).resourceSpans) };
    writeFileSync(join(dir, 'spans.json'), JSON.stringify(merged, null, 2));
  });

  it('auto-detects an export, bills each span with usage and accounts for the others (TMS-A-015, TMS-A-016)', async () => {
    const r = await cli(['audit', '--records', join(dir, 'spans.jsonl'), ...P, '--out', join(dir, 'a')]);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { tally: Record<string, number> };
    const items = [...pick.flatMap((t) => t.items), { t: 'not-genai' }];
    expect(out.tally.records).toBe(items.filter((i) => i.t === 'record').length);
    expect(out.tally.spans_without_usage).toBe(1);
    expect(out.tally.spans_not_genai).toBe(1);
    expect(out.tally.lines).toBe(items.length);
    const st = JSON.parse(readFileSync(join(dir, 'a', 'statement.json'), 'utf8')) as { counts: { billed: number }; line_items: { model: string }[] };
    expect(st.counts.billed).toBe(out.tally.records);
    expect(new Set(st.line_items.map((l) => l.model))).toEqual(new Set(['gpt-4', 'gpt-5', 'claude-sonnet-4-5']));
  });

  it('reads gzip and one pretty-printed document (--format otlp-genai) to the same statement (TMS-A-015)', async () => {
    const gz = await cli(['audit', '--records', join(dir, 'spans.jsonl.gz'), ...P, '--out', join(dir, 'gz')]);
    expect(gz.code, gz.err).toBe(0);
    const doc = await cli(['audit', '--records', join(dir, 'spans.json'), '--format', 'otlp-genai', ...P, '--out', join(dir, 'doc')]);
    expect(doc.code, doc.err).toBe(0);
    const want = readFileSync(join(dir, 'a', 'statement.json'));
    expect(readFileSync(join(dir, 'gz', 'statement.json')).equals(want)).toBe(true);
    expect(readFileSync(join(dir, 'doc', 'statement.json')).equals(want)).toBe(true);
  });

  it('reports an invalid span with its pointer and goes on (TMS-A-015)', async () => {
    const bad = tests.find((t) => t.comment.startsWith('cache reads above'))!;
    writeFileSync(join(dir, 'bad.jsonl'), `${JSON.stringify(pick[0].export)}\n${JSON.stringify(bad.export)}\nnot json\n`);
    const r = await cli(['audit', '--records', join(dir, 'bad.jsonl'), ...P, '--out', join(dir, 'bad')]);
    expect(r.code).toBe(1);
    const found = jsonl<{ kind: string; location: { line: number; pointer?: string } }>(join(dir, 'bad', 'discrepancies.jsonl')).filter(
      (d) => d.kind === 'invalid-line',
    );
    expect(found.map((d) => [d.location.line, d.location.pointer])).toEqual([
      [2, '/resourceSpans/0/scopeSpans/0/spans/0/attributes/7/value'],
      [3, ''],
    ]);
  });

  it('detects an export behind blank lines and a byte-order mark alike with and without workers (TMS-A-010, TMS-A-015)', async () => {
    // Worker runs decide from the file's head whether it can be cut into ranges; they must judge
    // the first non-blank line as the stream reader does, or one file is read two ways.
    const odd = join(dir, 'odd.jsonl');
    writeFileSync(odd, `\n  \r\n\uFEFF${readFileSync(join(dir, 'spans.jsonl'), 'utf8')}`);
    const one = await cli(['audit', '--records', odd, ...P, '--out', join(dir, 'odd-1')]);
    const two = await cli(['audit', '--records', odd, ...P, '--workers', '2', '--out', join(dir, 'odd-2')]);
    expect(one.code, one.err).toBe(0);
    expect(two.code, two.err).toBe(0);
    expect(one.out).toContain('spans');
    for (const f of FILES) expect(readFileSync(join(dir, 'odd-2', f)).equals(readFileSync(join(dir, 'odd-1', f))), f).toBe(true);
  });

  it('gives the same bytes with 2 workers and with 2 shards merged (TMS-A-009, TMS-A-010)', async () => {
    const w = await cli(['audit', '--records', join(dir, 'spans.jsonl'), ...P, '--workers', '2', '--out', join(dir, 'w2')]);
    expect(w.code, w.err).toBe(0);
    for (const k of [0, 1])
      expect((await cli(['audit', '--records', join(dir, 'spans.jsonl'), ...P, '--shard', `${k}/2`, '--out', join(dir, `s${k}`)])).code).toBe(0);
    const m = await cli(['audit', 'merge', join(dir, 's0'), join(dir, 's1'), '--out', join(dir, 'm')]);
    expect(m.code, m.err).toBe(0);
    for (const f of FILES) {
      expect(readFileSync(join(dir, 'w2', f)).equals(readFileSync(join(dir, 'a', f))), `workers: ${f}`).toBe(true);
      expect(readFileSync(join(dir, 'm', f)).equals(readFileSync(join(dir, 'a', f))), `shards: ${f}`).toBe(true);
    }
  });
});
