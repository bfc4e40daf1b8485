import { join } from 'node:path';
import { toCells, type UsageApi } from '../../measure/usageConventions.js';
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

/** One case the harness sends to an implementation, drawn from one vector test (TMS-H-003). */
export interface HarnessCase {
  /** Stable id: vector file without `.json` and tc_id, e.g. `harness/cost-issues#3`. */
  readonly id: string;
  readonly kind: HarnessKind;
  /** The vector file (relative to vectors/), the case's group on the scoreboard. */
  readonly file: string;
  /** JSON pointer of the test inside its file. */
  readonly pointer: string;
  readonly title: string;
  /** Requirements the vector file cites. */
  readonly requirements: readonly string[];
  /** The input sent (harness-request.json, by kind). */
  readonly input: Record<string, unknown>;
  /** What the reference expects; compared by judgeAnswer. */
  readonly expected: Record<string, unknown>;
  /** Where the vector has prices: how to price a wrong answer. */
  readonly impact?: ImpactPrices;
  /** Upstream source the vector cites, when it has one. */
  readonly source?: string;
}

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

type Draw = (file: VectorFile, group: VectorGroup, test: VectorTest) => Omit<HarnessCase, 'id' | 'file' | 'pointer' | 'requirements' | 'title'> | undefined;

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
  const native = t.native as { api: UsageApi; usage: unknown } | undefined;
  if (!native) return t.usage as Usage;
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
    usage: (_f, g, t) => (t.result === 'valid' ? usageCase(g.api as UsageApi, defaultModel[g.api as UsageApi], t.native) : undefined),
  },
  price: {
    usage: (_f, g, t) => {
      const native = t.native as { api: UsageApi; usage: unknown } | undefined;
      if (t.result !== 'valid' || !native) return undefined;
      return usageCase(native.api, String(t.model), native.usage, {
        sheet: g.sheet,
        model: String(t.model),
        at: String(t.at),
        ...(t.service_tier !== undefined ? { service_tier: String(t.service_tier) } : {}),
        ...(t.events ? { events: t.events as Record<string, number> } : {}),
      });
    },
    cost: (_f, g, t) => {
      const usage = priceUsageOf(t);
      const expected = t.expected as { total: string } | undefined;
      if (t.result !== 'valid' || !usage || !expected) return undefined;
      const input: Record<string, unknown> = { sheet: g.sheet, model: t.model, at: t.at, usage };
      if (t.service_tier !== undefined) input.service_tier = t.service_tier;
      if (t.native !== undefined) input.native = t.native;
      if (t.events !== undefined) input.events = t.events;
      const currency = (g.sheet as { currency: string }).currency;
      return { kind: 'cost', input, expected: { currency, total: expected.total }, impact: { sheet: g.sheet, model: String(t.model), at: String(t.at) } };
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
    for (const [kind, draw] of Object.entries(draws[file.kind] ?? {}) as [HarnessKind, Draw][]) {
      if (opts.kinds && !opts.kinds.includes(kind)) continue;
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
