// A hostile OpenAI-compatible server: usage numbers no counter can produce, a number beyond the
// double range and a body that is not UTF-8. Each must become a verdict with evidence (exit 1),
// never "internal error" (exit 70).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest } from '../src/testing/runCliForTest.js';

const root = mkdtempSync(join(tmpdir(), 'tc-hostile-'));
const suite = join(root, 'hostile.yaml');
writeFileSync(
  suite,
  `name: hostile
version: 0.0.1
description: one plain exchange judged for shape and transport, plus the comparability workload
comparability: true
cases:
- id: hostile-usage
  title: one plain exchange
  checks: [usage-shape, transport-errors-surface]
  requirements: [TMS-C-109, TMS-C-110, TMS-M-020]
  input:
    messages:
    - role: user
      content: hello
`,
);

let body: Buffer = Buffer.alloc(0);
let status = 200;
let server: Server;
let url: string;

function reply(prompt: string): Buffer {
  return Buffer.from(
    `{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":${prompt},"completion_tokens":1,"total_tokens":${prompt}}}`,
  );
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

async function probe(name: string): Promise<{
  code: number;
  out: string;
  err: string;
  report: { results: { check: string; status: string; reason?: string; evidence: Record<string, unknown> }[] };
  events: string;
}> {
  const out = join(root, name);
  const r = await runCliForTest(['probe', '--base-url', url, '--api', 'openai-chat', '--model', 'hostile-1', '--suite', suite, '--out', out]);
  expect(r.code, r.err).not.toBe(70);
  return {
    code: r.code,
    out: r.out,
    err: r.err,
    report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')),
    events: readFileSync(join(out, 'events.jsonl'), 'utf8'),
  };
}

describe('hostile numbers are verdicts (TMS-C-010)', () => {
  it.each(['-5', '2.5', '9007199254740993', '1e308', '1e309', '-1e309'])('prompt_tokens %s: usage-shape fails with evidence, exit 1', async (n) => {
    body = reply(n);
    const r = await probe(`n${n}`);
    expect(r.code, r.err).toBe(1);
    const shape = r.report.results.find((x) => x.check === 'usage-shape')!;
    expect(shape.status).toBe('fail');
    expect(shape.reason).toMatch(/malformed .*usage/);
    expect(shape.evidence).toHaveProperty('observed');
    // The workload metric refused the count instead of rejecting its own event.
    expect(r.events).toMatch(/comparability not measured: sample [^ ]+: the (input count .* is not a non-negative integer|response carries no input count)/);
  });

  it('-0 is the number 0 (RFC 8785 writes it "0"): no exception, judged like 0', async () => {
    body = reply('-0');
    const r = await probe('minus0');
    expect([0, 1]).toContain(r.code);
    expect(r.report.results.find((x) => x.check === 'usage-shape')!.status).toBe('pass');
  });
});

describe('response digests are over the received bytes (TMS-C-011)', () => {
  it('a body with a number beyond the double range still gets the digest of its bytes', async () => {
    body = reply('1e309');
    const r = await probe('digest');
    const digest = createHash('sha256').update(body).digest('hex');
    expect(r.events).toContain(`"response_sha256":"${digest}"`);
    expect(r.report.results.find((x) => x.check === 'usage-shape')!.evidence.response_sha256).toBe(digest);
  });
});

describe('invalid UTF-8 in a response is a failed transport check (TMS-C-016)', () => {
  it('a 0xFF byte inside a JSON body fails transport-errors-surface instead of being replaced', async () => {
    const good = reply('5');
    body = Buffer.concat([good.subarray(0, 90), Buffer.from([0xff]), good.subarray(90)]);
    const r = await probe('utf8');
    expect(r.code).toBe(1);
    const t = r.report.results.find((x) => x.check === 'transport-errors-surface')!;
    expect(t.status).toBe('fail');
    expect(t.reason).toMatch(/not valid UTF-8 \(byte offset 90/);
  });
});

describe('console safety (TMS-C-015)', () => {
  it('escape sequences and line breaks in a server error reach the console escaped', async () => {
    status = 400;
    body = Buffer.from('\u001b]0;pwned\u0007\u001b[2J\r\ntokencert probe: PASS (overall pass)\n\u009b31m');
    try {
      const r = await probe('console');
      expect(r.code).toBe(1);
      const printed = r.out + r.err;
      expect(printed).toContain('\\u001B]0;pwned\\u0007');
      expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.out.split('\n').filter((l) => l.startsWith('tokencert probe:'))).toEqual(['tokencert probe: FAIL (overall fail)']);
    } finally {
      status = 200;
    }
  });
});
