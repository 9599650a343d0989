/**
 * Lexicon-based sentiment of a Russian or English tweet: stemmed lexicon words (see `sentiment-lexicon.ts`),
 * negation (не, нет, ни, not, no, never, n't flip the next 1–3 words; "не работает" is a complaint),
 * intensifiers, emoticons and emoji, and "!" emphasis. Promotional and loan-advertising texts are damped
 * towards neutral. Pure and allocation-light: the tables are built once at module load.
 */
import {
  INTENSIFIERS,
  lexiconEntries,
  NEGATED_NEGATIVE,
  NEGATORS,
  PROMO,
  phraseEntries,
  wordList,
} from './sentiment-lexicon.js';
import { stem, type Token, tokenize } from './text.js';

/** The verdict on one text. */
export interface Sentiment {
  sentiment: 'positive' | 'negative' | 'neutral';
  /** Sum of the cue weights after negation, intensifiers and damping; > 0 leans positive. */
  score: number;
  /** The cues that counted, as they appear (lower-cased), with a leading `-` when negated. */
  cues: string[];
}

/** |score| at or above which a text is positive or negative. */
export const SENTIMENT_THRESHOLD = 1;

const LEXICON = new Map<string, number>();
for (const [word, weight] of lexiconEntries()) LEXICON.set(stem(word), weight);
const PHRASES = new Map<string, number>();
for (const [phrase, weight] of phraseEntries()) {
  PHRASES.set(
    phrase
      .split(' ')
      .map((w) => stem(w))
      .join(' '),
    weight,
  );
}
const NEGATED_NEGATIVE_STEMS = new Set(wordList(NEGATED_NEGATIVE).map((w) => stem(w)));
const INTENSIFIER_WORDS = new Set(wordList(INTENSIFIERS));
const NEGATOR_WORDS = new Set(wordList(NEGATORS));
const PROMO_STEMS = new Set(wordList(PROMO).map((w) => stem(w)));

