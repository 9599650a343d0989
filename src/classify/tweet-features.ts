/**
 * The features Kestrel's learned models read in a tweet, hashed into a fixed space: stems and stem bigrams,
 * character n-grams of each word, the label cues (so the reasons shown to people are features too), negation,
 * emoticons, the sentiment lexicon's score and the shape of the text (links, hashtags, mentions, length,
 * question form). For a brand's sentiment, the brand's words become a placeholder and the words around it get
 * features of their own. What a word contributes is computed once per distinct word and cached.
 */
import { fnvStep, fnvString, mix } from '../learn/hash.js';
import { CUES, type DetectedCues } from './cue-detect.js';
import { type PreparedText, stem, type Token } from './text.js';

/** Bits of the hashed feature space: 2^16 buckets (2^18 read SentiRuEval no better; the weights stay in cache). */
export const FEATURE_BITS = 16;
export const FEATURE_DIMENSION = 1 << FEATURE_BITS;
/** Bumped whenever the features change: a model file trained for other features is refused. */
export const FEATURE_VERSION = 2;
const MASK = FEATURE_DIMENSION - 1;
const CHAR_GRAM_VALUE = 0.35;

/**
 * A growable sparse vector, reused from tweet to tweet: the first `count` entries count. It also remembers
 * which entries are word stems (and of which token) and which are named shapes, for explaining a score.
 */
export class FeatureVector {
  index = new Int32Array(512);
  value = new Float32Array(512);
  count = 0;
  /** Buckets of the stem features and the token each came from; the first `wordCount` count. */
  readonly wordBuckets: number[] = [];
  readonly wordTokens: number[] = [];
  wordCount = 0;
  /** Buckets of the shape features set. */
  readonly shapeBuckets: number[] = [];
  /** The tweet these features were written for, and its words' context buckets by token index (for brands). */
  contextsOf: PreparedText | null = null;
  readonly contexts: (ContextBuckets | undefined)[] = [];

  clear(): void {
    this.count = 0;
    this.wordCount = 0;
    this.shapeBuckets.length = 0;
    this.contextsOf = null;
  }

  /** Adds a feature by its bucket (see {@link featureBucket}). */
  add(bucket: number, value: number): void {
    if (this.count === this.index.length) {
      const index = new Int32Array(this.count * 2);
      index.set(this.index);
      const values = new Float32Array(this.count * 2);
      values.set(this.value);
      this.index = index;
      this.value = values;
    }
    this.index[this.count] = bucket;
    this.value[this.count] = value;
    this.count++;
  }

  /** A compact copy of the features (for training sets). */
  snapshot(): { index: Int32Array; value: Float32Array } {
    return { index: this.index.slice(0, this.count), value: this.value.slice(0, this.count) };
  }
}

/** A span of the text (UTF-16 offsets) that names a brand. */
export interface TextSpan {
  start: number;
  end: number;
}

/** For per-brand sentiment: the brand whose sentiment is asked, and the other brands of the tweet. */
export interface SentimentTarget {
  spans: readonly TextSpan[];
  others: readonly TextSpan[];
}

const NS = {
  word: fnvString('w\u0000'),
  bigram: fnvString('b\u0000'),
  chars: fnvString('c\u0000'),
  cue: fnvString('q\u0000'),
  shape: fnvString('s\u0000'),
  negated: fnvString('n\u0000'),
  near: fnvString('t\u0000'),
  targetBigram: fnvString('x\u0000'),
  clause: fnvString('k\u0000'),
};
const bucketOf = (hash: number) => mix(hash) & MASK;

/** The bucket a named feature lands in, for explaining a score. */
export function featureBucket(namespace: keyof typeof NS, name: string): number {
  return bucketOf(fnvString(name, NS[namespace]));
}

const CUE_BUCKETS = CUES.map((cue) => featureBucket('cue', cue));
const NEGATORS = new Set(['не', 'нет', 'ни', 'без', 'not', 'no', 'never', 'nothing', 'нету', 'никогда']);
const TARGET_BUCKET = featureBucket('shape', 'target');
const BEFORE_SEED = fnvString('<', NS.targetBigram);
const AFTER_SEED = fnvString('>', NS.targetBigram);
/** The buckets of a word next to a brand: near it, right before it, right after it. */
export interface ContextBuckets {
  near: number;
  before: number;
  after: number;
  /** In the same clause as the brand (between sentence marks and contrast words such as «а», «но», "but"). */
  clause: number;
}

function contextBuckets(stem: string): ContextBuckets {
  return {
    near: featureBucket('near', stem),
    before: bucketOf(fnvString(stem, BEFORE_SEED)),
    after: bucketOf(fnvString(stem, AFTER_SEED)),
    clause: featureBucket('clause', stem),
  };
}

