import { stem } from '../classify/text.js';
import { leavesOf } from '../query/ast.js';
import { candidatesByReach, rankByReach } from './author-reach.js';
import type { Db } from './database.js';
import { compileSearch, periodParams, registerSearchFunctions } from './mention-search.js';
import type { MentionQueries, MentionRow, SentimentSplit, TopAuthor, TopMention } from './mention-types.js';
import { createHelperOnDemand, type SearchHelper } from './search-helper.js';
import { createSearchSummary } from './search-summary.js';
import { AUTHOR_LIMIT, bucketOf } from './search-tally.js';
import { createVocabularyCache } from './vocabulary-cache.js';

export type {
  MentionFilter,
  MentionQueries,
  MentionSummary,
  MentionWindow,
  SentimentSplit,
  TopAuthor,
  TopMention,
} from './mention-types.js';

const HOUR_MS = 3_600_000;
/** Shortest stem searched with its inflected forms, the most letters they add, and how many are searched. */
const MIN_STEM = 4;
const MAX_ENDING = 4;
const MAX_FORMS = 40;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Counts of a period: tweets, per bucket, by sentiment. */
interface Tally {
  count: number;
  buckets: number[];
  sentiment: SentimentSplit;
}

/**
 * A brand is read from the tables of migration 5 (kept by the signal writer): counts, chart buckets and
 * sentiment from hourly rows (`brand_mention_hours`), and only the hours a period or a bucket edge cuts
 * through (the period's ends; every day edge in a timezone like Asia/Kathmandu) from the per-tweet rows
 * (`brand_mention_tweets`), where the top mentions and authors are also found by index order and LIMIT.
 * A word, phrase or @handle is one statement over both periods ({@link createSearchSummary}). `authorLimit` is
 * for tests: how many authors a search's tally keeps before grouping them in SQL.
 */
