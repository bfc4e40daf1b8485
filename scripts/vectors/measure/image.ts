// image vectors: tile and patch rules with per-model constants (TMS-M-014..016).
import { imageTokens } from '../../../src/measure/imageTokens.js';
import { imageModels } from '../../../src/measure/imageModels.js';
import { isTokencertError } from '../../../src/errors/errors.js';
import { Checks, vectorFile, type Test } from './write.js';

const DOC = 'OpenAI vision guide "Calculating costs", tile rule worked examples (https://platform.openai.com/docs/guides/images-vision#calculating-costs)';
const PATCH = 'OpenAI vision guide "Calculating costs", patch rule worked examples (https://platform.openai.com/docs/guides/images-vision#calculating-costs)';
const DERIVED =
  'hand arithmetic of the documented tile rule (https://platform.openai.com/docs/guides/images-vision#calculating-costs), recorded in scripts/vectors/measure/image.ts';

type Detail = 'low' | 'high' | 'auto';
interface Case {
  model: string;
  width: number;
  height: number;
  detail?: Detail;
  comment: string;
  flags: string[];
  cited?: { source: string; tokens?: number; units?: number; resized?: { width: number; height: number } };
}

function test(checks: Checks, c: Case): Test {
  const t: Test = { comment: c.comment, flags: c.flags, result: 'valid', model: c.model, width: c.width, height: c.height };
  if (c.detail) t.detail = c.detail;
  if (c.cited) t.source = c.cited.source;
  try {
    const r = imageTokens(c.model, { width: c.width, height: c.height, detail: c.detail });
    if (c.cited?.tokens !== undefined) checks.same(`image ${c.comment}`, c.cited.tokens, r.tokens);
    if (c.cited?.units !== undefined) checks.same(`image units ${c.comment}`, c.cited.units, r.units);
    if (c.cited?.resized !== undefined) checks.same(`image resized ${c.comment}`, c.cited.resized, r.resized);
    Object.assign(t, { rule: r.rule, resized: r.resized, units: r.units, tokens: r.tokens });
  } catch (e) {
    if (!isTokencertError(e)) throw e;
    Object.assign(t, { result: 'invalid', error: e.code });
  }
  return t;
}

