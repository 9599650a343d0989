/**
 * The aggregate `/mentions` reads a search's matches with, inside the statement that finds them: it places each
 * match in its period and chart bucket by its time, counts tones, keeps the best originals by engagement, and
 * each author's reach (highest followers seen) and mentions. Memory is the buckets, `top` rows and at most
 * {@link AUTHOR_LIMIT} authors, whatever the number of matches; past that (or for a match whose author has no
 * key) the authors are left to SQL.
 */
import type { AuthorArrays, AuthorCounts } from './author-counts.js';
import type { SentimentSplit } from './mention-types.js';
import { KEY_MINUTE_MS } from './search-key.js';

/** Authors a connection's tallies count before leaving them to SQL (typed arrays: about 1.5 MB). */
export const AUTHOR_LIMIT = 50_000;

/** What a tally counts: the periods, their chart edges, and how many top rows and authors to keep. */
export interface TallySpec {
  /** Start of the previous period; the current one is `[from, hi)`. */
  lo: number;
  from: number;
  hi: number;
  edges: readonly number[];
  shifted: readonly number[];
  top: number;
  /** Where authors are counted (cleared first); when it fills up, the result has no authors. */
  authors: AuthorCounts;
}

/** A tally's figures. `authors` is null when there were more than the tally keeps. */
export interface TallyResult {
  count: number;
  previousCount: number;
  buckets: number[];
  previousBuckets: number[];
  sentiment: SentimentSplit;
  /** Seqs of the best originals by engagement, then time, then seq. */
  top: number[];
  /** Mentions and reach by author key; null when there were more authors than the table holds. */
  authors: AuthorCounts | null;
}

/** SQL: the code {@link Tally.add} takes for `x.sentiment`: positive 0, neutral 1, negative 2, anything else 3. */
export const TONE_CODE_SQL =
  "CASE x.sentiment WHEN 'positive' THEN 0 WHEN 'neutral' THEN 1 WHEN 'negative' THEN 2 ELSE 3 END";

export interface Tally {
  /**
   * One row. Every value is a small integer, so a row allocates nothing: `ms` is the time within `minute`,
   * `tone` a code (0–3), `author` the author's key.
   */
  add(
    minute: number,
    ms: number,
    tone: number,
    seq: number,
    engagement: number,
    original: number,
    author: number,
    followers: number,
  ): void;
  /** `n` previous-period matches counted elsewhere (by their search keys), in previous bucket `bucket` (or none: -1). */
  addPrevious(bucket: number, n: number): void;
  /** What this tally counted, to be merged into a tally of the same spec (on another thread). */
  partial(): PartialTally;
  /** Adds what a tally of the same spec counted over other rows. */
  merge(other: PartialTally): void;
  result(): TallyResult;
}

/** A tally's counts as plain data: structured-clonable, its arrays transferable. */
export interface PartialTally {
  count: number;
  previousCount: number;
  buckets: number[];
  previousBuckets: number[];
  tones: number[];
  /** Best originals as [engagement, minute, ms, seq], best first. */
  best: number[][];
  /** Null when the authors overflowed the table. */
  authors: AuthorArrays | null;
}