export function createMentionQueries(
  db: Db,
  options: { authorLimit?: number; helper?: boolean | SearchHelper } = {},
): MentionQueries {
  const brandHours = db
    .prepare(`
    SELECT hour, positive, neutral, negative, unknown FROM brand_mention_hours
    WHERE brand = ? AND hour >= ? AND hour < ?`)
    .raw();
  const brandRows = db
    .prepare(`
    SELECT created_at, sentiment FROM brand_mention_tweets WHERE brand = ? AND created_at >= ? AND created_at < ?`)
    .raw();
  const brandTop = db
    .prepare(`
    SELECT tweet_seq FROM brand_mention_tweets
    WHERE brand = ? AND created_at >= ? AND created_at < ? AND original = 1
    ORDER BY engagement DESC, created_at DESC, tweet_seq DESC LIMIT ?`)
    .pluck();
  const brandReach = db
    .prepare(`
    SELECT author_id, author_followers FROM brand_mention_tweets
    WHERE brand = ? AND created_at >= ? AND created_at < ? ORDER BY author_followers DESC LIMIT ?`)
    .raw();
  const brandAuthorMentions = db
    .prepare(`
    SELECT author_id, count(*) FROM brand_mention_tweets
    WHERE brand = ? AND created_at >= ? AND created_at < ? AND author_id IN (SELECT value FROM json_each(?))
    GROUP BY author_id`)
    .raw();
  registerSearchFunctions(db);
  const tweetDetails = db.prepare(`
    SELECT t.seq, t.id AS tweetId, coalesce(a.username, '') AS username, coalesce(a.name, '') AS name,
      t.text, t.created_at AS createdAt, t.likes, t.retweets, t.replies, t.quotes
    FROM tweets t LEFT JOIN authors a ON a.id = t.author_id
    WHERE t.seq IN (SELECT value FROM json_each(?))`);
  const authorDetails = db.prepare(
    'SELECT id, username, name FROM authors WHERE id IN (SELECT value FROM json_each(?))',
  );
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.kestrel_fts_terms USING fts5vocab(main, 'tweets_fts', 'row')",
  );
  const terms = db
    .prepare('SELECT term FROM temp.kestrel_fts_terms WHERE term >= ? AND term < ? LIMIT ?')
    .pluck();
  const vocabulary = createVocabularyCache(db);
  const helper = createHelperOnDemand(db, options.helper ?? false, options.authorLimit ?? AUTHOR_LIMIT);
  const searchSummary = createSearchSummary({
    db,
    wordForms: formsOfWord,
    helper: helper.get,
    ...(options.authorLimit === undefined ? {} : { authorLimit: options.authorLimit }),
    finish: (counts, top, authors, forms) => ({
      ...counts,
      top: details(top),
      authors: authorsOf(authors),
      forms,
    }),
  });

  return {
    summarize(filter, window) {
      const span = window.to - window.from;
      const shifted = window.edges.map((e) => e - span);
      const topN = window.top ?? 5;
      const authorsN = window.authors ?? 5;
      if (filter.kind === 'brand') {
        const { brand } = filter;
        const current = brandTally(brand, window.from, window.to, window.edges);
        const previous = brandTally(brand, window.from - span, window.from, shifted);
        const top = topN > 0 ? (brandTop.all(brand, window.from, window.to, topN) as number[]) : [];
        return {
          count: current.count,
          previousCount: previous.count,
          buckets: current.buckets,
          previousBuckets: previous.buckets,
          sentiment: current.sentiment,
          top: details(top),
          authors: authorsOf(brandAuthors(brand, window.from, window.to, authorsN)),
          forms: [],
        };
      }
      return searchSummary(filter.root, window, shifted, topN, authorsN);
    },
    rows(root, from, to, limit) {
      const compiled = compileSearch(root, formsOfWord, { tweets: true });
      const brand = leavesOf(root).find((n) => n.type === 'brand');
      const tone = brand
        ? 'coalesce((SELECT b.sentiment FROM brand_mention_tweets b WHERE b.tweet_seq = x.seq AND b.brand = @brand), x.sentiment)'
        : 'x.sentiment';
      const statement = db.prepare(`
        SELECT t.id AS tweetId, t.created_at AS createdAt, coalesce(a.username, '') AS username,
          x.author_followers AS followers, t.text, s.label, ${tone} AS sentiment, t.likes, t.retweets, t.replies,
          t.quotes, t.impressions
        ${compiled.from} LEFT JOIN authors a ON a.id = x.author_id LEFT JOIN tweet_signals s ON s.tweet_seq = x.seq
        ${compiled.where} ORDER BY x.created_at, x.seq LIMIT @limit`);
      return statement.iterate({
        ...compiled.params,
        ...(brand ? { brand: brand.brand } : {}),
        ...periodParams(from, to),
        limit,
      }) as IterableIterator<MentionRow>;
    },
    brandCounts(brands, from, to) {
      return new Map(brands.map((b) => [b, brandTally(b, from, to, [from, to]).count]));
    },
    wordForms,
    ready: () => helper.get()?.ready() ?? Promise.resolve(),
    close: () => helper.close(),
  };

  function wordForms(base: string, maxExtra: number, limit: number): string[] {
    if (base.length === 0) return [];
    return vocabulary.remember(`${base}\u0000${maxExtra}\u0000${limit}`, () => {
      const found = (terms.all(base, `${base}\u{10ffff}`, 2000) as string[]).filter(
        (w) => w.startsWith(base) && [...w].length - [...base].length <= maxExtra,
      );
      return found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, limit);
    });
  }

  /** A word and, for a Russian word with a long enough stem, its indexed forms. */
  function formsOfWord(word: string): string[] {
    if (!CYRILLIC.test(word)) return [word];
    const base = stem(word);
    if ([...base].length < MIN_STEM) return [word];
    return [word, ...wordForms(base, MAX_ENDING, MAX_FORMS).filter((f) => f !== word)];
  }

  /**
   * A brand's tweets in `[from, to)`: whole UTC hours inside the period that no bucket edge cuts come from
   * the hourly rows; the rest (the partial hours at both ends, and hours an edge falls inside) from the
   * per-tweet rows.
   */
  function brandTally(brand: string, from: number, to: number, edges: readonly number[]): Tally {
    const out: Tally = {
      count: 0,
      buckets: new Array<number>(Math.max(0, edges.length - 1)).fill(0),
      sentiment: { positive: 0, neutral: 0, negative: 0, unknown: 0 },
    };
    const add = (at: number, positive: number, neutral: number, negative: number, unknown: number) => {
      const n = positive + neutral + negative + unknown;
      out.count += n;
      out.sentiment.positive += positive;
      out.sentiment.neutral += neutral;
      out.sentiment.negative += negative;
      out.sentiment.unknown += unknown;
      const i = bucketOf(edges, at);
      if (i >= 0) out.buckets[i] = (out.buckets[i] ?? 0) + n;
    };
    const firstHour = Math.ceil(from / HOUR_MS);
    const endHour = Math.floor(to / HOUR_MS);
    const cut: [number, number][] = [];
    if (firstHour >= endHour) cut.push([from, to]);
    else {
      const split = new Set<number>();
      for (const e of edges) {
        const hour = Math.floor(e / HOUR_MS);
        if (e > from && e < to && e % HOUR_MS !== 0 && hour >= firstHour && hour < endHour) split.add(hour);
      }
      if (from < firstHour * HOUR_MS) cut.push([from, firstHour * HOUR_MS]);
      for (const [hour, positive, neutral, negative, unknown] of brandHours.all(
        brand,
        firstHour,
        endHour,
      ) as [number, number, number, number, number][]) {
        if (!split.has(hour)) add(hour * HOUR_MS, positive, neutral, negative, unknown);
      }
      for (const hour of split) cut.push([hour * HOUR_MS, (hour + 1) * HOUR_MS]);
      if (endHour * HOUR_MS < to) cut.push([endHour * HOUR_MS, to]);
    }
    for (const [a, b] of cut) {
      for (const [at, tone] of brandRows.all(brand, a, b) as [number, string | null][]) {
        add(
          at,
          tone === 'positive' ? 1 : 0,
          tone === 'neutral' ? 1 : 0,
          tone === 'negative' ? 1 : 0,
          tone === 'positive' || tone === 'neutral' || tone === 'negative' ? 0 : 1,
        );
      }
    }
    return out;
  }

  /**
   * Authors of a brand's mentions in `[from, to)` by reach (their highest follower count seen), then by
   * mentions: reads rows by followers until the `n`-th author and everyone tied with them are found, then
   * counts only those authors' mentions.
   */
  function brandAuthors(brand: string, from: number, to: number, n: number) {
    if (n <= 0) return [];
    let limit = Math.max(64, n * 8);
    let best = candidatesByReach(brandReach.all(brand, from, to, limit) as [string, number][], n, limit);
    while (!best) {
      limit *= 4;
      best = candidatesByReach(brandReach.all(brand, from, to, limit) as [string, number][], n, limit);
    }
    if (best.size === 0) return [];
    const mentions = new Map(
      brandAuthorMentions.all(brand, from, to, JSON.stringify([...best.keys()])) as [string, number][],
    );
    return rankByReach(best, mentions, n);
  }

  function details(seqs: number[]): TopMention[] {
    if (seqs.length === 0) return [];
    const bySeq = new Map((tweetDetails.all(JSON.stringify(seqs)) as TopMention[]).map((m) => [m.seq, m]));
    return seqs.flatMap((s) => bySeq.get(s) ?? []);
  }

  function authorsOf(list: { id: string; followers: number; mentions: number }[]): TopAuthor[] {
    if (list.length === 0) return [];
    const byId = new Map(
      (
        authorDetails.all(JSON.stringify(list.map((a) => a.id))) as {
          id: string;
          username: string;
          name: string;
        }[]
      ).map((a) => [a.id, a]),
    );
    return list.map((a) => ({
      username: byId.get(a.id)?.username ?? a.id,
      name: byId.get(a.id)?.name ?? '',
      followers: a.followers,
      mentions: a.mentions,
    }));
  }
}
