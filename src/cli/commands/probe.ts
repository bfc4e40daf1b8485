import { resolve } from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { fromRoot } from '../../paths.js';
import { planDryRun } from '../../probe/dryRun.js';
import { loadSuite } from '../../probe/loadSuite.js';
import { loadTarget, parseHeaderFlags, quickTarget } from '../../probe/loadTarget.js';
import { parseTokenizerFlag } from '../../probe/resolveTokenizer.js';
import { summarizeRun } from '../../probe/summarizeRun.js';
import { runProbe } from '../../probe/runProbe.js';
import { progressLine } from '../progressLine.js';
import type { Target } from '../../probe/types.js';
import { defineCommand } from '../command.js';
import { optionalInt, type FlagValues } from '../flags.js';

const probeOptions = {
  target: { type: 'string' },
  'base-url': { type: 'string' },
  api: { type: 'string' },
  model: { type: 'string' },
  tokenizer: { type: 'string' },
  header: { type: 'string', multiple: true },
  'api-key-env': { type: 'string' },
  suite: { type: 'string' },
  out: { type: 'string' },
  concurrency: { type: 'string' },
  'max-requests': { type: 'string' },
  'max-cost': { type: 'string' },
  'price-sheet': { type: 'string' },
  deadline: { type: 'string' },
  'request-timeout': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'keep-transcripts': { type: 'boolean' },
  'sign-key': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

type ProbeValues = FlagValues<typeof probeOptions>;
type ProbeLimits = ReturnType<typeof probeLimits>;

/** The run's limits: cases in flight, request and cost caps, the deadline and the per-request timeout (seconds). */
function probeLimits(v: ProbeValues) {
  const concurrency = optionalInt('probe', 'concurrency', v.concurrency, 'positive') ?? 4;
  const maxRequests = optionalInt('probe', 'max-requests', v['max-requests'], 'positive');
  const maxCost = v['max-cost'];
  if (maxCost !== undefined && !/^[0-9]+(\.[0-9]+)?$/.test(maxCost)) throw new UsageError(`probe: --max-cost must be a non-negative decimal, got "${maxCost}"`);
  const deadline = optionalInt('probe', 'deadline', v.deadline, 'positive') ?? 300;
  const requestTimeout = optionalInt('probe', 'request-timeout', v['request-timeout'], 'positive') ?? 30;
  return { concurrency, maxRequests, maxCost, deadline, requestTimeout };
}

/** The target to probe: a profile (--target), a quick target (--base-url --api --model), or the built-in reference provider. */
async function chooseTarget(v: ProbeValues): Promise<{ target: Target; reference: boolean }> {
  const keyEnv = v['api-key-env'];
  if (keyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv))
    throw new UsageError('probe: --api-key-env takes the NAME of an environment variable, not a key');
  const baseUrl = v['base-url'];
  let target: Target;
  let reference = false;
  if ((v.tokenizer !== undefined || v.header !== undefined) && (v.target !== undefined || baseUrl === undefined))
    throw new UsageError('probe: --tokenizer and --header are for quick targets (--base-url --api --model); a profile declares tokenizer: and headers:');
  if (v.target !== undefined) {
    target = await loadTarget(v.target);
    if (baseUrl) target = { ...target, baseUrl: baseUrl.replace(/\/+$/, '') };
    if (keyEnv) target = { ...target, apiKeyEnv: keyEnv };
  } else if (baseUrl !== undefined) {
    if (!v.api || !v.model) throw new UsageError('probe: --base-url without --target needs --api and --model');
    const headers = parseHeaderFlags(v.header ?? []);
    const tokenizer = parseTokenizerFlag(v.tokenizer ?? 'auto');
    target = quickTarget({ baseUrl, api: v.api, model: v.model, apiKeyEnv: keyEnv, tokenizer, headers });
  } else {
    if (v.api || v.model) throw new UsageError('probe: --api and --model need --base-url (or use --target)');
    target = await loadTarget(fromRoot('targets', 'reference.yaml'));
    if (keyEnv) target = { ...target, apiKeyEnv: keyEnv };
    reference = true;
  }
  if (v['price-sheet'] !== undefined) target = { ...target, priceSheet: resolve(v['price-sheet']) };
  return { target, reference };
}

/** The options the report records (the run's own, never a credential). */
function recordedOptions(suite: string, l: ProbeLimits, keepTranscripts: boolean, reference: boolean): Record<string, unknown> {
  return {
    suite,
    concurrency: l.concurrency,
    deadline_s: l.deadline,
    request_timeout_s: l.requestTimeout,
    ...(l.maxRequests ? { max_requests: l.maxRequests } : {}),
    ...(l.maxCost ? { max_cost: l.maxCost } : {}),
    keep_transcripts: keepTranscripts,
    reference_provider: reference,
  };
}

