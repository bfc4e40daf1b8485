import type { Usage, UsageCell } from '../../schemas/types.gen.js';
import { NativeReader, readRoot } from './nativeReader.js';
import { CellList, IN_TEXT, OUT_ANSWER, OUT_REASONING, sumWhere } from './cellSums.js';
import type { ToCellsResult, UsageConvention } from './types.js';
import { isRecord } from '../../io/isRecord.js';

type Modality = UsageCell['modality'];
const MODALITIES: readonly Modality[] = ['text', 'image', 'audio', 'video'];
const TO_NATIVE: Record<Modality, string> = { text: 'TEXT', image: 'IMAGE', audio: 'AUDIO', video: 'VIDEO' };
// DOCUMENT and MODALITY_UNSPECIFIED have no canonical modality; they are counted as text.
const FROM_NATIVE: Record<string, Modality> = { TEXT: 'text', IMAGE: 'image', AUDIO: 'audio', VIDEO: 'video', DOCUMENT: 'text', MODALITY_UNSPECIFIED: 'text' };

type ByModality = Record<Modality, number>;
const zero = (): ByModality => ({ text: 0, image: 0, audio: 0, video: 0 });

/** Reads a ModalityTokenCount[] list; absent means "all of `whole` is text". */
function details(r: NativeReader, u: Record<string, unknown>, key: string, whole: number, wholeKey: string): ByModality {
  const list = r.array(u, key, '');
  const out = zero();
  if (list === undefined) {
    out.text = whole;
    return out;
  }
  list.forEach((item, i) => {
    const at = `/${key}/${i}`;
    if (!isRecord(item)) return r.fail('wrong-type', at, 'expected a ModalityTokenCount object');
    const o = item;
    const m = o.modality ?? 'MODALITY_UNSPECIFIED';
    const mod = typeof m === 'string' ? FROM_NATIVE[m] : undefined;
    if (mod === undefined) return r.fail('wrong-type', `${at}/modality`, `unknown modality ${JSON.stringify(m)}`);
    out[mod] += r.count(o, 'tokenCount', at);
  });
  const sum = MODALITIES.reduce((s, m) => s + out[m], 0);
  if (r.ok && sum !== whole) r.fail('modality-sum-mismatch', `/${key}`, `modality details sum to ${sum}, ${wholeKey} is ${whole}`);
  return out;
}

function toDetails(by: (m: Modality) => number): { modality: string; tokenCount: number }[] {
  return MODALITIES.filter((m) => by(m) > 0).map((m) => ({ modality: TO_NATIVE[m], tokenCount: by(m) }));
}

/**
 * Gemini `usageMetadata` (TMS-M-027): cachedContentTokenCount ⊆ promptTokenCount; thoughts and the
 * tool-use prompt are outside candidates and prompt; total = prompt + candidates + toolUsePrompt +
 * thoughts; the *TokensDetails lists split counts by modality (the cached split by cacheTokensDetails).
 */
