import type { Db } from './database.js';

/** A stored tweet with what Kestrel read in it, as digests and alerts consume it. */
export interface DigestTweet {
  seq: number;
  id: string;
  text: string;
  createdAt: number;
  lang: string | null;
  username: string;
  name: string;
  followers: number;
  likes: number;
  retweets: number;
  replies: number;
  quotes: number;
  impressions: number | null;
  conversationId: string | null;
  replyTo: string | null;
  quoteOf: string | null;
  retweetOf: string | null;
  label: string;
  sentiment: string;
  /** JSON of the vacancy facts, for vacancies. */
  vacancy: string | null;
  /** The watches (ids) this tweet matched, among those asked for. */
  watchIds: number[];
}

/** The questions digests ask the store, in domain words. */
export interface DigestQueries {
  /** Tweets created in [from, to) that matched any of the watches, newest first. */
  matched(watchIds: readonly number[], from: number, to: number): DigestTweet[];
  /** Stored replies per conversation, for the given conversation ids. */
  repliesIn(conversationIds: readonly string[]): Map<string, number>;
  /** Mentions of a brand in [from, to) with their sentiment split. */
  brandVolume(
    brand: string,
    from: number,
    to: number,
  ): { count: number; positive: number; negative: number; neutral: number };
  /** The most engaging original mentions of a brand in [from, to), best first. */
  topBrandMentions(brand: string, from: number, to: number, limit: number): DigestTweet[];
  /** Mentions of a brand per hour, for `hours` hours ending at `to` (oldest first). */
  hourlyBrandCounts(brand: string, to: number, hours: number): number[];
}

const TWEET_COLUMNS = `t.seq, t.id, t.text, t.created_at AS createdAt, t.lang, a.username, a.name,
  CASE WHEN t.author_followers > 0 THEN t.author_followers ELSE a.followers END AS followers,
  t.likes, t.retweets, t.replies, t.quotes, t.impressions, t.conversation_id AS conversationId,
  t.reply_to AS replyTo, t.quote_of AS quoteOf, t.retweet_of AS retweetOf,
  coalesce(s.label, 'other') AS label, coalesce(s.sentiment, 'neutral') AS sentiment, s.vacancy`;

type Row = Omit<DigestTweet, 'watchIds'> & { watchIds?: string | null };

const HOUR = 3_600_000;

export function createDigestQueries(db: Db): DigestQueries {
  const matched = db.prepare(`
    SELECT ${TWEET_COLUMNS}, group_concat(m.watch_id) AS watchIds
    FROM watch_matches m
    JOIN tweets t ON t.seq = m.tweet_seq
    JOIN authors a ON a.id = t.author_id
    LEFT JOIN tweet_signals s ON s.tweet_seq = t.seq
    WHERE m.watch_id IN (SELECT value FROM json_each(?)) AND t.created_at >= ? AND t.created_at < ?
    GROUP BY t.seq
    ORDER BY t.created_at DESC`);
  const replies = db.prepare(`
    SELECT conversation_id AS id, count(*) AS n FROM tweets
    WHERE conversation_id IN (SELECT value FROM json_each(?)) AND reply_to IS NOT NULL
    GROUP BY conversation_id`);
  const volume = db.prepare(`
    SELECT count(*) AS count,
      count(*) FILTER (WHERE sentiment = 'positive') AS positive,
      count(*) FILTER (WHERE sentiment = 'negative') AS negative,
      count(*) FILTER (WHERE sentiment = 'neutral') AS neutral
    FROM brand_mention_tweets
    WHERE brand = ? AND created_at >= ? AND created_at < ?`);
  const top = db.prepare(`
    SELECT ${TWEET_COLUMNS}
    FROM brand_mentions b
    JOIN tweets t ON t.seq = b.tweet_seq
    JOIN authors a ON a.id = t.author_id
    LEFT JOIN tweet_signals s ON s.tweet_seq = t.seq
    WHERE b.brand = ? AND b.created_at >= ? AND b.created_at < ? AND t.retweet_of IS NULL
    GROUP BY t.seq
    ORDER BY (t.likes + t.retweets + t.replies + t.quotes) DESC, t.created_at DESC
    LIMIT ?`);
  const hourly = db.prepare(`
    SELECT CAST((created_at - ?) / ${HOUR} AS INTEGER) AS bucket, count(DISTINCT tweet_seq) AS n
    FROM brand_mentions WHERE brand = ? AND created_at >= ? AND created_at < ?
    GROUP BY bucket`);

  const toTweet = (row: Row): DigestTweet => ({
    ...row,
    watchIds: row.watchIds ? String(row.watchIds).split(',').map(Number) : [],
  });

  return {
    matched: (watchIds, from, to) => (matched.all(JSON.stringify(watchIds), from, to) as Row[]).map(toTweet),
    repliesIn(ids) {
      const rows = replies.all(JSON.stringify(ids)) as { id: string; n: number }[];
      return new Map(rows.map((r) => [r.id, r.n]));
    },
    brandVolume: (brand, from, to) =>
      volume.get(brand, from, to) as { count: number; positive: number; negative: number; neutral: number },
    topBrandMentions: (brand, from, to, limit) => (top.all(brand, from, to, limit) as Row[]).map(toTweet),
    hourlyBrandCounts(brand, to, hours) {
      const from = to - hours * HOUR;
      const counts = new Array<number>(hours).fill(0);
      for (const row of hourly.all(from, brand, from, to) as { bucket: number; n: number }[]) {
        if (row.bucket >= 0 && row.bucket < hours) counts[row.bucket] = row.n;
      }
      return counts;
    },
  };
}