/** `tokencert probe`: tests a provider API (by default the built-in reference provider) and writes a conformance report. */
export const probe = defineCommand({
  name: 'probe',
  summary: 'Probe a provider API (default: the reference provider) and write a conformance report',
  usage: `Usage: tokencert probe [--target FILE] [--base-url URL --api STYLE --model M [--tokenizer T] [--header 'K: V']... [--api-key-env VAR]]
                       [--suite NAME] [--out DIR] [--concurrency N] [--max-requests N] [--max-cost AMOUNT]
                       [--price-sheet FILE] [--deadline SECONDS] [--request-timeout SECONDS]
                       [--dry-run] [--keep-transcripts] [--sign-key K] [--json] [--quiet]

Runs a suite of checks against a provider's HTTP API and writes DIR/events.jsonl, report.json,
report.html, junit.xml and summary.md. With no target, starts the reference provider on a free
loopback port and probes it with targets/reference.yaml.
  --target FILE        target profile (schemas/target.json); see targets/examples/
  --base-url URL       API base URL (overrides the profile's; with --api and --model, a quick target)
  --api STYLE          openai-chat, anthropic or gemini (quick target)
  --model M            model id (quick target)
  --tokenizer T        quick target's tokenizer: auto (default: tiktoken's model map decides, the report
                       says what was assumed), opaque, or ENCODING[:PROFILE] (e.g. o200k_base:openai-cookbook-2024)
  --header 'K: V'      extra request header of a quick target, repeatable (not a credential)
  --api-key-env VAR    environment variable holding the API key (never pass a key itself); without it no key is sent
  --suite NAME         suites/NAME.yaml or a path (default: default)
  --out DIR            run directory (default: reports/latest), replaced as a whole when the run ends;
                       must be new, empty or an earlier tokencert output (else exit 2)
  --concurrency N      cases in flight at once (default 4)
  --max-requests N     stop cleanly after N HTTP requests (retries count)
  --max-cost AMOUNT    stop cleanly once priced usage reaches AMOUNT (price sheet currency); needs a price
                       sheet, and stops the run when a response's cost cannot be computed
  --price-sheet FILE   price sheet for --max-cost and the workload cost (overrides the profile's)
  --deadline SECONDS   cut the run short after SECONDS, reporting what was not run (default 300)
  --request-timeout SECONDS  time allowed for each HTTP attempt (default 30); a target that has answered
                       nothing and lets one time out stops the run
  --dry-run            print the requests and an estimated token and cost budget; send nothing
  --keep-transcripts   keep redacted request/response bodies under DIR/transcripts/ (for report recheck)
  --sign-key K         Ed25519 private key (PEM text or file) to sign report.json
  --json               print the summary as JSON
  --quiet              no progress line on a terminal
Exit 0 when every MUST check passed, 1 when one failed or errored or the run stopped early, 2 for a usage or input error
(an unreachable base URL included: nothing is sent).
`,
  options: probeOptions,
  async run({ values: v }, io) {
    const limits = probeLimits(v);
    let { target, reference } = await chooseTarget(v);
    if (limits.maxCost !== undefined && !target.priceSheet)
      throw new UsageError(`probe: --max-cost needs a price sheet; target ${target.name} names none (give --price-sheet FILE)`);
    let apiKey: string | undefined;
    if (target.apiKeyEnv) {
      apiKey = io.env[target.apiKeyEnv];
      if (!apiKey && !v['dry-run']) throw new UsageError(`probe: environment variable ${target.apiKeyEnv} (named by api_key_env) is not set`);
    }
    const suite = await loadSuite(v.suite ?? 'default');
    if (v['dry-run']) {
      const plan = await planDryRun(reference ? { ...target, baseUrl: target.baseUrl || 'http://127.0.0.1:<port>' } : target, suite);
      io.out(v.json ? `${JSON.stringify(plan.data, null, 2)}\n` : plan.text);
      return 0;
    }
    if (!target.baseUrl && !reference) throw new UsageError(`probe: target ${target.name} has no base_url; give --base-url`);
    let provider: { url: string; close(): Promise<void> } | undefined;
    const progress = progressLine(io, v.quiet === true);
    try {
      if (reference) {
        // The CLI, not the probe, starts the reference provider (architecture: probe never imports it).
        const { startReferenceProvider } = await import('../../reference-provider/startReferenceProvider.js');
        provider = await startReferenceProvider({ port: 0, ...(apiKey ? { apiKey } : {}) });
        target = { ...target, baseUrl: provider.url };
      }
      const { concurrency, maxRequests, maxCost, deadline, requestTimeout } = limits;
      const run = await runProbe({
        target,
        suite,
        apiKey,
        outDir: v.out ?? fromRoot('reports', 'latest'),
        concurrency,
        maxRequests,
        maxCost,
        deadlineMs: deadline * 1000,
        http: { timeoutMs: requestTimeout * 1000 },
        keepTranscripts: Boolean(v['keep-transcripts']),
        onProgress: (p) => progress.update(`probe: ${p.casesDone}/${p.cases} cases, ${p.requests} requests`),
        ...(v['sign-key'] !== undefined ? { signKey: v['sign-key'] } : {}),
        recordedOptions: recordedOptions(suite.name, limits, Boolean(v['keep-transcripts']), reference),
      });
      progress.done();
      const s = summarizeRun(run);
      io.out(v.json ? `${JSON.stringify(s.data, null, 2)}\n` : s.text);
      return s.data.passed ? 0 : 1;
    } finally {
      progress.done();
      await provider?.close();
    }
  },
});
