/** Tile rule constants (TMS-M-014). */
export interface TileRule {
  readonly rule: 'tile';
  readonly base: number;
  readonly tile: number;
  /** Target of the shorter side after fitting into 2048×2048 (768; 512 for gpt-image-1). */
  readonly shortSide: number;
}

/** Patch rule constants (TMS-M-015); the multiplier is a decimal string so products stay exact. */
export interface PatchRule {
  readonly rule: 'patch';
  readonly budget: number;
  readonly multiplier: string;
}

/** One row of the image-constant table (TMS-M-016). */
export interface ImageModel {
  /** Model name; a dated snapshot `<model>-YYYY-MM-DD` matches it too. */
  readonly model: string;
  readonly constants: TileRule | PatchRule;
}

const tile = (base: number, tileTokens: number, shortSide = 768): TileRule => ({ rule: 'tile', base, tile: tileTokens, shortSide });
const patch = (multiplier: string, budget = 1536): PatchRule => ({ rule: 'patch', budget, multiplier });

/**
 * Per-model image constants from OpenAI's vision guide "Calculating costs"
 * (https://platform.openai.com/docs/guides/images-vision#calculating-costs; dated copies of the page
 * differ, so each row names the copy it follows). Only rows the docs state are listed; others are unknown.
 * The table is as of 2026-08-21; its history is this file's history.
 */
export const imageModels: readonly ImageModel[] = [
  { model: 'gpt-4o', constants: tile(85, 170) },
  { model: 'chatgpt-4o-latest', constants: tile(85, 170) },
  { model: 'gpt-4.1', constants: tile(85, 170) },
  { model: 'gpt-4.5-preview', constants: tile(85, 170) },
  { model: 'gpt-4o-mini', constants: tile(2833, 5667) },
  { model: 'o1', constants: tile(75, 150) },
  { model: 'o1-pro', constants: tile(75, 150) },
  { model: 'o3', constants: tile(75, 150) },
  { model: 'computer-use-preview', constants: tile(65, 129) },
  { model: 'gpt-5', constants: tile(70, 140) },
  { model: 'gpt-5-chat-latest', constants: tile(70, 140) },
  { model: 'gpt-image-1', constants: tile(65, 129, 512) },
  { model: 'gpt-4.1-mini', constants: patch('1.62') },
  { model: 'gpt-4.1-nano', constants: patch('2.46') },
  { model: 'o4-mini', constants: patch('1.72') },
  { model: 'gpt-5-mini', constants: patch('1.62') },
  { model: 'gpt-5-nano', constants: patch('2.46') },
  { model: 'gpt-5.4-mini', constants: patch('1.62') },
  { model: 'gpt-5.4-nano', constants: patch('2.46') },
];
