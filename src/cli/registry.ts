import type { Command } from './command.js';

/**
 * Every command, loaded lazily so `tokencert count` does not load the probe or the auditor.
 * Keys are the command words; `main.ts` matches the longest key that prefixes argv.
 */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  count: {
    summary: 'Count tokens of a text (exact tiktoken ids) or the prompt tokens of a chat request',
    load: async () => (await import('./commands/count.js')).count,
  },
  spec: { summary: 'List the requirements of the spec, or show one', load: async () => (await import('./commands/spec.js')).spec },
  validate: { summary: 'Validate JSON or JSON-lines records against a schema', load: async () => (await import('./commands/validate.js')).validate },
  settle: { summary: 'Settle measurement records into a canonical statement for a period', load: async () => (await import('./commands/settle.js')).settle },
  verify: { summary: 'Verify a statement by recomputation, or an inclusion proof', load: async () => (await import('./commands/verify.js')).verify },
  prove: { summary: 'Print the Merkle inclusion proof of one record in a statement', load: async () => (await import('./commands/prove.js')).prove },
  'vectors verify': {
    summary: 'Check the vector manifest and run every golden vector',
    load: async () => (await import('./commands/vectorsVerify.js')).vectorsVerify,
  },
  'report render': {
    summary: 'Rebuild report.json, report.html, junit.xml and summary.md from a run’s events.jsonl',
    load: async () => (await import('./commands/reportRender.js')).reportRender,
  },
  'certify-gateway': {
    summary: 'Certify a gateway: what it reports against what the provider behind it billed, per upstream',
    load: async () => (await import('./commands/certifyGateway.js')).certifyGateway,
  },
  'serve-gateway': {
    summary: 'Run the reference gateway: OpenAI Chat Completions translated to an OpenAI, Anthropic or Gemini upstream',
    load: async () => (await import('./commands/serveGateway.js')).serveGateway,
  },
  'serve-reference': {
    summary: 'Run the reference provider (OpenAI, Anthropic and Gemini wire formats) on loopback',
    load: async () => (await import('./commands/serveReference.js')).serveReference,
  },
  price: {
    summary: 'Price one usage with a price sheet: exact amount per cell, entry used, total',
    load: async () => (await import('./commands/price.js')).price,
  },
  audit: { summary: 'Audit usage logs against a price sheet and a billed statement', load: async () => (await import('./commands/audit.js')).audit },
  'audit merge': {
    summary: 'Merge partial audits of every shard into the result of a single run',
    load: async () => (await import('./commands/auditMerge.js')).auditMerge,
  },
  'generate records': {
    summary: 'Generate a synthetic usage log with planted discrepancies and its billed statement',
    load: async () => (await import('./commands/generateRecords.js')).generateRecords,
  },
  'records from-native': {
    summary: 'Derive the measurement records an audit derives from provider-native usage lines',
    load: async () => (await import('./commands/recordsFromNative.js')).recordsFromNative,
  },
  probe: {
    summary: 'Probe a provider API (default: the reference provider) and write a conformance report',
    load: async () => (await import('./commands/probe.js')).probe,
  },
  'report recheck': {
    summary: 'Recompute every verdict of a probe run offline from its kept transcripts',
    load: async () => (await import('./commands/reportRecheck.js')).reportRecheck,
  },
  'harness run': {
    summary: 'Run implementations (adapters or commands) through the harness protocol against the vectors',
    load: async () => (await import('./commands/harnessRun.js')).harnessRun,
  },
  'harness compare': {
    summary: 'Write the scoreboard (HTML, Markdown, JSON) of harness runs side by side',
    load: async () => (await import('./commands/harnessCompare.js')).harnessCompare,
  },
  'prices import': {
    summary: 'Convert genai-prices or LiteLLM price data into a price sheet, listing what cannot be represented',
    load: async () => (await import('./commands/pricesImport.js')).pricesImport,
  },
};
