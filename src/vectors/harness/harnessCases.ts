import { join } from 'node:path';
import { isRecord } from '../../io/isRecord.js';
import { isUsageApi, toCells, type UsageApi } from '../../measure/usageConventions.js';
import type { HarnessKind, Usage } from '../../schemas/types.gen.js';
import { listVectorFiles } from '../manifest.js';
import { loadVectorFile } from '../loadVectorFile.js';
import { countVectorInput } from '../runners/count.js';
import type { VectorFile, VectorGroup, VectorTest } from '../types.js';
import { keyedCells } from './cellKeys.js';
import { nativeResponse } from './nativeResponse.js';

/** Prices at which a failing case's money impact is stated: the vector's own sheet, model and time. */
export interface ImpactPrices {
  readonly sheet: unknown;
  readonly model: string;
  readonly at: string;
  readonly service_tier?: string;
  readonly events?: Record<string, number>;
}

/** What the reference expects of each kind of case; compared by judgeAnswer. */
export type HarnessExpectation =
  | { readonly kind: 'text-count'; readonly expected: { readonly count: unknown } }
  | { readonly kind: 'chat-count'; readonly expected: { readonly prompt_tokens: unknown } }
  | { readonly kind: 'usage'; readonly expected: { readonly cells: Readonly<Record<string, number>> } }
  | { readonly kind: 'cost'; readonly expected: { readonly currency: string; readonly total: string } }
  | { readonly kind: 'settlement'; readonly expected: { readonly refused: unknown } | { readonly statement: unknown } };

/** What a vector test gives a case: its kind, input, expectation and, where the vector has prices, how to price a wrong answer. */
export type DrawnCase = HarnessExpectation & {
  /** The input sent (harness-request.json, by kind). */
  readonly input: Record<string, unknown>;
  readonly impact?: ImpactPrices;
};

/** One case the harness sends to an implementation, drawn from one vector test (TMS-H-003). */
export type HarnessCase = DrawnCase & {
  /** Stable id: vector file without `.json` and tc_id, e.g. `harness/cost-issues#3`. */
  readonly id: string;
  /** The vector file (relative to vectors/), the case's group on the scoreboard. */
  readonly file: string;
  /** JSON pointer of the test inside its file. */
  readonly pointer: string;
  readonly title: string;
  /** Requirements the vector file cites. */
  readonly requirements: readonly string[];
  /** Upstream source the vector cites, when it has one. */
  readonly source?: string;
};

/** Options of harnessCases. */
export interface HarnessCaseOptions {
  /** Only these kinds (default: all). */
  readonly kinds?: readonly HarnessKind[];
  /** At most this many cases per vector file and kind, taken at an even stride so every group is represented. */
  readonly perFile?: number;
}

/** A representative model per API for usage vectors that name none (the native response needs one). */
const defaultModel: Record<UsageApi, string> = {
  'openai-chat': 'gpt-4o',
  'openai-responses': 'gpt-5',
  'anthropic-messages': 'claude-sonnet-4-5',
  gemini: 'gemini-2.5-flash',
};

type Draw = (file: VectorFile, group: VectorGroup, test: VectorTest) => DrawnCase | undefined;

/** A vector test's `native` field: the API and its native usage object, when the test has one. */
function nativeOf(t: VectorTest): { api: UsageApi; usage: unknown } | undefined {
  const n = t.native;
  return isRecord(n) && isUsageApi(n.api) ? { api: n.api, usage: n.usage } : undefined;
}

/** Whether a vector field is a map of counts (a price test's `events`, e.g. web searches). */
function isCountMap(x: unknown): x is Record<string, number> {
  return isRecord(x) && Object.values(x).every((n) => typeof n === 'number');
}

/** Whether a vector field is a canonical usage (schemas/usage.json: an object with a cells array). */
function isUsage(x: unknown): x is Usage {
  return isRecord(x) && Array.isArray(x.cells);
}

function usageCase(api: UsageApi, model: string, native: unknown, impact?: ImpactPrices): ReturnType<Draw> {
  const r = toCells(api, native);
  if (!r.ok) return undefined;
  return {
    kind: 'usage',
    input: { api, model, usage: native, response: nativeResponse(api, model, native) },
    expected: { cells: keyedCells(r.usage.cells) },
    impact,
  };
}

function priceUsageOf(t: VectorTest): Usage | undefined {
  const native = nativeOf(t);
  if (!native) return isUsage(t.usage) ? t.usage : undefined;
  const r = toCells(native.api, native.usage);
  return r.ok ? r.usage : undefined;
}

