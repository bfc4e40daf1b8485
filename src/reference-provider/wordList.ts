/**
 * The words replies are made of: letters only (so each ` word` is one pre-tokenizer piece and
 * counts add up), mixing English, French, German, Spanish, Italian, Russian and Japanese so replies
 * exercise multi-byte text and words of several tokens, not only one token per word.
 */
export const wordList: readonly string[] = [
  'the', 'and', 'of', 'water', 'river', 'light', 'morning', 'garden', 'stone', 'window', 'small', 'quiet',
  'bridge', 'evening', 'letter', 'harbour', 'mountain', 'lantern', 'orchard', 'meadow', 'silver', 'gentle',
  'maison', 'jardin', 'lumière', 'soleil', 'rivière', 'chemin', 'fenêtre', 'douce', 'matin', 'étoile',
  'Fluss', 'Garten', 'Licht', 'Morgen', 'klein', 'ruhig', 'Brücke', 'Straßenbahn', 'Schmetterling', 'Wald',
  'agua', 'luz', 'jardín', 'mañana', 'piedra', 'camino', 'ciudad', 'naturaleza', 'montaña', 'canción',
  'luce', 'giardino', 'fiume', 'casa', 'tranquillo', 'sera',
  'ночь', 'свет', 'река', 'сад', 'утро', 'город',
  '東京', '山', '川', '花', '静か', '光', '朝', '庭',
];

/** Words that are one token under both cl100k_base and o200k_base when preceded by a space: the filler that makes counts exact. */
export const oneTokenWords: readonly string[] = ['the', 'and', 'of', 'water', 'light', 'garden', 'stone', 'small', 'casa', 'agua'];
