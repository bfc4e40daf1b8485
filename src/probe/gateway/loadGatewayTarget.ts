import { dirname, resolve } from 'node:path';
import { InputError } from '../../errors/errors.js';
import { parseYamlLocated } from '../../io/parseYaml.js';
import { readText } from '../../io/readText.js';
import { safeParse } from '../../schemas/registry.js';
import type { GatewayLaunch, GatewayTarget } from '../../schemas/types.gen.js';

export type { GatewayLaunch, GatewayTarget };

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|cookie)$/i;

/**
 * Loads a gateway target (schemas/gateway-target.json): every problem named by file, line and
 * pointer; a credential header is refused (TMS-C-100: keys come from api_key_env only); the price
 * sheet path is resolved against the file's folder.
 */
export async function loadGatewayTarget(file: string): Promise<GatewayTarget> {
  const doc = parseYamlLocated(await readText(file), file);
  const r = safeParse('gateway-target', doc.value);
  if (!r.ok) {
    const i = r.issues[0];
    throw new InputError('input-invalid', i.message, { file, line: doc.lineOf(i.pointer), pointer: i.pointer });
  }
  const t = r.value;
  for (const [api, launch] of Object.entries(t.upstreams)) {
    for (const h of Object.keys(launch.headers ?? {})) {
      const pointer = `/upstreams/${api}/headers/${h}`;
      if (CREDENTIAL_HEADER.test(h))
        throw new InputError('input-invalid', `${h} would hold a credential; name the key's environment variable in api_key_env instead`, {
          file,
          line: doc.lineOf(pointer),
          pointer,
        });
    }
  }
  return t.price_sheet !== undefined ? { ...t, price_sheet: resolve(dirname(file), t.price_sheet) } : t;
}

/** Replaces {upstream_url} and {port} in a template value. */
export function fillTemplate(s: string, vars: { upstream_url: string; port: number }): string {
  return s.replaceAll('{upstream_url}', vars.upstream_url).replaceAll('{port}', String(vars.port));
}
