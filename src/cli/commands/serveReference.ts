import { UsageError } from '../../errors/errors.js';
import { describeReferenceProvider } from '../../reference-provider/describeReferenceProvider.js';
import { faultNames, faults } from '../../reference-provider/faults.js';
import { startReferenceProvider } from '../../reference-provider/startReferenceProvider.js';
import { defineCommand } from '../command.js';
import { isOneOf, optionalInt } from '../flags.js';
import { untilInterrupted } from '../untilInterrupted.js';
import type { ServeReferenceInfo } from '../../schemas/types.gen.js';

/** `tokencert serve-reference`: runs the reference provider on loopback until SIGINT or SIGTERM. */
export const serveReference = defineCommand({
  name: 'serve-reference',
  summary: 'Run the reference provider (OpenAI, Anthropic and Gemini wire formats) on loopback',
  usage: `Usage: tokencert serve-reference [--port P] [--api-key K | --api-key-env NAME] [--fault NAME]... [--seed N] [--json]
       tokencert serve-reference --list-faults [--json]

Serves OpenAI Chat Completions, Anthropic Messages and Gemini generateContent (JSON and streaming)
on 127.0.0.1 with honest usage computed by tokencert's reference counter, or with the named fault
modes switched on. Prints its URL, then runs until interrupted (SIGINT or SIGTERM).
  --port P            TCP port (default 0: a free port)
  --api-key K         require this key (Bearer / x-api-key / x-goog-api-key or ?key=); else 401
  --api-key-env NAME  read the required key from environment variable NAME (keeps it out of ps)
  --fault NAME        switch on a fault mode; repeat to combine (--list-faults shows them)
  --seed N            seed of the reply generator (default 0)
  --list-faults       list the fault modes with the probe checks that catch them, and exit
  --json              print JSON instead of text
`,
  options: {
    port: { type: 'string' },
    'api-key': { type: 'string' },
    'api-key-env': { type: 'string' },
    fault: { type: 'string', multiple: true },
    seed: { type: 'string' },
    'list-faults': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    if (values['list-faults']) {
      if (values.json) io.out(`${JSON.stringify(faults, null, 2)}\n`);
      else
        for (const f of faults)
          io.out(
            `${f.name}\n  catches: ${f.catches.length > 0 ? f.catches.join(', ') : '(none: the probe must still pass)'}${'apis' in f ? `\n  changes: ${f.apis.join(', ')} only` : ''}\n  ${f.description}\n`,
          );
      return 0;
    }
    const port = optionalInt('serve-reference', 'port', values.port, { min: 0, max: 65535 }) ?? 0;
    const seed = optionalInt('serve-reference', 'seed', values.seed, { min: 0, max: 2 ** 32 - 1 }) ?? 0;
    const chosen = values.fault ?? [];
    for (const f of chosen) if (!isOneOf(f, faultNames)) throw new UsageError(`serve-reference: unknown fault "${f}"; known: ${faultNames.join(', ')}`);
    let apiKey = values['api-key'];
    const keyEnv = values['api-key-env'];
    if (apiKey !== undefined && keyEnv !== undefined) throw new UsageError('serve-reference: give --api-key or --api-key-env, not both');
    if (keyEnv !== undefined) {
      apiKey = io.env[keyEnv];
      if (!apiKey) throw new UsageError(`serve-reference: environment variable ${keyEnv} is empty or not set`);
    }
    if (apiKey === '') throw new UsageError('serve-reference: --api-key must not be empty');
    const provider = await startReferenceProvider({ port, apiKey, faults: chosen, seed });
    const info = { ...describeReferenceProvider(), url: provider.url, faults: chosen, auth: apiKey !== undefined, seed };
    const summary: ServeReferenceInfo = { url: info.url, faults: info.faults, auth: info.auth, seed, models: info.models, endpoints: [...info.endpoints] };
    if (values.json) io.out(`${JSON.stringify(summary)}\n`);
    else
      io.out(
        `tokencert reference provider listening on ${provider.url} (faults: ${chosen.length > 0 ? chosen.join(', ') : 'none'}; auth: ${apiKey !== undefined ? 'required' : 'off'}; seed ${seed})\nOpenAI base URL: ${provider.url}/v1 · Anthropic base URL: ${provider.url} · Gemini base URL: ${provider.url}\nPress Ctrl-C to stop.\n`,
      );
    await untilInterrupted();
    await provider.close();
    return 0;
  },
});
