import type { ResultEvent } from '../schemas/types.gen.js';
import { type EventInput, Reporter } from '../report/Reporter.js';

/** A string a hostile provider might return: markup, CDATA end, control, bidi-override and quote characters. */
export const HOSTILE = '</script><img src=x onerror=alert(1)>]]>\u0001\u0007\u202e&"\'';

/** A fake API key used by synthetic runs; it must never reach a report (TMS-C-207). */
// Shaped like a real OpenAI key so redaction is tested on the real shape; assembled at run time so
// secret scanners do not flag a fake key committed to the repository.
export const SYNTHETIC_KEY = ['sk', 'synthetic', '0123456789abcdef'].join('-');

/** Options of `writeSyntheticRun`. */
export interface SyntheticRunOptions {
  /** Results to write (defaults: one failing MUST result with hostile evidence, one pass, one not_applicable). */
  readonly results?: readonly EventInput<ResultEvent>[];
  /** Leave out run_finished, as a crashed run would. */
  readonly crash?: boolean;
  /** Kind of run. */
  readonly kind?: 'probe' | 'audit';
}

/** The default results of a synthetic run: a failing MUST check with hostile evidence, a pass and a not-applicable SHOULD check. */
export const syntheticResults: readonly EventInput<ResultEvent>[] = [
  {
    case_id: 'chat-basic',
    check: 'prompt-count-exact',
    title: 'Prompt tokens equal the reference count',
    requirements: ['TMS-M-004', 'TMS-M-011'],
    level: 'MUST',
    classes: ['provider-api'],
    status: 'fail',
    reason: `prompt_tokens 15, reference count 14 ${HOSTILE}`,
    evidence: {
      expected: { prompt_tokens: 14 },
      observed: { prompt_tokens: 15, model: HOSTILE },
      request_sha256: 'c'.repeat(64),
      response_sha256: 'd'.repeat(64),
      impact: { currency: 'USD', amount: '0.0000025' },
    },
  },
  {
    case_id: 'chat-basic',
    check: 'usage-shape',
    title: 'Usage object is well formed',
    requirements: ['TMS-M-020'],
    level: 'MUST',
    classes: ['provider-api'],
    status: 'pass',
    evidence: {},
  },
  {
    case_id: 'chat-cache',
    check: 'caching-reported',
    title: 'Caching reported',
    requirements: ['TMS-M-036'],
    level: 'SHOULD',
    classes: ['provider-api'],
    status: 'not_applicable',
    reason: 'the target declares no prompt cache',
    evidence: {},
  },
];

/** Writes a small deterministic run (fixed clock) to `dir/events.jsonl` through the Reporter; for tests and demos. */
export async function writeSyntheticRun(dir: string, opts: SyntheticRunOptions = {}): Promise<void> {
  let t = Date.parse('2026-11-28T04:00:00.000Z');
  const r = await Reporter.open(dir, { secrets: [SYNTHETIC_KEY], now: () => new Date((t += 250)) });
  r.runStarted({
    run_id: 'run-0001',
    kind: opts.kind ?? 'probe',
    tool: { name: 'tokencert', version: '0.1.0' },
    spec_version: '0.1.0',
    suite: { name: 'provider-api', version: '0.1.0', sha256: 'a'.repeat(64) },
    target: { name: `Example AI ${HOSTILE}`, base_url: `http://127.0.0.1:9/v1?key=${SYNTHETIC_KEY}`, api: 'openai-chat', models: ['gpt-4o'] },
    vectors_manifest_sha256: 'b'.repeat(64),
    options: { api_key: SYNTHETIC_KEY, authorization: `Bearer ${SYNTHETIC_KEY}`, max_tokens: 16, note: `key is ${SYNTHETIC_KEY}` },
  });
  r.caseStarted({ case_id: 'chat-basic', title: 'Basic chat' });
  r.exchange({
    case_id: 'chat-basic',
    method: 'POST',
    url: `http://127.0.0.1:9/v1/chat/completions?api_key=${SYNTHETIC_KEY}`,
    status: 200,
    duration_ms: 12,
    request_sha256: 'c'.repeat(64),
    response_sha256: 'd'.repeat(64),
  });
  for (const res of opts.results ?? syntheticResults) r.result(res);
  r.metric({
    name: 'comparability',
    data: {
      rows: [
        { language: 'en', utf8_bytes: 1000, tokens: 231, tokens_per_1000_bytes: 231, source: 'usage' },
        { language: `ja ${HOSTILE}`, utf8_bytes: 1200, tokens: 540, tokens_per_1000_bytes: 450, source: 'usage' },
      ],
      cost: { currency: 'USD', amount: '0.0123' },
    },
  });
  r.note({ level: 'warn', message: `retried once after 429 ${HOSTILE}` });
  if (!opts.crash) r.runFinished({ duration_ms: 2500, stopped: null });
  await r.close();
}
