import { parseYamlLocated } from '../io/parseYaml.js';
import { readText } from '../io/readText.js';
import { compilePriceSheet } from './compilePriceSheet.js';
import type { PriceSheet } from './types.js';

/**
 * Reads a price sheet (YAML or JSON) and compiles it for pricing. Every problem — malformed text,
 * a price written as a number, schema violations, unknown currency, ambiguous entries — is an
 * InputError with file, line and JSON pointer (TMS-C-001, TMS-P-002).
 */
export async function loadPriceSheet(path: string): Promise<PriceSheet> {
  const text = await readText(path);
  const doc = parseYamlLocated(text, path);
  return compilePriceSheet(doc.value, { file: path, lineOf: (p) => doc.lineOf(p) });
}
