// @pydantic/genai-prices through its public API, for two kinds:
//  usage: extractUsage(findProvider(...), responseBody, apiFlavor) — the library's own extractors
//         read the native response; its Usage is mapped to canonical cells below.
//  cost:  calcPrice(usage, model, { provider, timestamp }) with a provider built from the case's
//         price sheet, so the library's arithmetic is checked on the vector's prices, not its data.
// Mapping (genai-prices Usage → canonical cells): input_tokens contains cache reads and writes
// (the library's convention), so uncached text input = input_tokens − cache_read_tokens −
// cache_write_tokens − uncached audio/image/video − tool-prompt tokens; cache_write_5m/1h_tokens
// give write@5m/write@1h when present; output_tokens contains output_reasoning_tokens, so answer =
// output_tokens − output_reasoning_tokens − output audio/image. An API flavor whose extractor has
// no image field declares `modality` not expressible. genai-prices computes in float64; a sheet's
// request fee becomes requests_kcount (price per thousand requests).
import { calcPrice, extractUsage, findProvider, type ModelPrice, type Provider, type Usage as GUsage } from '@pydantic/genai-prices';
import { floatToDecimal } from '../../src/pricing/import/floatToDecimal.js';
import { installedVersion, serve, Skip } from '../common/serve.js';

const flavor: Record<string, [string, string | undefined]> = {
  'openai-chat': ['openai', 'chat'],
  'openai-responses': ['openai', 'responses'],
  'anthropic-messages': ['anthropic', 'default'],
  gemini: ['google', 'default'],
};

function usageCells(u: GUsage): Record<string, number> {
  const n = (k: string): number => u[k] ?? 0;
  const cells: Record<string, number> = {};
  const put = (k: string, v: number) => {
    // A negative remainder is kept: it shows the library's fields contradict each other.
    if (v !== 0) cells[k] = (cells[k] ?? 0) + v;
  };
  let nonText = 0;
  let readNonText = 0;
  for (const m of ['audio', 'image', 'video']) {
    put(`input/none/${m}`, n(`input_${m}_tokens`) - n(`cache_${m}_read_tokens`));
    put(`input/read/${m}`, n(`cache_${m}_read_tokens`));
    nonText += n(`input_${m}_tokens`) - n(`cache_${m}_read_tokens`);
    readNonText += n(`cache_${m}_read_tokens`);
  }
  put('input/none/text/tool', n('input_tool_tokens'));
  put('input/read/text', n('cache_read_tokens') - readNonText);
  const split = u.cache_write_5m_tokens !== undefined || u.cache_write_1h_tokens !== undefined;
  if (split) {
    put('input/write@5m/text', n('cache_write_5m_tokens'));
    put('input/write@1h/text', n('cache_write_1h_tokens'));
  } else put('input/write/text', n('cache_write_tokens'));
  put('input/none/text', n('input_tokens') - n('cache_read_tokens') - n('cache_write_tokens') - nonText - n('input_tool_tokens'));
  put('output/none/text/reasoning', n('output_reasoning_tokens'));
  put('output/none/audio/answer', n('output_audio_tokens'));
  put('output/none/image/answer', n('output_image_tokens'));
  put('output/none/text/answer', n('output_tokens') - n('output_reasoning_tokens') - n('output_audio_tokens') - n('output_image_tokens'));
  return cells;
}

/** Sheet price keys genai-prices has a field for (per million tokens). */
const priceField: Record<string, string> = {
  'input/none/text': 'input_mtok',
  'input/none/*': 'input_mtok',
  'input/read/text': 'cache_read_mtok',
  'input/read/*': 'cache_read_mtok',
  'input/write/text': 'cache_write_mtok',
  'input/write/*': 'cache_write_mtok',
  'output/none/text': 'output_mtok',
  'output/none/*': 'output_mtok',
  'input/none/audio': 'input_audio_mtok',
  'input/read/audio': 'cache_audio_read_mtok',
  'output/none/audio': 'output_audio_mtok',
  'input/none/image': 'input_image_mtok',
  'input/read/image': 'cache_image_read_mtok',
  'output/none/image': 'output_image_mtok',
  'input/none/video': 'input_video_mtok',
  'input/read/video': 'cache_video_read_mtok',
  'output/none/video': 'output_video_mtok',
  'input/write@5m/text': 'cache_write_5m_mtok',
  'input/write@1h/text': 'cache_write_1h_mtok',
  'output/none/text/reasoning': 'output_reasoning_mtok',
};
/** Per-event fees genai-prices prices per thousand, with the usage field that counts them. */
const feeField: Record<string, [string, string]> = { request: ['requests_kcount', ''], web_search: ['web_searches_kcount', 'web_searches'] };

interface Entry {
  id: string;
  model: string;
  aliases?: string[];
  service_tier?: string;
  effective?: { from?: string; until?: string };
  prices: Record<string, string>;
  tiers?: unknown;
  windows?: unknown;
  fees?: Record<string, string>;
}

