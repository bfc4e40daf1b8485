import { InternalError } from '../errors/errors.js';
import { countText } from '../measure/countText.js';
import type { Rng } from './prng.js';
import { oneTokenWords, wordList } from './wordList.js';

/** Generated text with its streaming pieces; `pieces.join('') === text` and `countText(encoding, text) === tokens`. */
export interface GeneratedText {
  readonly text: string;
  readonly pieces: readonly string[];
  readonly tokens: number;
}

/**
 * Generates text of exactly `tokens` tokens under `encoding` (TMS-M-033, TMS-M-034): words are
 * drawn from the word list while they fit, the remainder is filled with one-token words, and the
 * whole is recounted so the reported output count is the true count of the text returned.
 */
export function generateText(encoding: string, tokens: number, rng: Rng): GeneratedText {
  if (!Number.isInteger(tokens) || tokens < 0) throw new InternalError(`generateText: tokens must be a non-negative integer, got ${tokens}`);
  const pieces: string[] = [];
  let used = 0;
  let sinceStop = 0;
  while (used < tokens) {
    const first = pieces.length === 0;
    let piece: string;
    if (!first && sinceStop >= 5 && rng.next() < 0.25) {
      piece = '.';
      sinceStop = 0;
    } else {
      const w = wordList[rng.int(wordList.length)];
      piece = first ? w : ` ${w}`;
      sinceStop++;
    }
    let n = countText(encoding, piece);
    if (used + n > tokens) {
      const filler = oneTokenWords[rng.int(oneTokenWords.length)];
      piece = first ? filler : ` ${filler}`;
      n = countText(encoding, piece);
    }
    pieces.push(piece);
    used += n;
  }
  const text = pieces.join('');
  // Pieces are whole pre-tokenizer pieces (a space plus letters, or a period), so counts add; the
  // recount guards that reasoning, since the reply's usage must be the text's exact count.
  const actual = countText(encoding, text);
  if (actual !== tokens) throw new InternalError(`generateText: produced ${actual} tokens under ${encoding}, wanted ${tokens}`);
  return { text, pieces, tokens };
}
