// Generates vectors/audit/derive.json: provider-native usage lines and the exact measurement record
// (members, cell order, digest) the auditor derives from each (TMS-A-013). The usage objects are the
// valid tests of vectors/measure/usage-<api>.json (cited there: API reference examples, captures,
// SDK types); the envelopes around them exercise each envelope rule of TMS-A-013. Every derived
// record is cross-checked against an independent reading of the spec text written below (time
// conversion, default tier left out, members present, cell set from the usage vector, cell order
// by the spec's per-API order, zero cells dropped) and its digest against SHA-256 over the
// canonicalize package's RFC 8785 bytes. Refuses to write on any disagreement.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { normaliseLine } from '../../src/audit/read/normaliseLine.js';
import { canonicalJson } from '../../src/digest/canonicalJson.js';
import { fromRoot } from '../../src/paths.js';
import type { MeasurementRecord, UsageCell } from '../../src/schemas/types.gen.js';
import { specVersion, toolVersion } from '../../src/version.js';
import { writeVectorFile } from '../../src/vectors/writeVectorFile.js';

const fail = (msg: string): never => {
  throw new Error(`scripts/vectors/audit.ts: ${msg} — refusing to write vectors`);
};
type Api = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';
type Obj = Record<string, unknown>;

// ---- the spec's cell order (TMS-A-013), restated independently of src/measure/conventions ----
const M = ['text', 'image', 'audio', 'video'];
const ORDER: Record<Api, string[]> = {
  'openai-chat': [
    'input/none/text',
    'input/read/text',
    'input/write/text',
    'input/none/audio',
    'input/none/image',
    'output/none/text/answer',
    'output/none/text/reasoning',
    'output/none/audio/answer',
  ],
  'openai-responses': ['input/none/text', 'input/read/text', 'input/write/text', 'output/none/text/answer', 'output/none/text/reasoning'],
  'anthropic-messages': [
    'input/none/text',
    'input/read/text',
    'input/write@5m/text',
    'input/write@1h/text',
    'input/write/text',
    'output/none/text/answer',
    'output/none/text/reasoning',
  ],
  gemini: [
    'input/none/text',
    ...M.slice(1).map((m) => `input/none/${m}`),
    ...M.map((m) => `input/read/${m}`),
    ...M.map((m) => `input/none/${m}/tool`),
    'output/none/text/answer',
    ...M.slice(1).map((m) => `output/none/${m}/answer`),
    'output/none/text/reasoning',
  ],
};
const REQUIRED = ['input/none/text', 'output/none/text/answer'];
const key = (c: UsageCell) => `${c.direction}/${c.cache}${c.cache_ttl ? `@${c.cache_ttl}` : ''}/${c.modality}${c.phase ? `/${c.phase}` : ''}`;

interface Case {
  comment: string;
  flags: string[];
  line: Obj;
  cells?: Record<string, number>;
  pointer?: string;
}

function envelope(api: Api, n: number, usage: unknown, extra: Obj = {}): Obj {
  const id = `${api}-${n}`;
  if (api === 'openai-chat') return { object: 'chat.completion', id, created: 1790812800 + n, model: 'gpt-4o-mini', usage, ...extra };
  if (api === 'openai-responses') return { object: 'response', id, created_at: 1790812800 + n, model: 'gpt-4o-mini', usage, ...extra };
  if (api === 'anthropic-messages')
    return { type: 'message', id, time: `2026-10-02T10:00:${String(n % 60).padStart(2, '0')}Z`, model: 'claude-sonnet-4-5', usage, ...extra };
  return {
    responseId: id,
    createTime: `2026-10-02T10:00:${String(n % 60).padStart(2, '0')}.123456Z`,
    modelVersion: 'gemini-2.5-flash',
    usageMetadata: usage,
    ...extra,
  };
}

