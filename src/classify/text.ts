/**
 * Text primitives shared by the classifiers: a cached Snowball stemmer (Russian or English, chosen by
 * script) and a stop-word check (Russian + English); normalisation (`normalize.ts`) and the tweet-aware
 * tokenizer (`tokenize.ts`) are re-exported from here.
 */
import { createRequire } from 'node:module';
import type * as Snowball from 'snowball-stemmers';
import { normalizeToken } from './normalize.js';

export { normalizeText } from './normalize.js';
export { type PreparedText, prepareText, type Token, type TokenKind, tokenize } from './tokenize.js';

// CommonJS packages loaded with require: snowball-stemmers sets `__esModule`, which breaks default-import interop
// under some loaders.
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as typeof Snowball;
const stopwordsIso = require('stopwords-iso') as { ru: string[]; en: string[] };

const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');
const STEM_CACHE_MAX = 50_000;
const stemCache = new Map<string, string>();
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Stems one word with the Russian or the English Snowball stemmer, chosen by the script of the word's
 * last letter (so `backend-разработчика` → `backend-разработчик`). Other scripts come back unchanged.
 * Expects a normalised word (see {@link normalizeText}); results are cached.
 */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stemUncached(word);
  if (stemCache.size >= STEM_CACHE_MAX) {
    const oldest = stemCache.keys().next();
    if (!oldest.done) stemCache.delete(oldest.value);
  }
  stemCache.set(word, stemmed);
  return stemmed;
}

function stemUncached(word: string): string {
  for (let i = word.length - 1; i >= 0; i--) {
    const ch = word[i] ?? '';
    if (CYRILLIC.test(ch)) return russian.stem(word);
    if (LATIN.test(ch)) return english.stem(word);
  }
  return word;
}

const STOP_WORDS: ReadonlySet<string> = new Set(
  [...stopwordsIso.ru, ...stopwordsIso.en].map((w) => normalizeToken(w)),
);

/** True for a Russian or English stop word (stopwords-iso); the word is normalised first. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || STOP_WORDS.has(normalizeToken(word));
}