export const gemini: UsageConvention = {
  api: 'gemini',
  toCells(native: unknown): ToCellsResult {
    const r = new NativeReader();
    const u = readRoot(native, r);
    if (!u) return { ok: false, flags: [...r.flags], message: r.message() };
    const prompt = r.count(u, 'promptTokenCount', '', true);
    const total = r.count(u, 'totalTokenCount', '', true);
    const cached = r.count(u, 'cachedContentTokenCount', '');
    const candidates = r.count(u, 'candidatesTokenCount', '');
    const thoughts = r.count(u, 'thoughtsTokenCount', '');
    const tool = r.count(u, 'toolUsePromptTokenCount', '');
    if (!r.ok) return { ok: false, flags: [...r.flags], message: r.message() };
    const p = details(r, u, 'promptTokensDetails', prompt, 'promptTokenCount');
    const c = details(r, u, 'cacheTokensDetails', cached, 'cachedContentTokenCount');
    const o = details(r, u, 'candidatesTokensDetails', candidates, 'candidatesTokenCount');
    const t = details(r, u, 'toolUsePromptTokensDetails', tool, 'toolUsePromptTokenCount');
    if (r.ok) {
      r.subset('cached-exceeds-prompt', '/cachedContentTokenCount', cached, prompt, 'cachedContentTokenCount exceeds promptTokenCount');
      for (const m of MODALITIES)
        if (r.ok) r.subset('cached-exceeds-prompt', '/cacheTokensDetails', c[m], p[m], `cached ${m} tokens exceed prompt ${m} tokens`);
      const sum = prompt + candidates + tool + thoughts;
      if (total !== sum)
        r.fail(
          'total-not-sum',
          '/totalTokenCount',
          `totalTokenCount ${total} ≠ prompt ${prompt} + candidates ${candidates} + toolUsePrompt ${tool} + thoughts ${thoughts}`,
        );
    }
    if (!r.ok) return { ok: false, flags: [...r.flags], message: r.message() };
    const cells = new CellList().required(IN_TEXT, p.text - c.text);
    for (const m of MODALITIES) if (m !== 'text') cells.optional({ direction: 'input', cache: 'none', modality: m }, p[m] - c[m]);
    for (const m of MODALITIES) cells.optional({ direction: 'input', cache: 'read', modality: m }, c[m]);
    for (const m of MODALITIES) cells.optional({ direction: 'input', cache: 'none', modality: m, phase: 'tool' }, t[m]);
    cells.required(OUT_ANSWER, o.text);
    for (const m of MODALITIES) if (m !== 'text') cells.optional({ direction: 'output', cache: 'none', modality: m, phase: 'answer' }, o[m]);
    cells.optional(OUT_REASONING, thoughts);
    return { ok: true, usage: { cells: cells.cells } };
  },
  fromCells(usage: Usage): Record<string, unknown> {
    const isTool = (c: UsageCell): boolean => c.direction === 'input' && c.phase === 'tool';
    const sumIf = (pred: (c: UsageCell) => boolean): number => usage.cells.reduce((s, c) => (pred(c) ? s + c.tokens : s), 0);
    // Gemini reports no cache writes in usage: a write cell is counted as ordinary prompt input.
    const promptBy = (m: Modality): number => sumIf((c) => c.direction === 'input' && !isTool(c) && c.modality === m);
    const cacheBy = (m: Modality): number => sumIf((c) => c.direction === 'input' && !isTool(c) && c.cache === 'read' && c.modality === m);
    const toolBy = (m: Modality): number => sumIf((c) => isTool(c) && c.modality === m);
    const candBy = (m: Modality): number => sumIf((c) => c.direction === 'output' && c.phase !== 'reasoning' && c.modality === m);
    const prompt = MODALITIES.reduce((s, m) => s + promptBy(m), 0);
    const cached = MODALITIES.reduce((s, m) => s + cacheBy(m), 0);
    const tool = MODALITIES.reduce((s, m) => s + toolBy(m), 0);
    const candidates = MODALITIES.reduce((s, m) => s + candBy(m), 0);
    const thoughts = sumWhere(usage, { direction: 'output', phase: 'reasoning' });
    const out: Record<string, unknown> = { promptTokenCount: prompt, candidatesTokenCount: candidates };
    if (cached > 0) out.cachedContentTokenCount = cached;
    if (tool > 0) out.toolUsePromptTokenCount = tool;
    if (thoughts > 0) out.thoughtsTokenCount = thoughts;
    out.totalTokenCount = prompt + candidates + tool + thoughts;
    out.promptTokensDetails = toDetails(promptBy);
    if (cached > 0) out.cacheTokensDetails = toDetails(cacheBy);
    if (candidates > 0) out.candidatesTokensDetails = toDetails(candBy);
    if (tool > 0) out.toolUsePromptTokensDetails = toDetails(toolBy);
    return out;
  },
};
