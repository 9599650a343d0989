import type { Db } from './database.js';
import type { MentionQueries, SentimentSplit, TopAuthor, TopMention } from './mention-types.js';

export type {
  MentionFilter,
  MentionQueries,
  MentionSummary,
  MentionWindow,
  SentimentSplit,
  TopAuthor,
  TopMention,
} from './mention-types.js';

/** One matched tweet: seq, created_at, engagement, author id, author followers, sentiment, original (1/0). */
type Row = [number, number, number, string, number, string | null, number];

const HOUR_MS = 3_600_000;

const DETAIL = `t.likes + t.retweets + t.replies + t.quotes, t.author_id, t.author_followers, s.sentiment,
  t.retweet_of IS NULL`;
const HANDLE_FILTER = `(instr(lower(t.text), '@' || @handle) > 0
  OR EXISTS (SELECT 1 FROM json_each(t.mentions) WHERE lower(json_each.value) = @handle))`;

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
 * A word, phrase or @handle is one full-text query over both periods.
 */
export function createMentionQueries(db: Db): MentionQueries {
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
  // CROSS JOIN keeps the full-text index as the outer loop: the planner never scans tweets by time instead.
  // The index is read from the first seq of the period's first day on (migration 6), not from the start, and
  // a word or phrase joins only the narrow tweet_facts; an @handle also needs the text and mentions of tweets.
  const search = db
    .prepare(`
    SELECT x.seq, x.created_at, x.engagement, x.author_id, x.author_followers, x.sentiment, x.original
    FROM tweets_fts f CROSS JOIN tweet_facts x ON x.seq = f.rowid
    WHERE tweets_fts MATCH @match AND f.rowid >= @floor AND x.created_at >= @from AND x.created_at < @to`)
    .raw();
  const searchHandle = db
    .prepare(`
    SELECT t.seq, t.created_at, ${DETAIL}
    FROM tweets_fts f CROSS JOIN tweets t ON t.seq = f.rowid LEFT JOIN tweet_signals s ON s.tweet_seq = t.seq
    WHERE tweets_fts MATCH @match AND f.rowid >= @floor
      AND t.created_at >= @from AND t.created_at < @to AND ${HANDLE_FILTER}`)
    .raw();
  const seqFloor = db
    .prepare('SELECT min(first_seq) FROM tweet_days WHERE day >= CAST(? / 86400000 AS INTEGER)')
    .pluck();
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
        };
      }
      const params = {
        match: filter.match,
        floor: seqFloor.get(window.from - span) ?? Number.MAX_SAFE_INTEGER,
        from: window.from - span,
        to: window.to,
      };
      const all = uniqueBySeq(
        (filter.handle
          ? searchHandle.all({ ...params, handle: filter.handle })
          : search.all(params)) as Row[],
      );
      const rows = all.filter((r) => r[1] >= window.from);
      const previousRows = all.filter((r) => r[1] < window.from);
      const summary = tally(rows, topN, authorsN);
      return {
        count: rows.length,
        previousCount: previousRows.length,
        buckets: bucketize(rows, window.edges),
        previousBuckets: bucketize(previousRows, shifted),
        sentiment: summary.sentiment,
        top: details(summary.topSeqs),
        authors: authorsOf(summary.authors),
      };
    },
    brandCounts(brands, from, to) {
      return new Map(brands.map((b) => [b, brandTally(b, from, to, [from, to]).count]));
    },
    wordForms(stem, maxExtra, limit) {
      if (stem.length === 0) return [];
      const found = (terms.all(stem, `${stem}\u{10ffff}`, 2000) as string[]).filter(
        (w) => w.startsWith(stem) && [...w].length - [...stem].length <= maxExtra,
      );
      return found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, limit);
    },
  };

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
    let best = new Map<string, number>();
    for (;;) {
      const rows = brandReach.all(brand, from, to, limit) as [string, number][];
      best = new Map();
      let threshold = 0;
      let complete = rows.length < limit;
      for (const [id, followers] of rows) {
        if (best.size >= n && followers < threshold) {
          complete = true;
          break;
        }
        if (!best.has(id)) {
          best.set(id, followers);
          if (best.size === n) threshold = followers;
        }
      }
      if (complete) break;
      limit *= 4;
    }
    if (best.size === 0) return [];
    const mentions = new Map(
      brandAuthorMentions.all(brand, from, to, JSON.stringify([...best.keys()])) as [string, number][],
    );
    return [...best]
      .map(([id, followers]) => ({ id, followers, mentions: mentions.get(id) ?? 0 }))
      .sort((a, b) => b.followers - a.followers || b.mentions - a.mentions || (a.id < b.id ? -1 : 1))
      .slice(0, n);
  }

  function details(seqs: number[]): TopMention[] {
    if (seqs.length === 0) return [];
    const bySeq = new Map(
      (tweetDetails.all(JSON.stringify(seqs)) as (TopMention & { seq: number })[]).map(({ seq, ...m }) => [
        seq,
        m,
      ]),
    );
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

function uniqueBySeq<T extends [number, ...unknown[]]>(rows: T[]): T[] {
  const seen = new Set<number>();
  return rows.filter((r) => {
    if (seen.has(r[0])) return false;
    seen.add(r[0]);
    return true;
  });
}

/** Counts per bucket `[edges[i], edges[i+1])` of rows whose second column is a time. */
function bucketize(rows: readonly [number, number, ...unknown[]][], edges: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  for (const row of rows) {
    const i = bucketOf(edges, row[1]);
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** The bucket `[edges[i], edges[i+1])` holding `at`, or -1 outside them all. */
function bucketOf(edges: readonly number[], at: number): number {
  // Binary search for the last edge <= at.
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

/** Sentiment split, the most engaging originals, and authors by reach, in one pass over the rows. */
function tally(rows: readonly Row[], topN: number, authorsN: number) {
  const sentiment: SentimentSplit = { positive: 0, neutral: 0, negative: 0, unknown: 0 };
  const top: { seq: number; engagement: number; at: number }[] = [];
  const byAuthor = new Map<string, { id: string; followers: number; mentions: number }>();
  for (const [seq, at, engagement, authorId, followers, tone, original] of rows) {
    if (tone === 'positive' || tone === 'neutral' || tone === 'negative') sentiment[tone]++;
    else sentiment.unknown++;
    const author = byAuthor.get(authorId);
    if (author) {
      author.mentions++;
      author.followers = Math.max(author.followers, followers);
    } else byAuthor.set(authorId, { id: authorId, followers, mentions: 1 });
    if (original !== 1 || topN <= 0) continue;
    const last = top[top.length - 1];
    if (top.length < topN || (last && before({ engagement, at, seq }, last))) {
      top.push({ seq, engagement, at });
      top.sort((a, b) => (before(a, b) ? -1 : 1));
      if (top.length > topN) top.pop();
    }
  }
  const authors = [...byAuthor.values()]
    .sort((a, b) => b.followers - a.followers || b.mentions - a.mentions || (a.id < b.id ? -1 : 1))
    .slice(0, authorsN);
  return { sentiment, topSeqs: top.map((t) => t.seq), authors };
}

/** Order of top mentions: more engagement first, then newer, then later stored. */
function before(
  a: { engagement: number; at: number; seq: number },
  b: { engagement: number; at: number; seq: number },
): boolean {
  if (a.engagement !== b.engagement) return a.engagement > b.engagement;
  if (a.at !== b.at) return a.at > b.at;
  return a.seq > b.seq;
}