/** Builds vectors/measure/image.json. */
export function generateImage(checks: Checks): { name: string; file: Record<string, unknown> }[] {
  const cited: Case[] = [
    {
      model: 'gpt-4o',
      width: 1024,
      height: 1024,
      detail: 'high',
      comment: '1024×1024 high = 170×4 + 85',
      flags: ['cited'],
      cited: { source: DOC, tokens: 765, units: 4, resized: { width: 768, height: 768 } },
    },
    {
      model: 'gpt-4o',
      width: 2048,
      height: 4096,
      detail: 'high',
      comment: '2048×4096 high = 170×6 + 85',
      flags: ['cited'],
      cited: { source: DOC, tokens: 1105, units: 6, resized: { width: 768, height: 1536 } },
    },
    { model: 'gpt-4o', width: 4096, height: 8192, detail: 'low', comment: '4096×8192 low = 85', flags: ['cited'], cited: { source: DOC, tokens: 85 } },
    { model: 'gpt-4.1-mini', width: 1024, height: 1024, comment: '1024×1024 = 32×32 = 1024 patches', flags: ['cited'], cited: { source: PATCH, units: 1024 } },
    {
      model: 'gpt-4.1-mini',
      width: 1800,
      height: 2400,
      comment: '1800×2400 → 1056×1408 → 1452 patches',
      flags: ['cited'],
      cited: { source: PATCH, units: 1452, resized: { width: 1056, height: 1408 } },
    },
    {
      model: 'gpt-4o-2024-08-06',
      width: 128,
      height: 64,
      detail: 'high',
      comment: '128×64 high is not enlarged: 1 tile (API 267 − 12 text)',
      flags: ['cited'],
      cited: {
        source: 'https://community.openai.com/t/vision-more-than-one-way-to-send-a-request-undocumented-and-different-pricing-realized/1262691',
        tokens: 255,
      },
    },
    {
      model: 'gpt-4o-mini',
      width: 128,
      height: 64,
      detail: 'high',
      comment: '128×64 high on gpt-4o-mini (API 8512 − 12 text)',
      flags: ['cited'],
      cited: {
        source: 'https://community.openai.com/t/vision-more-than-one-way-to-send-a-request-undocumented-and-different-pricing-realized/1262691',
        tokens: 8500,
      },
    },
    {
      model: 'o3',
      width: 128,
      height: 64,
      detail: 'high',
      comment: '128×64 high on o3 (API 236 − 11 text)',
      flags: ['cited'],
      cited: {
        source: 'https://community.openai.com/t/vision-more-than-one-way-to-send-a-request-undocumented-and-different-pricing-realized/1262691',
        tokens: 225,
      },
    },
  ];
  const derivedTable: [string, number[]][] = [
    ['gpt-4o', [255, 425, 765, 1105, 1105]],
    ['gpt-4o-mini', [8500, 14167, 25501, 36835, 36835]],
    ['o3', [225, 375, 675, 975, 975]],
    ['computer-use-preview', [194, 323, 581, 839, 839]],
    ['gpt-5', [210, 350, 630, 910, 910]],
    ['gpt-image-1', [194, 323, 194, 323, 323]],
  ];
  const sizes = [
    [512, 512],
    [513, 512],
    [1024, 1024],
    [1920, 1080],
    [2048, 4096],
  ];
  for (const [model, tokens] of derivedTable)
    sizes.forEach(([w, h], i) =>
      cited.push({
        model,
        width: w,
        height: h,
        detail: 'high',
        comment: `${model} ${w}×${h} high (derived table)`,
        flags: ['cited'],
        cited: { source: DERIVED, tokens: tokens[i] },
      }),
    );
  for (const [w, h, units] of [
    [2048, 4096, 1458],
    [1920, 1080, 1508],
    [4000, 1474, 1449],
    [512, 512, 256],
    [128, 64, 8],
  ]) {
    cited.push({
      model: 'gpt-4.1-mini',
      width: w,
      height: h,
      comment: `patches ${w}×${h} (derived)`,
      flags: ['cited'],
      cited: {
        source:
          'hand arithmetic of the documented patch rule (https://platform.openai.com/docs/guides/images-vision#calculating-costs), recorded in scripts/vectors/measure/image.ts',
        units,
      },
    });
  }
  const grid: Case[] = [];
  const dims = [
    [1, 1],
    [32, 32],
    [33, 33],
    [100, 3000],
    [3000, 100],
    [767, 769],
    [768, 768],
    [769, 769],
    [1000, 1000],
    [1536, 1536],
    [2047, 2049],
    [2049, 2047],
    [4096, 4096],
    [6000, 4000],
    [10000, 200],
    [1280, 720],
    [720, 1280],
    [3024, 4032],
  ];
  for (const { model } of imageModels) {
    for (const [w, h] of dims)
      for (const detail of ['high', 'low'] as const) grid.push({ model, width: w, height: h, detail, comment: `${model} ${w}×${h} ${detail}`, flags: [] });
  }
  const invalid: Case[] = [
    { model: 'gpt-9', width: 512, height: 512, comment: 'unknown model', flags: ['rejected'] },
    { model: 'gpt-4o', width: 0, height: 512, comment: 'zero width', flags: ['rejected'] },
    { model: 'gpt-4o', width: 512, height: -1, comment: 'negative height', flags: ['rejected'] },
    { model: 'gpt-4o', width: 512.5, height: 512, comment: 'fractional width', flags: ['rejected'] },
    { model: 'gpt-4o-latest', width: 512, height: 512, comment: 'not a dated snapshot of a listed model', flags: ['rejected'] },
  ];
  const file = vectorFile({
    kind: 'image',
    requirements: ['TMS-M-014', 'TMS-M-015', 'TMS-M-016'],
    reference: [
      DOC,
      PATCH,
      'https://community.openai.com/t/vision-more-than-one-way-to-send-a-request-undocumented-and-different-pricing-realized/1262691',
      'scripts/vectors/measure/image.ts (hand-worked tile and patch tables)',
    ],
    header: [
      'Image input tokens. Tile rule: base + tile × 512-px tiles after fitting 2048² and shrinking the short side (never enlarging). Patch rule: 32-px patches within the budget × multiplier, rounded up (TMS-M-015 fixes the rounding the docs leave open).',
      'auto detail counts as high.',
    ],
    notes: {
      cited: 'Expectation quoted from the named source; the generator refused to write on disagreement.',
      rejected: 'Must be rejected with the given error code.',
    },
    groups: [{ tests: cited.map((c) => test(checks, c)) }, { tests: grid.map((c) => test(checks, c)) }, { tests: invalid.map((c) => test(checks, c)) }],
  });
  return [{ name: 'measure/image.json', file }];
}
