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
      ({ piece, n } = oneTokenFiller(encoding, first, rng));
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

/**
 * A filler piece of exactly one token. A word that is one token after a space is not always one
 * token at the start of the text (cl100k_base splits some capitalised or rare words), so each
 * candidate is counted in its position; "a" is one token in every encoding, with or without a space.
 */
function oneTokenFiller(encoding: string, first: boolean, rng: Rng): { piece: string; n: number } {
  const start = rng.int(oneTokenWords.length);
  for (let k = 0; k < oneTokenWords.length; k++) {
    const word = oneTokenWords[(start + k) % oneTokenWords.length];
    const piece = first ? word : ` ${word}`;
    if (countText(encoding, piece) === 1) return { piece, n: 1 };
  }
  return { piece: first ? 'a' : ' a', n: 1 };
}