/** Which vector kinds feed which harness kinds, and how a test becomes a case. */
const draws: Record<string, Partial<Record<HarnessKind, Draw>>> = {
  count: {
    'text-count': (_f, g, t) => ({
      kind: 'text-count',
      input: { encoding: String(g.encoding), text: countVectorInput(t), ...(t.allowed_special !== undefined ? { allowed_special: t.allowed_special } : {}) },
      expected: { count: t.count },
    }),
  },
  chat: {
    // A test that forces a framing profile cannot be put to a library, which picks its own.
    'chat-count': (_f, _g, t) =>
      t.result !== 'valid' || t.profile !== undefined
        ? undefined
        : {
            kind: 'chat-count',
            input: { model: t.model, messages: t.messages, ...(t.tools !== undefined ? { tools: t.tools } : {}) },
            expected: { prompt_tokens: t.prompt_tokens },
          },
  },
  usage: {
    usage: (_f, g, t) => (t.result === 'valid' && isUsageApi(g.api) ? usageCase(g.api, defaultModel[g.api], t.native) : undefined),
  },
  price: {
    usage: (_f, g, t) => {
      const native = nativeOf(t);
      if (t.result !== 'valid' || !native) return undefined;
      const events = isCountMap(t.events) ? t.events : undefined;
      return usageCase(native.api, String(t.model), native.usage, {
        sheet: g.sheet,
        model: String(t.model),
        at: String(t.at),
        ...(t.service_tier !== undefined ? { service_tier: String(t.service_tier) } : {}),
        ...(events ? { events } : {}),
      });
    },
    cost: (_f, g, t) => {
      const usage = priceUsageOf(t);
      const total = isRecord(t.expected) ? t.expected.total : undefined;
      const currency = isRecord(g.sheet) ? g.sheet.currency : undefined;
      if (t.result !== 'valid' || !usage || typeof total !== 'string' || typeof currency !== 'string') return undefined;
      const input: Record<string, unknown> = { sheet: g.sheet, model: t.model, at: t.at, usage };
      if (t.service_tier !== undefined) input.service_tier = t.service_tier;
      if (t.native !== undefined) input.native = t.native;
      if (t.events !== undefined) input.events = t.events;
      return { kind: 'cost', input, expected: { currency, total }, impact: { sheet: g.sheet, model: String(t.model), at: String(t.at) } };
    },
  },
  settle: {
    settlement: (_f, g, t) => ({
      kind: 'settlement',
      input: { sheet: g.sheet, records: t.records, from: t.from, until: t.until, ...(t.rounding !== undefined ? { rounding: t.rounding } : {}) },
      expected: t.result === 'invalid' ? { refused: t.error } : { statement: t.statement },
    }),
  },
};

/**
 * Draws the harness cases from every vector file under `dir` (TMS-H-003): count vectors feed
 * text-count, chat vectors chat-count, usage and price vectors with a native usage feed usage, price
 * vectors feed cost and settle vectors settlement. Order is file, group, test: deterministic.
 */
export function harnessCases(dir: string, opts: HarnessCaseOptions = {}): HarnessCase[] {
  const out: HarnessCase[] = [];
  for (const rel of listVectorFiles(dir).filter((f) => !f.startsWith('workloads/'))) {
    const file = loadVectorFile(join(dir, rel), rel);
    for (const [kind, draw] of Object.entries(draws[file.kind] ?? {})) {
      if (!draw || (opts.kinds && !opts.kinds.some((k) => k === kind))) continue;
      const fromFile: HarnessCase[] = [];
      file.test_groups.forEach((g, gi) =>
        g.tests.forEach((t, ti) => {
          const c = draw(file, g, t);
          if (!c) return;
          // The upstream source: the test's own field, or the issue threads its comment ends with.
          const cited = [...String(t.comment).matchAll(/[\w.-]+\/[\w.-]+#\d+/g)].map((m) => m[0]).join(', ');
          const source = typeof t.source === 'string' ? t.source : cited || undefined;
          fromFile.push({
            ...c,
            id: `${rel.replace(/\.json$/, '')}#${t.tc_id}`,
            file: rel,
            pointer: `/test_groups/${gi}/tests/${ti}`,
            title: t.comment,
            requirements: file.requirements,
            ...(source ? { source } : {}),
          });
        }),
      );
      const stride = opts.perFile && fromFile.length > opts.perFile ? fromFile.length / opts.perFile : 1;
      for (let i = 0; i < fromFile.length; i += stride) out.push(fromFile[Math.floor(i)]);
    }
  }
  return out;
}
