import { UsageError } from '../../errors/errors.js';
import { writeOutputDir } from '../../io/outputDir.js';
import { fromRoot } from '../../paths.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { gatewayUpstreams, type GatewayUpstream } from '../../probe/gateway/gatewayCases.js';
import { launchFromTarget } from '../../probe/gateway/launchCommand.js';
import { loadGatewayTarget, type GatewayTarget } from '../../probe/gateway/loadGatewayTarget.js';
import { runCertify, type CertifyRun, type LaunchedGateway } from '../../probe/gateway/runCertify.js';
import { writeReport } from '../../report/writeReport.js';
import { defineCommand } from '../command.js';
import { isOneOf } from '../flags.js';

/** `tokencert certify-gateway`: what a gateway reports against what the provider behind it billed. */
export const certifyGateway = defineCommand({
  name: 'certify-gateway',
  summary: 'Certify a gateway: what it reports against what the provider behind it billed, per upstream',
  usage: `Usage: tokencert certify-gateway (--target FILE | --reference-gateway [--gateway-fault NAME]...)
                                 [--upstream API]... [--sheet FILE] [--out DIR] [--json]

For each upstream API, starts tokencert's reference provider on a free loopback port as the
upstream, starts (or addresses) the gateway in front of it, sends the gateway-translation cases in
OpenAI Chat style with an x-tokencert-correlation header, and compares what the gateway told the
client with what the upstream billed for that very request (spec part G). Writes DIR/events.jsonl,
report.json, report.html, junit.xml and summary.md with a translation-fidelity table (per upstream
and cell: billed, reported, difference, money impact).
  --target FILE          gateway target (schemas/gateway-target.json): per upstream, a base_url and
                         optionally the command that starts the gateway ({upstream_url}, {port} filled in)
  --reference-gateway    certify tokencert's own reference gateway (serve-gateway), started in-process
  --gateway-fault NAME   with --reference-gateway: switch on a gateway fault (serve-gateway --list-faults)
  --upstream API         openai-chat, anthropic-messages or gemini; repeat (default: every upstream the target lists)
  --sheet FILE           price sheet for money impact (default: the target's, else examples/sheets/list-prices.yaml)
  --out DIR              run directory (default reports/gateway); replaced only when empty or tokencert's
  --json                 print the summary as JSON
Exit 0 when every check passed, 1 when one failed or errored, 2 for a usage or input error.
`,
  options: {
    target: { type: 'string' },
    'reference-gateway': { type: 'boolean' },
    'gateway-fault': { type: 'string', multiple: true },
    upstream: { type: 'string', multiple: true },
    sheet: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values: v }, io) {
    const reference = v['reference-gateway'] === true;
    if (reference === (v.target !== undefined)) throw new UsageError('certify-gateway: give --target FILE or --reference-gateway (one of them)');
    const faults = v['gateway-fault'] ?? [];
    if (faults.length > 0 && !reference) throw new UsageError('certify-gateway: --gateway-fault applies only with --reference-gateway');
    const target: GatewayTarget | undefined = v.target !== undefined ? await loadGatewayTarget(v.target) : undefined;
    const offered = target ? Object.keys(target.upstreams).filter((u) => isOneOf(u, gatewayUpstreams)) : [...gatewayUpstreams];
    const asked: GatewayUpstream[] = [];
    for (const u of v.upstream ?? offered) {
      if (!isOneOf(u, gatewayUpstreams)) throw new UsageError(`certify-gateway: --upstream must be one of ${gatewayUpstreams.join(', ')}, got "${u}"`);
      if (!offered.includes(u)) throw new UsageError(`certify-gateway: the target has no entry for the ${u} upstream`);
      asked.push(u);
    }
    let apiKey: string | undefined;
    if (target?.api_key_env) {
      apiKey = io.env[target.api_key_env];
      if (!apiKey) throw new UsageError(`certify-gateway: environment variable ${target.api_key_env} (named by api_key_env) is not set`);
    }
    const sheet = await loadPriceSheet(v.sheet ?? target?.price_sheet ?? fromRoot('examples', 'sheets', 'list-prices.yaml'));
    // The CLI starts the upstream and the reference gateway; the probe only talks to them over HTTP.
    const { startReferenceProvider } = await import('../../reference-provider/startReferenceProvider.js');
    const launch = async (upstream: GatewayUpstream, upstreamUrl: string): Promise<LaunchedGateway> => {
      if (target) return launchFromTarget(target.upstreams[upstream]!, upstreamUrl);
      const { startReferenceGateway } = await import('../../gateway/startReferenceGateway.js');
      const gw = await startReferenceGateway({ upstream: upstreamUrl, upstreamApi: upstream, faults });
      return { baseUrl: gw.url, stop: () => gw.close() };
    };
    const gatewayName = target?.name ?? `tokencert reference gateway${faults.length ? ` (faults: ${faults.join(', ')})` : ''}`;
    const out = v.out ?? fromRoot('reports', 'gateway');
    const run: CertifyRun = await writeOutputDir(out, { kind: 'certify-gateway' }, async (dir) => {
      const r = await runCertify({
        gatewayName,
        upstreams: asked,
        startUpstream: () => startReferenceProvider(),
        launch,
        apiKey,
        sheet,
        dir,
        recordedOptions: { upstreams: asked, reference_gateway: reference, ...(faults.length ? { gateway_faults: faults } : {}) },
      });
      await writeReport(dir);
      return r;
    });
    const summary = { passed: run.passed, out, counts: run.counts, ...(run.currency ? { currency: run.currency } : {}), fidelity: run.fidelity };
    if (v.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      io.out(
        `${run.passed ? 'PASS' : 'FAIL'} ${gatewayName}: ${run.counts.pass} passed, ${run.counts.fail} failed, ${run.counts.error} errors, ${run.counts.not_applicable} not applicable\n`,
      );
      for (const r of run.fidelity.filter((x) => x.difference !== 0))
        io.out(
          `  ${r.upstream} ${r.cell}: billed ${r.billed}, reported ${r.reported} (${r.difference > 0 ? '+' : ''}${r.difference})${r.impact !== undefined ? `, impact ${r.impact} ${run.currency ?? ''}` : ''}\n`,
        );
      io.out(`report: ${out}/report.html\n`);
    }
    return run.passed ? 0 : 1;
  },
});