export function createTally(spec: TallySpec): Tally {
  const { lo, from, hi, edges, shifted } = spec;
  const buckets = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  const previousBuckets = new Array<number>(Math.max(0, shifted.length - 1)).fill(0);
  const tones = [0, 0, 0, 0];
  const places = placeMinutes(spec);
  const firstMinute = Math.floor(lo / KEY_MINUTE_MS);
  // Best originals as [engagement, minute, ms, seq], best first.
  const best: number[][] = [];
  const authors = spec.authors;
  authors.clear();
  let overflow = false;
  let count = 0;
  let previousCount = 0;

  const offer = (engagement: number, minute: number, ms: number, seq: number) => {
    const last = best[best.length - 1];
    if (best.length >= spec.top && (!last || !better(engagement, minute, ms, seq, last))) return;
    let i = best.length;
    while (i > 0 && better(engagement, minute, ms, seq, best[i - 1] as number[])) i--;
    best.splice(i, 0, [engagement, minute, ms, seq]);
    if (best.length > spec.top) best.pop();
  };
  const current = (
    bucket: number,
    minute: number,
    ms: number,
    tone: number,
    seq: number,
    engagement: number,
    original: number,
    author: number,
    followers: number,
  ) => {
    count++;
    if (bucket >= 0) buckets[bucket] = (buckets[bucket] as number) + 1;
    tones[tone] = (tones[tone] as number) + 1;
    if (original === 1 && spec.top > 0) offer(engagement, minute, ms, seq);
    if (!overflow && !authors.add(author, followers)) overflow = true;
  };
  const previous = (bucket: number, n = 1) => {
    previousCount += n;
    if (bucket >= 0) previousBuckets[bucket] = (previousBuckets[bucket] as number) + n;
  };

  return {
    add(minute, ms, tone, seq, engagement, original, author, followers) {
      const place = places[minute - firstMinute];
      if (place === undefined || place === OUTSIDE) return;
      if (place === SPLIT) {
        // A minute an edge cuts: its rows are placed by their exact time.
        const t = minute * KEY_MINUTE_MS + ms;
        if (t < lo || t >= hi) return;
        if (t < from) previous(bucketOf(shifted, t));
        else current(bucketOf(edges, t), minute, ms, tone, seq, engagement, original, author, followers);
        return;
      }
      if (place <= PREVIOUS) previous(-3 - place);
      else current(place - 2, minute, ms, tone, seq, engagement, original, author, followers);
    },
    addPrevious: previous,
    partial: () => ({
      count,
      previousCount,
      buckets: [...buckets],
      previousBuckets: [...previousBuckets],
      tones: [...tones],
      best: best.map((b) => [...b]),
      authors: overflow ? null : authors.toArrays(),
    }),
    merge(other) {
      count += other.count;
      previousCount += other.previousCount;
      other.buckets.forEach((n, i) => {
        buckets[i] = (buckets[i] ?? 0) + n;
      });
      other.previousBuckets.forEach((n, i) => {
        previousBuckets[i] = (previousBuckets[i] ?? 0) + n;
      });
      other.tones.forEach((n, i) => {
        tones[i] = (tones[i] ?? 0) + n;
      });
      for (const [e, minute, ms, seq] of other.best)
        offer(e as number, minute as number, ms as number, seq as number);
      if (!other.authors) overflow = true;
      if (overflow) return;
      const { keys, mentions, reach } = other.authors as AuthorArrays;
      for (let i = 0; i < keys.length; i++) {
        if (!authors.addCounts(keys[i] as number, mentions[i] as number, reach[i] as number)) {
          overflow = true;
          return;
        }
      }
    },
    result: () => ({
      count,
      previousCount,
      buckets,
      previousBuckets,
      sentiment: {
        positive: tones[0] as number,
        neutral: tones[1] as number,
        negative: tones[2] as number,
        unknown: tones[3] as number,
      },
      top: best.map((b) => b[3] as number),
      authors: overflow ? null : authors,
    }),
  };
}

/**
 * Where a whole minute's rows go ({@link placeMinutes}): nowhere, by their exact time (an edge cuts the minute),
 * the previous period (bucket i as `-3 - i`, none as PREVIOUS) or the current one (bucket i as `2 + i`, none as
 * CURRENT).
 */
const OUTSIDE = 0;
const SPLIT = -1;
const PREVIOUS = -2;
const CURRENT = 1;

/**
 * For each minute of `[lo, hi)` (from the minute holding `lo`), where its rows go. Filled range by range, so a
 * 90-day period costs a few typed-array fills, not a search per minute.
 */
function placeMinutes(spec: TallySpec): Int32Array {
  const { lo, from, hi, edges, shifted } = spec;
  const first = Math.floor(lo / KEY_MINUTE_MS);
  const places = new Int32Array(Math.max(0, Math.floor((hi - 1) / KEY_MINUTE_MS) - first + 1));
  const fill = (a: number, b: number, place: number) => {
    const start = Math.ceil(a / KEY_MINUTE_MS) - first;
    const end = Math.floor(b / KEY_MINUTE_MS) - first;
    if (end > start) places.fill(place, Math.max(0, start), Math.min(places.length, end));
  };
  fill(lo, from, PREVIOUS);
  fill(from, hi, CURRENT);
  for (let i = 0; i + 1 < shifted.length; i++) fill(shifted[i] as number, shifted[i + 1] as number, -3 - i);
  for (let i = 0; i + 1 < edges.length; i++) fill(edges[i] as number, edges[i + 1] as number, 2 + i);
  for (const e of [lo, from, hi, ...edges, ...shifted]) {
    const k = Math.floor(e / KEY_MINUTE_MS) - first;
    if (e % KEY_MINUTE_MS !== 0 && k >= 0 && k < places.length) places[k] = SPLIT;
  }
  return places;
}

function better(e: number, minute: number, ms: number, seq: number, than: readonly number[]): boolean {
  if (e !== than[0]) return e > (than[0] as number);
  if (minute !== than[1]) return minute > (than[1] as number);
  if (ms !== than[2]) return ms > (than[2] as number);
  return seq > (than[3] as number);
}

/** The bucket `[edges[i], edges[i+1])` holding `at`, or -1 outside them all. */
export function bucketOf(edges: readonly number[], at: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  if (hi < 1 || at < (edges[0] ?? 0) || at >= (edges[hi] ?? 0)) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= at) lo = mid;
    else hi = mid;
  }
  return lo;
}
