import { UsageError } from '../../errors/errors.js';
import { gatewayFaultNames, gatewayFaults, isGatewayFaultName } from '../../gateway/gatewayFaults.js';
import { startReferenceGateway } from '../../gateway/startReferenceGateway.js';
import { upstreamApis } from '../../gateway/toUpstream.js';
import { startReferenceProvider } from '../../reference-provider/startReferenceProvider.js';
import { defineCommand } from '../command.js';
import { isOneOf, optionalInt } from '../flags.js';
import { untilInterrupted } from '../untilInterrupted.js';

/** `tokencert serve-gateway`: runs the reference gateway (OpenAI Chat in front of any upstream) on loopback. */
export const serveGateway = defineCommand({
  name: 'serve-gateway',
  summary: 'Run the reference gateway: OpenAI Chat Completions translated to an OpenAI, Anthropic or Gemini upstream',
  usage: `Usage: tokencert serve-gateway --upstream-api API [--upstream URL] [--upstream-key-env NAME] [--port P] [--fault NAME]... [--json]
       tokencert serve-gateway --list-faults [--json]

A small translating proxy on 127.0.0.1: clients speak OpenAI Chat Completions (POST /v1/chat/completions,
JSON and streaming); requests go to the upstream in its own API and the upstream's usage comes back in
the OpenAI convention, honestly by default (cache reads and writes inside prompt_tokens, reasoning inside
completion_tokens), or bent by the named fault modes, each modelled on a documented gateway bug.
  --upstream-api API       openai-chat, anthropic-messages or gemini
  --upstream URL           the upstream's base URL (default: start tokencert's reference provider on a free port)
  --upstream-key-env NAME  send the key in environment variable NAME upstream (Bearer, x-api-key or x-goog-api-key)
  --port P                 TCP port (default 0: a free port)
  --fault NAME             switch on a fault mode; repeat to combine (--list-faults shows them)
  --list-faults            list the fault modes with the public reports they reproduce, and exit
  --json                   print JSON instead of text
The header x-tokencert-correlation is forwarded upstream unchanged, so each client request can be
matched to the upstream request it caused.
`,
  options: {
    'upstream-api': { type: 'string' },
    upstream: { type: 'string' },
    'upstream-key-env': { type: 'string' },
    port: { type: 'string' },
    fault: { type: 'string', multiple: true },
    'list-faults': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    if (values['list-faults']) {
      if (values.json)
        io.out(
          `${JSON.stringify(
            gatewayFaultNames.map((name) => ({ name, ...gatewayFaults[name] })),
            null,
            2,
          )}\n`,
        );
      else
        for (const n of gatewayFaultNames)
          io.out(
            `${n}\n  ${gatewayFaults[n].summary}\n  caught by: ${gatewayFaults[n].catches.join(', ')} (${gatewayFaults[n].upstreams.join(', ')} upstreams)\n  seen in: ${gatewayFaults[n].source}\n`,
          );
      return 0;
    }
    const api = values['upstream-api'];
    if (api === undefined || !isOneOf(api, upstreamApis)) throw new UsageError(`serve-gateway: --upstream-api must be one of ${upstreamApis.join(', ')}`);
    const port = optionalInt('serve-gateway', 'port', values.port, { min: 0, max: 65535 }) ?? 0;
    const chosen = values.fault ?? [];
    for (const f of chosen) if (!isGatewayFaultName(f)) throw new UsageError(`serve-gateway: unknown fault "${f}"; known: ${gatewayFaultNames.join(', ')}`);
    const keyEnv = values['upstream-key-env'];
    const upstreamKey = keyEnv === undefined ? undefined : io.env[keyEnv];
    if (keyEnv !== undefined && !upstreamKey) throw new UsageError(`serve-gateway: environment variable ${keyEnv} is empty or not set`);
    const own = values.upstream === undefined ? await startReferenceProvider() : undefined;
    const upstream = values.upstream ?? own!.url;
    const gw = await startReferenceGateway({ upstream, upstreamApi: api, upstreamKey, port, faults: chosen });
    const info = { url: gw.url, openai_base_url: `${gw.url}/v1`, upstream, upstream_api: api, reference_upstream: own !== undefined, faults: chosen };
    if (values.json) io.out(`${JSON.stringify(info)}\n`);
    else
      io.out(
        `tokencert reference gateway listening on ${gw.url} (OpenAI base URL ${gw.url}/v1) → ${api} upstream ${upstream}${own ? ' (reference provider)' : ''}; faults: ${chosen.length > 0 ? chosen.join(', ') : 'none'}\nPress Ctrl-C to stop.\n`,
      );
    await untilInterrupted();
    await gw.close();
    await own?.close();
    return 0;
  },
});