function providerFor(
  sheet: { unit: number; entries: Entry[] },
  model: string,
  at: string,
  tier: string | undefined,
  events: Record<string, number> | undefined,
  usage: { cells: { direction: string; cache: string; cache_ttl?: string; modality: string; phase?: string; tokens: number }[] },
): Provider {
  const t = Date.parse(at);
  const matches = sheet.entries.filter(
    (e) =>
      (e.model === model || (e.aliases ?? []).includes(model)) &&
      (e.service_tier ?? undefined) === tier &&
      (!e.effective?.from || Date.parse(e.effective.from) <= t) &&
      (!e.effective?.until || t < Date.parse(e.effective.until)),
  );
  if (matches.length !== 1)
    throw new Skip(`the adapter resolves only a single plain entry (found ${matches.length}); entry resolution is tokencert's, not genai-prices'`);
  const e = matches[0];
  if (e.tiers) throw new Skip('the adapter does not translate tiered prices into genai-prices TieredPrices');
  if (e.windows) throw new Skip('genai-prices has no time-of-day price windows in this form');
  for (const [ev, n] of Object.entries(events ?? {}))
    if (n > 0 && e.fees?.[ev] !== undefined && !feeField[ev]) throw new Skip(`genai-prices has no field for a fee per ${ev} event`);
  const prices: ModelPrice = {};
  for (const [k, v] of Object.entries(e.prices)) {
    const f = priceField[k];
    if (!f) throw new Skip(`genai-prices has no field for the price key ${k}`);
    prices[f] = (Number(v) * 1_000_000) / sheet.unit;
  }
  // genai-prices prices events per thousand (requests_kcount, web_searches_kcount); the sheet per event.
  for (const [ev, fee] of Object.entries(e.fees ?? {})) if (feeField[ev]) prices[feeField[ev][0]] = Number(fee) * 1000;
  return { id: 'tokencert-case', name: 'tokencert case sheet', api_pattern: '', models: [{ id: model, match: { equals: model }, prices }] } as Provider;
}

serve(
  {
    name: '@pydantic/genai-prices',
    version: await installedVersion('@pydantic/genai-prices'),
    homepage: 'https://github.com/pydantic/genai-prices',
    adapter: 'implementations/genai-prices',
  },
  {
    usage: (i: { api: string; response: unknown }) => {
      const [id, api] = flavor[i.api];
      const provider = findProvider({ providerId: id });
      if (!provider) throw new Error(`genai-prices has no provider ${id}`);
      const r = extractUsage(provider, i.response, api);
      // A flavor whose extractor has no image field cannot tell image tokens from text ones.
      const dests = new Set((provider.extractors ?? []).filter((x) => x.api_flavor === api).flatMap((x) => x.mappings.map((m) => m.dest)));
      return { cells: usageCells(r.usage), not_expressible: dests.has('input_image_tokens') ? [] : ['modality'], library_output: r.usage };
    },
    cost: (i: {
      sheet: { unit: number; currency: string; entries: Entry[] };
      model: string;
      at: string;
      service_tier?: string;
      events?: Record<string, number>;
      usage: { cells: { direction: string; cache: string; cache_ttl?: string; modality: string; phase?: string; tokens: number }[] };
    }) => {
      const provider = providerFor(i.sheet, i.model, i.at, i.service_tier, i.events, i.usage);
      const sum = (f: (c: (typeof i.usage.cells)[number]) => boolean) => i.usage.cells.filter(f).reduce((s, c) => s + c.tokens, 0);
      // The library's convention: input_tokens includes cache reads and writes; output includes reasoning.
      const gu: GUsage = {
        input_tokens: sum((c) => c.direction === 'input'),
        cache_read_tokens: sum((c) => c.direction === 'input' && c.cache === 'read'),
        cache_write_tokens: sum((c) => c.direction === 'input' && c.cache === 'write'),
        cache_write_5m_tokens: sum((c) => c.direction === 'input' && c.cache === 'write' && c.cache_ttl === '5m'),
        cache_write_1h_tokens: sum((c) => c.direction === 'input' && c.cache === 'write' && c.cache_ttl === '1h'),
        output_tokens: sum((c) => c.direction === 'output'),
        output_reasoning_tokens: sum((c) => c.direction === 'output' && c.phase === 'reasoning'),
      };
      for (const m of ['audio', 'image', 'video']) {
        gu[`input_${m}_tokens`] = sum((c) => c.direction === 'input' && c.modality === m);
        gu[`cache_${m}_read_tokens`] = sum((c) => c.direction === 'input' && c.cache === 'read' && c.modality === m);
        gu[`output_${m}_tokens`] = sum((c) => c.direction === 'output' && c.modality === m);
      }
      if (i.events?.web_search) gu.web_searches = i.events.web_search;
      for (const k of Object.keys(gu)) if (gu[k] === 0 && k !== 'input_tokens' && k !== 'output_tokens') delete gu[k];
      const r = calcPrice(gu, i.model, { provider, timestamp: new Date(i.at) });
      if (!r) throw new Error('calcPrice returned null (no price)');
      const total = floatToDecimal(r.total_price);
      if (total === undefined) throw new Error(`calcPrice returned a non-finite total ${r.total_price}`);
      return {
        currency: i.sheet.currency,
        total,
        arithmetic: 'float64',
        library_output: { input_price: r.input_price, output_price: r.output_price, total_price: r.total_price },
      };
    },
  },
);
