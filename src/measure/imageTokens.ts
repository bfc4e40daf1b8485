import { InputError } from '../errors/errors.js';
import { imageModels, type ImageModel, type PatchRule, type TileRule } from './imageModels.js';

/** An image to count: pixel size and requested detail ('auto' is counted as 'high'). */
export interface ImageInput {
  readonly width: number;
  readonly height: number;
  readonly detail?: 'low' | 'high' | 'auto';
}

/** The count of one image with the steps that led to it. */
export interface ImageCount {
  readonly tokens: number;
  readonly rule: 'tile' | 'patch';
  /** Size after scaling. */
  readonly resized: { readonly width: number; readonly height: number };
  /** Tiles (tile rule) or patches (patch rule). */
  readonly units: number;
}

/** Finds a model's row: exact name or a dated snapshot of it; unknown models are an InputError (TMS-M-016). */
export function imageModel(model: string): ImageModel {
  const row = imageModels.find((r) => model === r.model || (model.startsWith(`${r.model}-`) && /^\d{4}-\d{2}-\d{2}$/.test(model.slice(r.model.length + 1))));
  if (!row) throw new InputError('unknown-model', `no image token constants for model "${model}"`);
  return row;
}

/** Tile rule (TMS-M-014): fit into 2048², shrink the shorter side to `shortSide` (never enlarge), 512-px tiles. */
export function tileTokens(c: TileRule, img: ImageInput): ImageCount {
  if (img.detail === 'low') return { tokens: c.base, rule: 'tile', resized: { width: img.width, height: img.height }, units: 0 };
  let w = img.width;
  let h = img.height;
  if (Math.max(w, h) > 2048) {
    const s = 2048 / Math.max(w, h);
    [w, h] = [Math.floor(w * s), Math.floor(h * s)];
  }
  if (Math.min(w, h) > c.shortSide) {
    const s = c.shortSide / Math.min(w, h);
    [w, h] = [Math.floor(w * s), Math.floor(h * s)];
  }
  const tiles = Math.ceil(w / 512) * Math.ceil(h / 512);
  return { tokens: c.base + c.tile * tiles, rule: 'tile', resized: { width: w, height: h }, units: tiles };
}

/** ceil(n × decimal) in exact integer arithmetic. */
function ceilTimes(n: number, decimal: string): number {
  const [int, frac = ''] = decimal.split('.');
  const den = 10n ** BigInt(frac.length);
  const num = BigInt(n) * BigInt(`${int}${frac}`);
  return Number((num + den - 1n) / den);
}

/** Patch rule (TMS-M-015): 32-px patches within the budget, times the model multiplier, rounded up. */
export function patchTokens(c: PatchRule, img: ImageInput): ImageCount {
  const { width, height } = img;
  let w = width;
  let h = height;
  let patches = Math.ceil(w / 32) * Math.ceil(h / 32);
  if (patches > c.budget) {
    let r = Math.sqrt((32 * 32 * c.budget) / (width * height));
    r *= Math.min(Math.floor((width * r) / 32) / ((width * r) / 32), Math.floor((height * r) / 32) / ((height * r) / 32));
    w = Math.floor(width * r);
    h = Math.floor(height * r);
    patches = Math.min(c.budget, Math.ceil(w / 32) * Math.ceil(h / 32));
  }
  return { tokens: ceilTimes(patches, c.multiplier), rule: 'patch', resized: { width: w, height: h }, units: patches };
}

/** Counts the input tokens of one image for a model by its documented rule (TMS-M-014..016). */
export function imageTokens(model: string, img: ImageInput): ImageCount {
  for (const [k, v] of [
    ['width', img.width],
    ['height', img.height],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new InputError('input-invalid', `image ${k} must be a positive integer, got ${String(v)}`);
  }
  const c = imageModel(model).constants;
  return c.rule === 'tile' ? tileTokens(c, img) : patchTokens(c, img);
}