/** Another brand next to the target counts as one placeholder word. */
const OTHER_BRAND = contextBuckets('\u0001B');
/** Per word of the tweet being read for a brand: its context buckets, or null for the brand's own words. */
const slots: (ContextBuckets | null)[] = [];
const clauses: number[] = [];
const CLAUSE_END = new Set(['.', '!', '?', ';', '…']);
const CONTRAST = new Set(['а', 'но', 'зато', 'однако', 'хотя', 'but', 'however', 'though', 'whereas']);
const NEAR_REACH = 3;

/** What one word contributes, whatever tweet it is in. */
interface WordFeatures {
  stem: string;
  stemBucket: number;
  /** FNV state after the stem in the bigram namespace: a bigram continues it with the next stem. */
  bigramSeed: number;
  negatedBucket: number;
  charGrams: Int32Array;
  negator: boolean;
  context: ContextBuckets;
}

const WORD_CACHE_MAX = 50_000;
const wordCache = new Map<string, WordFeatures>();

function wordFeatures(word: string): WordFeatures {
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const s = stem(word);
  const entry: WordFeatures = {
    stem: s,
    stemBucket: featureBucket('word', s),
    bigramSeed: fnvString(s, NS.bigram),
    negatedBucket: featureBucket('negated', s),
    charGrams: charGrams(word),
    negator: NEGATORS.has(word) || word.endsWith("n't"),
    context: contextBuckets(s),
  };
  if (wordCache.size >= WORD_CACHE_MAX) {
    const oldest = wordCache.keys().next();
    if (!oldest.done) wordCache.delete(oldest.value);
  }
  wordCache.set(word, entry);
  return entry;
}

/** Buckets of the character 4-grams of `<word>` (3- and 5-grams as well read SentiRuEval no better). */
function charGrams(word: string): Int32Array {
  const n = word.length + 2;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let h = NS.chars;
    for (let len = 1; len <= 4 && i + len <= n; len++) {
      const p = i + len - 1;
      h = fnvStep(h, p === 0 ? 0x3c : p === n - 1 ? 0x3e : word.charCodeAt(p - 1));
      if (len === 4) out.push(bucketOf(h));
    }
  }
  return Int32Array.from(out);
}

function overlaps(t: Token, spans: readonly TextSpan[]): boolean {
  for (const s of spans) if (t.start < s.end && s.start < t.end) return true;
  return false;
}

/** What the caller already knows of the tweet besides its tokens. */
export interface FeatureContext {
  cues: DetectedCues;
  /** The sentiment lexicon's score of the text (see `sentiment.ts`). */
  lexiconScore: number;
  /** Offsets where the tweet names a configured brand's own account (`@sberbank`): it talks to the company. */
  brandHandles?: readonly number[];
}

/** Handles of support desks, whatever the brand: `@MegaFon_SZ_Help`, `@AskVTB`, `@beeline_care`. */
const SUPPORT_HANDLE = /help|support|care|service|^@ask|podderzhka/i;

const shapeBuckets = new Map<string, number>();

function shape(out: FeatureVector, name: string): void {
  let bucket = shapeBuckets.get(name);
  if (bucket === undefined) {
    bucket = featureBucket('shape', name);
    shapeBuckets.set(name, bucket);
  }
  out.add(bucket, 1);
  out.shapeBuckets.push(bucket);
}

