import { dirname, resolve } from 'node:path';
import { InputError, UsageError } from '../errors/errors.js';
import { parseYamlLocated } from '../io/parseYaml.js';
import { readText } from '../io/readText.js';
import { safeParse } from '../schemas/registry.js';
import type { TargetProfile } from '../schemas/types.gen.js';
import { resolveTokenizer, type TokenizerSpec } from './resolveTokenizer.js';
import { isApiStyle, type ModelProfile, type Target } from './types.js';

// Keys that would hold a credential inline (TMS-C-100): rejected with a hint at api_key_env.
const INLINE_KEY = /^(api[_-]?key|apikey|key|token|secret|password|authorization|bearer|access[_-]?token|x-api-key|x-goog-api-key|api-key)$/i;
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|cookie)$/i;

/** True when a URL carries a credential: a password in its user info, or a `?key=`-like query parameter (TMS-C-100). */
function urlHoldsSecret(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false; // not a URL: the schema reports it
  }
  if (u.password !== '') return true;
  for (const name of u.searchParams.keys()) if (INLINE_KEY.test(name)) return true;
  return false;
}

/** Finds an inline credential anywhere in a profile: a credential-named key, or a credential header. */
function inlineSecret(v: unknown, pointer = ''): string | undefined {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = inlineSecret(v[i], `${pointer}/${i}`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (INLINE_KEY.test(k) && typeof x === 'string' && x !== '') return p;
      if (pointer === '/headers' && CREDENTIAL_HEADER.test(k)) return p;
      if (k === 'base_url' && typeof x === 'string' && urlHoldsSecret(x)) return p;
      const inner = inlineSecret(x, p);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** Resolves a raw (already validated) profile into a Target. */
export function resolveTarget(raw: TargetProfile, source: string, baseDir: string | undefined): Target {
  const models: ModelProfile[] = raw.models.map((m, i) => {
    const api = m.api ?? raw.api;
    if (!api)
      throw new InputError('input-invalid', `model ${m.id} has no api and the target names no default api`, { file: source, pointer: `/models/${i}/api` });
    const tk = resolveTokenizer(m.id, api, m.tokenizer ?? 'auto');
    return {
      id: m.id,
      api,
      tokenizer: tk.tokenizer,
      ...(tk.assumption ? { assumption: tk.assumption } : {}),
      ...(m.limit_param ? { limitParam: m.limit_param } : {}),
      capabilities: { ...(raw.capabilities ?? {}), ...(m.capabilities ?? {}) },
    };
  });
  return {
    name: raw.name,
    ...(raw.version !== undefined ? { version: raw.version } : {}),
    baseUrl: (raw.base_url ?? '').replace(/\/+$/, ''),
    ...(raw.api_key_env !== undefined ? { apiKeyEnv: raw.api_key_env } : {}),
    headers: raw.headers ?? {},
    ...(raw.price_sheet !== undefined ? { priceSheet: baseDir ? resolve(baseDir, raw.price_sheet) : raw.price_sheet } : {}),
    models,
    source,
  };
}

/**
 * Loads a target profile (YAML or JSON, schemas/target.json). An inline credential is rejected before
 * anything else, naming its place and pointing at api_key_env (TMS-C-100); other errors name file,
 * line and JSON pointer (TMS-C-001).
 */
export async function loadTarget(file: string): Promise<Target> {
  const text = await readText(file);
  const doc = parseYamlLocated(text, file);
  const secret = inlineSecret(doc.value);
  if (secret !== undefined) {
    throw new InputError(
      'input-invalid',
      'a target profile must not hold a credential inline; name the environment variable that holds it with api_key_env: NAME',
      { file, line: doc.lineOf(secret), pointer: secret },
    );
  }
  const r = safeParse('target', doc.value);
  if (!r.ok) {
    const first = r.issues[0];
    throw new InputError('input-invalid', first.message, { file, line: doc.lineOf(first.pointer), pointer: first.pointer });
  }
  return resolveTarget(r.value, file, dirname(resolve(file)));
}

/** Parses repeated `--header 'Name: value'` flags; a credential header is refused (it belongs in --api-key-env, TMS-C-100). */
export function parseHeaderFlags(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(v);
    if (!m) throw new UsageError(`probe: --header takes 'Name: value', got "${v.split(':')[0]}…"`);
    if (CREDENTIAL_HEADER.test(m[1]))
      throw new UsageError(`probe: --header ${m[1]} would carry a credential; name the environment variable holding the key with --api-key-env instead`);
    out[m[1]] = m[2];
  }
  return out;
}

/**
 * A quick target from --base-url, --api, --model, --tokenizer (default auto, TMS-C-113), --header and
 * --api-key-env (none: no credential is sent), with every capability left to discovery.
 */
export function quickTarget(o: {
  baseUrl: string;
  api: string;
  model: string;
  apiKeyEnv?: string;
  tokenizer?: TokenizerSpec;
  headers?: Record<string, string>;
}): Target {
  const api = o.api;
  if (!isApiStyle(api)) throw new UsageError(`probe: --api must be openai-chat, anthropic or gemini, not "${api}"`);
  if (!/^https?:\/\/[^@\s]+$/.test(o.baseUrl) || !URL.canParse(o.baseUrl) || urlHoldsSecret(o.baseUrl))
    throw new UsageError('probe: --base-url must be an http(s) URL without credentials (name the key with --api-key-env)');
  return resolveTarget(
    {
      name: new URL(o.baseUrl).host,
      base_url: o.baseUrl,
      api,
      ...(o.apiKeyEnv ? { api_key_env: o.apiKeyEnv } : {}),
      ...(o.headers ? { headers: o.headers } : {}),
      models: [{ id: o.model, tokenizer: o.tokenizer ?? 'auto' }],
    },
    'command line',
    undefined,
  );
}
