// Secrets never reach an output (TMS-C-107): a probe run with a canary API key, transcripts kept,
// is searched byte-wise for the key and its base64 forms, including a run against a server that
// echoes the key back in its responses. Also: verdicts are recomputed from transcripts (TMS-C-108)
// and a request budget stops a run cleanly and says so (TMS-C-105).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest } from '../src/testing/runCliForTest.js';

const root = mkdtempSync(join(tmpdir(), 'tc-redact-'));
const canary = `sk-canary-${randomBytes(12).toString('hex')}`;
const forms = [
  canary,
  Buffer.from(canary).toString('base64').replace(/=+$/, ''),
  Buffer.from(canary).toString('base64url'),
  Buffer.from(`:${canary}`).toString('base64').replace(/=+$/, ''),
];

function files(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

function leaks(dir: string, extra: string[]): string[] {
  const found: string[] = [];
  for (const f of files(dir)) {
    const bytes = readFileSync(f);
    for (const form of forms) if (bytes.includes(Buffer.from(form))) found.push(`${f}: ${form === canary ? 'key' : 'base64 form'}`);
  }
  extra.forEach((t, i) => forms.forEach((form) => t.includes(form) && found.push(`console ${i}`)));
  return found;
}

let echo: Server;
let echoUrl: string;
const referenceDir = join(root, 'reference');
let referenceRun: { code: number; out: string; err: string };

beforeAll(async () => {
  // A hostile OpenAI-compatible server that puts the credential it receives into everything it returns.
  echo = createServer((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    const key = auth.replace(/^Bearer /, '');
    const b64 = Buffer.from(key).toString('base64');
    if (req.url?.startsWith('/v1/responses')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no such route for ${key}` } }));
      return;
    }
    const usage = { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 };
    res.writeHead(200, { 'content-type': 'application/json', 'x-echo': key }).end(
      JSON.stringify({
        id: key,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: `you sent ${auth} (${b64})` }, finish_reason: 'stop' }],
        usage,
        api_key: key,
      }),
    );
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  referenceRun = await runCliForTest(['probe', '--api-key-env', 'TK_CANARY', '--keep-transcripts', '--out', referenceDir], { TK_CANARY: canary });
}, 180_000);

afterAll(async () => {
  await new Promise((r) => echo.close(r));
  rmSync(root, { recursive: true, force: true });
});

describe('redaction (TMS-C-107)', () => {
  it('a probe of the reference provider with a canary key writes the key nowhere', () => {
    expect(referenceRun.err).toBe('');
    expect(referenceRun.code).toBe(0);
    expect(files(referenceDir).some((f) => f.includes('transcripts'))).toBe(true);
    expect(leaks(referenceDir, [referenceRun.out, referenceRun.err])).toEqual([]);
  });

  it('a server echoing the key in bodies, ids and usage cannot make the probe write it', async () => {
    const dir = join(root, 'echo');
    const r = await runCliForTest(
      ['probe', '--base-url', echoUrl, '--api', 'openai-chat', '--model', 'echo-1', '--api-key-env', 'TK_CANARY', '--keep-transcripts', '--out', dir],
      { TK_CANARY: canary },
    );
    expect(r.code, r.err).toBeLessThanOrEqual(1);
    const transcripts = files(dir).filter((f) => f.includes('transcripts'));
    expect(transcripts.length).toBeGreaterThan(0);
    // The echoed text is there (the probe kept the body) but with the key replaced.
    expect(readFileSync(transcripts[0], 'utf8')).toContain('[redacted]');
    expect(leaks(dir, [r.out, r.err])).toEqual([]);
  }, 60_000);

  it('refuses a key given in place of a variable name', async () => {
    const r = await runCliForTest(['probe', '--api-key-env', canary, '--dry-run'], {});
    expect(r.code).toBe(2);
    expect(r.err).not.toContain(canary.slice(10));
  });
});

/**
 * A server that answers every request with an error body putting the canary key across the probe's
 * excerpt cut (one more position per request), and echoing it base64-encoded at all three byte
 * alignments in both alphabets, percent-encoded and hex-encoded (TMS-C-009).
 */
function sweepServer(): Server {
  let n = 0;
  return createServer((req, res) => {
    const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    const at = 200 - key.length + 1 + (n++ % (key.length - 1));
    const parts = [' '.repeat(at) + key];
    for (const fill of ['', 'B', 'Be']) {
      const b64 = Buffer.from(fill + key).toString('base64');
      parts.push(b64, b64.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    const hex = Buffer.from(key).toString('hex');
    parts.push(hex, hex.toUpperCase(), hex.replace(/../g, '%$&'), encodeURIComponent(key), `{"key":"${key}"}`);
    res.writeHead(400, { 'content-type': 'text/plain' }).end(parts.join(' '));
  });
}

/** Pieces of the key that must not appear anywhere: 12 characters of it and of each encoding, computed independently of the redactor. */
function sweepPieces(key: string): string[] {
  const pieces = [key.slice(0, 12), key.slice(-12)];
  for (const fill of ['', 'B', 'Be']) {
    const b64 = Buffer.from(fill + key).toString('base64');
    pieces.push(b64.slice(4, 16), b64.slice(4, 16).replace(/\+/g, '-').replace(/\//g, '_'));
  }
  const hex = Buffer.from(key).toString('hex');
  pieces.push(hex.slice(0, 12), hex.slice(0, 12).toUpperCase(), hex.slice(0, 8).replace(/../g, '%$&'));
  return pieces;
}

describe('redaction cannot be outrun (TMS-C-009)', () => {
  it('a key across the excerpt cut at every position, and in every encoding, reaches no output byte', async () => {
    const server = sweepServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // Runs until the server has put the key across the cut at every position (one position per request).
      let exchanges = 0;
      const found: string[] = [];
      for (let run = 0; exchanges < canary.length - 1 && run < 6; run++) {
        const dir = join(root, `sweep-${run}`);
        const r = await runCliForTest(
          ['probe', '--base-url', url, '--api', 'openai-chat', '--model', 'sweep-1', '--api-key-env', 'TK_CANARY', '--keep-transcripts', '--out', dir],
          { TK_CANARY: canary },
        );
        expect(r.code, r.err).toBe(1);
        const outputs = files(dir);
        expect(outputs.map((f) => f.slice(dir.length + 1))).toEqual(
          expect.arrayContaining(['events.jsonl', 'report.html', 'report.json', 'junit.xml', 'summary.md']),
        );
        exchanges += readFileSync(join(dir, 'events.jsonl'), 'utf8')
          .split('\n')
          .filter((l) => l.includes('"type":"exchange"')).length;
        for (const f of outputs) {
          const bytes = readFileSync(f);
          for (const p of sweepPieces(canary)) if (bytes.includes(Buffer.from(p))) found.push(`${f}: ${p}`);
        }
        for (const p of sweepPieces(canary)) if (r.out.includes(p) || r.err.includes(p)) found.push(`console: ${p}`);
        expect(readFileSync(join(dir, 'report.json'), 'utf8')).toContain('HTTP 400');
      }
      expect(exchanges).toBeGreaterThanOrEqual(canary.length - 1);
      expect(found).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 120_000);
});

describe('report recheck (TMS-C-108)', () => {
  it('recomputes every verdict from transcripts, and notices a tampered transcript', async () => {
    const ok = await runCliForTest(['report', 'recheck', referenceDir, '--json']);
    expect(ok.code).toBe(0);
    const res = JSON.parse(ok.out) as { rechecked: number; same: number; differences: unknown[] };
    expect(res.rechecked).toBeGreaterThan(100);
    expect(res.same).toBe(res.rechecked);
    const file = join(referenceDir, 'transcripts', 'chat-cookbook_gpt-4o.json');
    const t = JSON.parse(readFileSync(file, 'utf8')) as { exchanges: { kind: string; response: { body: string } }[] };
    const plain = t.exchanges.find((x) => x.kind === 'plain')!;
    const body = JSON.parse(plain.response.body) as { usage: { prompt_tokens: number; total_tokens: number } };
    body.usage.prompt_tokens += 1;
    plain.response.body = JSON.stringify(body);
    writeFileSync(file, JSON.stringify(t));
    const bad = await runCliForTest(['report', 'recheck', referenceDir]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/DIFFERS chat-cookbook\/gpt-4o prompt-count-exact: recorded pass, recomputed fail/);
    expect(bad.out).toMatch(/DIFFERS chat-cookbook\/gpt-4o totals-are-sums/);
  });
});

describe('budget (TMS-C-105)', () => {
  it('stops after --max-requests, finishes the report and says why; exit 1', async () => {
    const dir = join(root, 'budget');
    const r = await runCliForTest(['probe', '--max-requests', '7', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('stopped early');
    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; stopped?: { reason: string } });
    expect(events.at(-1)).toMatchObject({ type: 'run_finished', stopped: { reason: 'budget-exhausted' } });
    expect(events.filter((e) => e.type === 'exchange').length).toBeLessThanOrEqual(7);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toHaveProperty('verdict');
  }, 60_000);
});