/** Emoticons and emoji with their weights. */
const EMOTICON_RE =
  /(?<![\p{L}\p{N}])[:;=][-'^]?[)\]DPp3]+|\){2,}|(?<![\p{L}\p{N}])[:;=][-'^]?[([/\\]+|\({2,}|:'\(|[\u{1F600}-\u{1F64F}\u{1F44D}\u{1F44E}\u{1F525}\u{2764}\u{1F494}\u{1F4A9}\u{1F92C}\u{1F621}\u{1F620}\u{1F62D}\u{1F44F}\u{1F4AA}\u{1F64F}\u{1F60D}\u{1F970}\u{1F929}\u{1F92E}\u{1F922}\u{1F595}\u{1F389}\u{1F44C}\u{2705}\u{274C}\u{1F4AF}]/gu;
const EMOJI_WEIGHT: Record<string, number> = {
  '😡': -2,
  '😠': -2,
  '🤬': -2,
  '👎': -2,
  '😭': -1.5,
  '😢': -1,
  '😞': -1,
  '😔': -1,
  '😒': -1,
  '😩': -1,
  '😫': -1,
  '😤': -1,
  '😖': -1,
  '😣': -1,
  '😟': -1,
  '🙁': -1,
  '☹': -1,
  '💩': -2,
  '🤮': -2,
  '🤢': -1.5,
  '🖕': -2,
  '💔': -1.5,
  '❌': -1,
  '👍': 1.5,
  '🔥': 1,
  '❤': 1.5,
  '😍': 2,
  '🥰': 2,
  '🤩': 1.5,
  '😊': 1,
  '🙂': 1,
  '😀': 1,
  '😃': 1,
  '😄': 1,
  '😁': 1,
  '😉': 0.5,
  '😂': 0.5,
  '👏': 1.5,
  '💪': 1,
  '🙏': 1,
  '🎉': 1,
  '👌': 1,
  '✅': 0.5,
  '💯': 1,
};

const NEGATION_REACH = 3;
const INTENSITY = 1.5;
const NEGATED_POSITIVE = -0.7;
const NEGATED_NEGATIVE_WEIGHT = 0.5;
const PROMO_DAMPING = 0.3;

/** Scores the sentiment of a tweet in Russian or English. */
export function sentimentOf(text: string): Sentiment {
  return sentimentOfTokens(text, tokenize(text));
}

const SENTENCE_END = /[.?;]/;
const PLAIN = 0;
const NEGATOR = 1;
const INTENSIFIER = 2;

/** What the scorer needs to know about one word; cached per distinct word. */
interface WordInfo {
  role: typeof PLAIN | typeof NEGATOR | typeof INTENSIFIER;
  stem: string;
  promo: boolean;
  weight: number | undefined;
  negatedNegative: boolean;
}

const WORD_CACHE_MAX = 50_000;
const wordCache = new Map<string, WordInfo>();

function wordInfo(word: string): WordInfo {
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const negator = NEGATOR_WORDS.has(word) || word.endsWith("n't") || word.endsWith('n’t');
  const role = negator ? NEGATOR : INTENSIFIER_WORDS.has(word) ? INTENSIFIER : PLAIN;
  const s = role === PLAIN ? stem(word) : word;
  const info: WordInfo = {
    role,
    stem: s,
    promo: PROMO_STEMS.has(s),
    weight: LEXICON.get(s),
    negatedNegative: NEGATED_NEGATIVE_STEMS.has(s),
  };
  if (wordCache.size >= WORD_CACHE_MAX) {
    const oldest = wordCache.keys().next();
    if (!oldest.done) wordCache.delete(oldest.value);
  }
  wordCache.set(word, info);
  return info;
}

/** Two-word phrase keys are `first second`: only a word that is some phrase's first can start one. */
const PHRASE_FIRSTS = new Set([...PHRASES.keys()].map((k) => k.slice(0, k.indexOf(' '))));

function mayStartPhrase(previous: string): boolean {
  return PHRASE_FIRSTS.has(previous) || previous.includes(' ');
}

/** {@link sentimentOf} for a text already tokenized (`tokens` = `tokenize(text)`). */
export function sentimentOfTokens(text: string, tokens: readonly Token[]): Sentiment {
  const cues: string[] = [];
  let score = 0;
  let negatedFor = 0;
  let intensify = 1;
  let promo = 0;
  let previousStem = '';
  for (const token of tokens) {
    if (token.kind !== 'word') {
      if (token.kind === 'url') promo += 0.5;
      if (token.kind === 'punct' && SENTENCE_END.test(token.text)) negatedFor = 0;
      previousStem = '';
      continue;
    }
    const word = token.text;
    const info = wordInfo(word);
    if (info.role === NEGATOR) {
      negatedFor = NEGATION_REACH;
      previousStem = word;
      continue;
    }
    if (info.role === INTENSIFIER) {
      intensify = INTENSITY;
      continue;
    }
    const s = info.stem;
    if (info.promo) promo++;
    const phrase = mayStartPhrase(previousStem) ? PHRASES.get(`${previousStem} ${s}`) : undefined;
    previousStem = s;
    let weight = phrase ?? info.weight;
    if (weight === undefined && negatedFor > 0 && info.negatedNegative) {
      score -= 1.5;
      cues.push(`-${word}`);
      negatedFor = 0;
      continue;
    }
    if (weight === undefined || weight === 0) {
      if (negatedFor > 0) negatedFor--;
      continue;
    }
    weight *= intensify;
    intensify = 1;
    if (phrase !== undefined) negatedFor = 0;
    if (negatedFor > 0) {
      weight *= weight > 0 ? NEGATED_POSITIVE : -NEGATED_NEGATIVE_WEIGHT;
      cues.push(`-${word}`);
      negatedFor = 0;
    } else cues.push(word);
    score += weight;
  }
  score += emoticonScore(text, cues);
  const exclamations = countExclamations(text);
  if (exclamations >= 2 && score !== 0) score *= 1.3;
  if (promo >= 2 && score > 0) score *= PROMO_DAMPING;
  score = Math.round(score * 100) / 100;
  const sentiment =
    score >= SENTIMENT_THRESHOLD ? 'positive' : score <= -SENTIMENT_THRESHOLD ? 'negative' : 'neutral';
  return { sentiment, score, cues };
}

function emoticonScore(text: string, cues: string[]): number {
  let score = 0;
  const re = EMOTICON_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const cue = m[0];
    const emoji = EMOJI_WEIGHT[cue];
    const weight = emoji ?? (/[)\]DPp3]/.test(cue.slice(-1)) ? 1 : -1);
    score += weight;
    cues.push(cue);
  }
  return score;
}

function countExclamations(text: string): number {
  let n = 0;
  for (let i = text.indexOf('!'); i !== -1; i = text.indexOf('!', i + 1)) n++;
  return n;
}