/** The envelope fields as the spec text states them, computed without src/audit. */
function expectedEnvelope(api: Api, line: Obj): Obj {
  const unix = (v: unknown) => new Date((v as number) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  const time = api === 'openai-chat' ? unix(line.created) : api === 'openai-responses' ? unix(line.created_at) : api === 'gemini' ? line.createTime : line.time;
  let tier: unknown =
    api === 'gemini'
      ? ({ ON_DEMAND_FLEX: 'flex', ON_DEMAND_PRIORITY: 'priority' } as Obj)[line.trafficType as string]
      : api === 'anthropic-messages'
        ? (line.usage as Obj).service_tier
        : line.service_tier;
  if (tier === null || tier === 'default' || tier === 'auto' || tier === 'standard') tier = undefined;
  const provider = line.provider ?? { 'openai-chat': 'openai', 'openai-responses': 'openai', 'anthropic-messages': 'anthropic', gemini: 'google' }[api];
  const req = line.request ? createHash('sha256').update(canonicalJson(line.request)).digest('hex') : undefined;
  return {
    tms_version: specVersion,
    record_id: api === 'gemini' ? line.responseId : line.id,
    time,
    provider,
    api,
    model: api === 'gemini' ? line.modelVersion : line.model,
    ...(tier !== undefined ? { service_tier: tier } : {}),
    ...(line.account !== undefined ? { account: line.account } : {}),
    native_usage: api === 'gemini' ? line.usageMetadata : line.usage,
    ...(req ? { request_sha256: req } : {}),
  };
}

function check(api: Api, c: Case, r: MeasurementRecord): void {
  const { usage, ...rest } = r;
  const want = expectedEnvelope(api, c.line);
  if (canonicalJson(rest) !== canonicalJson(want)) fail(`${api} "${c.comment}": envelope ${canonicalJson(rest)} ≠ spec reading ${canonicalJson(want)}`);
  const keys = usage.cells.map(key);
  const order = ORDER[api];
  for (let i = 1; i < keys.length; i++)
    if (order.indexOf(keys[i]) <= order.indexOf(keys[i - 1])) fail(`${api} "${c.comment}": cell order ${keys.join(', ')} breaks the spec order`);
  for (const cell of usage.cells) if (cell.tokens === 0 && !REQUIRED.includes(key(cell))) fail(`${api} "${c.comment}": zero cell ${key(cell)} kept`);
  for (const k of REQUIRED) if (!keys.includes(k)) fail(`${api} "${c.comment}": required cell ${k} missing`);
  if (c.cells) {
    const got = Object.fromEntries(usage.cells.filter((x) => x.tokens > 0).map((x) => [key(x), x.tokens]));
    const exp = Object.fromEntries(Object.entries(c.cells).filter(([, v]) => v > 0));
    if (canonicalJson(got) !== canonicalJson(exp)) fail(`${api} "${c.comment}": cells ${canonicalJson(got)} ≠ usage vector ${canonicalJson(exp)}`);
  }
}

function cases(api: Api): { cases: Case[]; refs: string[] } {
  const file = JSON.parse(readFileSync(fromRoot('vectors', 'measure', `usage-${api}.json`), 'utf8')) as {
    source: { reference: string[] };
    test_groups: { tests: { tc_id: number; comment: string; result: string; flags: string[]; native: Obj; cells: Record<string, number> }[] }[];
  };
  const tests = file.test_groups.flatMap((g) => g.tests).filter((t) => t.result === 'valid');
  const picked = [...tests.filter((t) => !t.comment.startsWith('generated')), ...tests.filter((t) => t.comment.startsWith('generated')).slice(0, 3)];
  const out: Case[] = picked.map((t, i) => ({
    comment: `usage of vectors/measure/usage-${api}.json #${t.tc_id} (${t.comment})`,
    flags: t.comment.startsWith('generated') ? ['Usage'] : ['Usage', 'Cited'],
    line: envelope(api, i + 1, t.native),
    cells: t.cells,
  }));
  const u = picked[0].native;
  const n = out.length + 1;
  if (api === 'openai-chat') {
    out.push({
      comment: 'service_tier "default" is the default tier: left out',
      flags: ['Tier'],
      line: envelope(api, n, u, { service_tier: 'default' }),
      cells: picked[0].cells,
    });
    out.push({ comment: 'service_tier "flex" is kept', flags: ['Tier'], line: envelope(api, n + 1, u, { service_tier: 'flex' }), cells: picked[0].cells });
    out.push({
      comment: 'request body becomes request_sha256; cost, request and system_fingerprint stay out of the record',
      flags: ['Envelope'],
      line: envelope(api, n + 2, u, {
        system_fingerprint: 'fp_1',
        cost: { currency: 'USD', amount: '0.0000123' },
        request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Grüße, 世界' }] },
      }),
      cells: picked[0].cells,
    });
    out.push({
      comment: 'provider and account from the line',
      flags: ['Envelope'],
      line: envelope(api, n + 3, u, { provider: 'azure-openai', account: 'acct-42' }),
      cells: picked[0].cells,
    });
    out.push({ comment: 'created is not an integer', flags: ['Invalid'], line: envelope(api, n + 4, u, { created: 1790812800.5 }), pointer: '/created' });
    out.push({
      comment: 'an envelope member the shape does not know',
      flags: ['Invalid'],
      line: envelope(api, n + 5, u, { choices: [] }),
      pointer: '/choices',
    });
  } else if (api === 'anthropic-messages') {
    out.push({
      comment: 'usage.service_tier "standard" is left out',
      flags: ['Tier'],
      line: envelope(api, n, { ...u, service_tier: 'standard' }),
      cells: picked[0].cells,
    });
    out.push({
      comment: 'usage.service_tier "priority" is kept',
      flags: ['Tier'],
      line: envelope(api, n + 1, { ...u, service_tier: 'priority' }),
      cells: picked[0].cells,
    });
    out.push({
      comment: 'time with an offset instead of Z',
      flags: ['Invalid'],
      line: envelope(api, n + 2, u, { time: '2026-10-02T12:00:00+02:00' }),
      pointer: '/time',
    });
  } else if (api === 'gemini') {
    out.push({
      comment: 'trafficType ON_DEMAND_FLEX is tier flex; fractional createTime copied as written',
      flags: ['Tier'],
      line: envelope(api, n, u, { trafficType: 'ON_DEMAND_FLEX' }),
      cells: picked[0].cells,
    });
    out.push({
      comment: 'trafficType ON_DEMAND is the default tier: left out',
      flags: ['Tier'],
      line: envelope(api, n + 1, u, { trafficType: 'ON_DEMAND' }),
      cells: picked[0].cells,
    });
    out.push({ comment: 'empty responseId', flags: ['Invalid'], line: envelope(api, n + 2, u, { responseId: '' }), pointer: '/responseId' });
  } else {
    out.push({ comment: 'service_tier "auto" is left out', flags: ['Tier'], line: envelope(api, n, u, { service_tier: 'auto' }), cells: picked[0].cells });
  }
  return { cases: out, refs: file.source.reference };
}

export async function generate(): Promise<string[]> {
  const apis: Api[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini'];
  let tc = 0;
  const refs = new Set<string>();
  const groups = apis.map((api) => {
    const { cases: list, refs: r } = cases(api);
    r.forEach((x) => refs.add(`usage objects via vectors/measure/usage-${api}.json: ${x}`));
    return {
      api,
      tests: list.map((c) => {
        const n = normaliseLine(structuredClone(c.line));
        const base = { tc_id: ++tc, comment: c.comment, flags: c.flags };
        if (c.pointer !== undefined) {
          if (n.ok) fail(`${api} "${c.comment}": accepted, must be refused`);
          if (!n.ok && n.pointer !== c.pointer) fail(`${api} "${c.comment}": refused at ${n.pointer}, expected ${c.pointer}`);
          return { ...base, result: 'invalid', line: c.line, pointer: c.pointer };
        }
        if (!n.ok) return fail(`${api} "${c.comment}": refused: ${n.message}`);
        check(api, c, n.record);
        const canonical = canonicalJson(n.record);
        return {
          ...base,
          result: 'valid',
          line: c.line,
          record: n.record,
          record_canonical: canonical,
          record_sha256: createHash('sha256').update(canonical, 'utf8').digest('hex'),
        };
      }),
    };
  });
  return [
    await writeVectorFile('audit/derive.json', {
      schema: 'vectors-derive-record.json',
      spec_version: specVersion,
      kind: 'derive-record',
      source: {
        name: 'tokencert reference implementation (src/audit/read/normaliseLine.ts)',
        version: toolVersion,
        reference: [
          'scripts/vectors/audit.ts check(): envelope members, tier rule, cell set, cell order and zero-cell rule restated from spec/parts/51-A-inputs.yaml TMS-A-013 without src/audit code',
          'record_sha256: SHA-256 over RFC 8785 bytes from the canonicalize package (TMS-S-003)',
          ...[...refs].sort(),
        ],
      },
      requirements: ['TMS-A-013', 'TMS-S-003'],
      notes: {
        Usage: { description: 'A usage object from the usage-convention vectors in a fixed envelope.' },
        Cited: { description: 'The usage object comes from a cited source (API reference, capture, SDK issue).' },
        Tier: { description: 'The service tier rule: the default tier is left out, any other copied or mapped.', bug_type: 'edge-case' },
        Envelope: { description: 'Which envelope members enter the record and which stay out.' },
        Invalid: { description: 'A line that derives no record; the pointer names the member at fault.' },
      },
      test_groups: groups,
    }),
  ];
}