/** Writes the features of one tweet into `out` (cleared first). */
export function tweetFeatures(prepared: PreparedText, context: FeatureContext, out: FeatureVector): void {
  const { cues, lexiconScore } = context;
  out.clear();
  out.contextsOf = prepared;
  const tokens = prepared.tokens;
  let hashtags = 0;
  let mentions = 0;
  let urls = 0;
  let negateFor = 0;
  let parens = 0;
  let sadParens = 0;
  let exclamations = 0;
  let questions = 0;
  let bigramSeed = 0;
  let words = 0;
  let addressed = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const kind = t.kind;
    if (kind === 'punct') {
      const c = t.text;
      if (c === ')') parens++;
      else if (c === '(') sadParens++;
      else if (c === '!') exclamations++;
      else if (c === '?') questions++;
      if (c === '.' || c === '!' || c === '?' || c === ';') negateFor = 0;
      continue;
    }
    if (kind === 'url') {
      urls++;
      continue;
    }
    if (kind === 'mention') {
      mentions++;
      const company = context.brandHandles?.includes(t.start) || SUPPORT_HANDLE.test(t.text);
      if (i === 0) shape(out, company ? 'starts-with-company-handle' : 'starts-with-mention');
      if (company) addressed = true;
      continue;
    }
    if (kind === 'number') {
      shape(out, 'number');
      continue;
    }
    if (kind === 'emoji') {
      out.add(featureBucket('word', t.text), 1);
      continue;
    }
    if (kind !== 'word' && kind !== 'hashtag') continue;
    if (kind === 'hashtag') {
      hashtags++;
      out.add(featureBucket('word', t.text), 1);
    }
    const w = wordFeatures(kind === 'hashtag' ? t.text.slice(1) : t.text);
    out.contexts[i] = w.context;
    const grams = w.charGrams;
    for (let g = 0; g < grams.length; g++) out.add(grams[g]!, CHAR_GRAM_VALUE);
    if (negateFor > 0) {
      out.add(w.negatedBucket, 1);
      negateFor--;
    }
    if (w.negator) negateFor = 2;
    if (kind === 'word') {
      out.wordBuckets[out.wordCount] = w.stemBucket;
      out.wordTokens[out.wordCount] = i;
      out.wordCount++;
    }
    out.add(w.stemBucket, 1);
    if (words > 0) out.add(bucketOf(fnvString(w.stem, bigramSeed)), 1);
    bigramSeed = w.bigramSeed;
    words++;
  }
  for (let id = 0; id < CUES.length; id++) {
    if ((cues.mask[id >>> 5]! & (1 << (id & 31))) !== 0) out.add(CUE_BUCKETS[id]!, 1);
  }
  shape(out, `words:${words === 0 ? 0 : words <= 3 ? 1 : words <= 7 ? 2 : words <= 15 ? 3 : 4}`);
  shape(out, `urls:${Math.min(urls, 2)}`);
  shape(out, `hashtags:${Math.min(hashtags, 3)}`);
  shape(out, `mentions:${Math.min(mentions, 2)}`);
  if (urls > 0 && words <= 6) shape(out, 'short-with-link');
  if (prepared.normalized.startsWith('rt @')) shape(out, 'retweet');
  if (parens > 0) shape(out, parens >= 2 ? 'smile:2' : 'smile:1');
  if (sadParens > 0) shape(out, sadParens >= 2 ? 'frown:2' : 'frown:1');
  if (exclamations > 0) shape(out, exclamations >= 2 ? 'exclaim:2' : 'exclaim:1');
  if (questions > 0) shape(out, questions >= 2 ? 'question:2' : 'question:1');
  if (prepared.normalized.endsWith('?')) shape(out, 'ends-with-question');
  if (addressed) shape(out, questions > 0 ? 'asks-a-company' : 'talks-to-a-company');
  if (lexiconScore !== 0) shape(out, `lexicon:${lexiconBucket(lexiconScore)}`);
}

/**
 * The features one brand adds to its tweet's (written into `out`, cleared first): the words within
 * {@link NEAR_REACH} words of the brand's own, the words right before and after it, the words of its clause,
 * and a placeholder for another brand among them. A brand's sentiment is read from the tweet's features plus these.
 * `tweet`, the tweet's own features when they were just written, saves looking its words up again.
 */
export function targetFeatures(
  prepared: PreparedText,
  target: SentimentTarget,
  out: FeatureVector,
  tweet?: FeatureVector,
): void {
  out.clear();
  slots.length = 0;
  clauses.length = 0;
  const known = tweet?.contextsOf === prepared ? tweet.contexts : null;
  let clause = 0;
  const tokens = prepared.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && CLAUSE_END.has(t.text)) clause++;
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    if (t.kind === 'word' && CONTRAST.has(t.text)) clause++;
    clauses.push(clause);
    slots.push(
      overlaps(t, target.spans)
        ? null
        : overlaps(t, target.others)
          ? OTHER_BRAND
          : (known?.[i] ?? wordFeatures(t.kind === 'hashtag' ? t.text.slice(1) : t.text).context),
    );
  }
  out.add(TARGET_BUCKET, 1);
  let lastClause = -1;
  for (let i = 0; i < slots.length; i++) {
    if (slots[i] !== null) continue;
    for (let d = -NEAR_REACH; d <= NEAR_REACH; d++) {
      const near = slots[i + d];
      if (!near) continue;
      out.add(near.near, 1);
      if (d === -1) out.add(near.before, 1);
      if (d === 1) out.add(near.after, 1);
    }
    if (clauses[i] === lastClause) continue;
    lastClause = clauses[i]!;
    for (let j = 0; j < slots.length; j++) {
      const word = slots[j];
      if (word && clauses[j] === lastClause) out.add(word.clause, 1);
    }
  }
}

function lexiconBucket(score: number): string {
  if (score <= -2) return '--';
  if (score <= -1) return '-';
  if (score < 0) return '-?';
  if (score >= 2) return '++';
  if (score >= 1) return '+';
  return '+?';
}
