// tokencert's own adapter: the reference implementation answers every kind through its public API
// (src/index.ts), so it must pass every case (TMS-H-007). Anything else means the harness, the
// vectors or the reference disagree with each other.
import { cellKey, compilePriceSheet, countChat, getEncoding, priceUsage, settleValues, toCells } from '../../src/index.js';
import { isTokencertError } from '../../src/errors/errors.js';
import { toolVersion } from '../../src/version.js';
import { serve } from '../common/serve.js';

const keyed = (cells: { direction: string; cache: string; cache_ttl?: string; modality: string; phase?: string; tokens: number }[]) => {
  const out: Record<string, number> = {};
  for (const c of cells) if (c.tokens > 0) out[cellKey(c as never)] = (out[cellKey(c as never)] ?? 0) + c.tokens;
  return out;
};

serve(
  { name: 'tokencert', version: toolVersion, homepage: 'https://tokencert.dev', adapter: 'implementations/tokencert' },
  {
    'text-count': (i) => ({
      count: getEncoding(i.encoding).count(i.text, i.allowed_special !== undefined ? { allowedSpecial: i.allowed_special } : undefined),
    }),
    'chat-count': (i) => ({ prompt_tokens: countChat({ model: i.model, messages: i.messages, tools: i.tools }).total }),
    usage: (i) => {
      const r = toCells(i.api, i.usage);
      if (!r.ok) throw new Error(`usage rejected: ${r.message}`);
      return { cells: keyed(r.usage.cells), not_expressible: [] };
    },
    cost: (i) => {
      const sheet = compilePriceSheet(structuredClone(i.sheet), { file: '(case sheet)' });
      const r = priceUsage(sheet, { model: i.model, at: i.at, serviceTier: i.service_tier, usage: i.usage, events: i.events });
      if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
      return { currency: i.sheet.currency, total: r.total, arithmetic: 'exact' };
    },
    settlement: (i) => {
      try {
        const sheet = compilePriceSheet(structuredClone(i.sheet), { file: '(case sheet)' });
        return { statement: settleValues(i.records, { sheet, from: i.from, until: i.until, rounding: i.rounding }, 'vector').statement };
      } catch (e) {
        if (isTokencertError(e)) return { refused: e.code };
        throw e;
      }
    },
  },
);
