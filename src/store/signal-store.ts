import type { Classification } from '../classify/classifier.js';
import { KestrelError } from '../errors.js';
import type { Db } from './database.js';

const HOUR_MS = 3_600_000;
/** Columns of brand_mention_hours in order: positive, neutral, negative (unknown is for rows without a reading). */
const TONE_INDEX = { positive: 0, neutral: 1, negative: 2 } as const;

/** The first reading of a tweet just stored, with the tweet's figures that /mentions keeps beside it. */
export interface NewReading {
  seq: number;
  createdAt: number;
  reading: Classification;
  /** likes + retweets + replies + quotes. */
  engagement: number;
  /** Not a retweet. */
  original: boolean;
  authorId: string;
  /** The author's followers as stored on the tweet row. */
  authorFollowers: number;
}

/** Stores what the classifier read in a tweet. */
export interface SignalWriter {
  /** First readings of tweets just stored, in one go (the hourly /mentions counts move once per brand-hour). */
  insertMany(readings: readonly NewReading[], version: number): void;
  /** The first reading of one tweet already stored (its figures are read from the tweet row). */
  insert(tweetSeq: number, createdAt: number, result: Classification, version: number): void;
  /** A new reading replacing an earlier one (re-classification). */
  replace(tweetSeq: number, createdAt: number, result: Classification, version: number): void;
}

/** The tone toward one brand the tweet names: the per-brand reading, else the tweet's. */
function toneToward(r: Classification, brand: string): Classification['sentiment'] {
  return r.brandSentiment?.[brand] ?? r.sentiment;
}

export function createSignalWriter(db: Db): SignalWriter {
  const columns = `INTO tweet_signals (tweet_seq, label, confidence, reasons, sentiment, vacancy, salary_min, salary_max,
      salary_currency, salary_period, remote, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const insert = db.prepare(`INSERT ${columns}`);
  const upsert = db.prepare(`
    INSERT ${columns}
    ON CONFLICT (tweet_seq) DO UPDATE SET label = excluded.label, confidence = excluded.confidence,
      reasons = excluded.reasons, sentiment = excluded.sentiment, vacancy = excluded.vacancy,
      salary_min = excluded.salary_min, salary_max = excluded.salary_max, salary_currency = excluded.salary_currency,
      salary_period = excluded.salary_period, remote = excluded.remote, version = excluded.version`);
  const clearMentions = db.prepare('DELETE FROM brand_mentions WHERE tweet_seq = ?');
  const insertMention = db.prepare(
    'INSERT OR IGNORE INTO brand_mentions (tweet_seq, brand, start, end, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  // The /mentions tables of migrations 5 and 6: one (brand, tweet) row per brand named, with the tone toward that
  // brand, and the hourly counts moved by what was removed and added.
  const dropFacts = db.prepare(
    'DELETE FROM brand_mention_tweets WHERE tweet_seq = ? RETURNING brand, created_at AS createdAt, sentiment',
  );
  const addFact = db.prepare(`
    INSERT INTO brand_mention_tweets (brand, created_at, tweet_seq, sentiment, engagement, original, author_id,
      author_followers)
    SELECT ?, ?, seq, ?, likes + retweets + replies + quotes, retweet_of IS NULL, author_id, author_followers
    FROM tweets WHERE seq = ?
    RETURNING brand, created_at AS createdAt, sentiment`);
  const insertFact = db.prepare(`
    INSERT INTO brand_mention_tweets (brand, created_at, tweet_seq, sentiment, engagement, original, author_id,
      author_followers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTweetFacts = db.prepare(`
    INSERT INTO tweet_facts (seq, created_at, engagement, author_id, author_followers, original, sentiment, lang, reply,
      author_key)
    SELECT @seq, @createdAt, @engagement, @authorId, @authorFollowers, @original, @sentiment, t.lang,
      coalesce(t.reply_to IS NOT NULL, 0), (SELECT a.rowid FROM authors a WHERE a.id = @authorId)
    FROM (SELECT 1) LEFT JOIN tweets t ON t.seq = @seq`);
  const setFactsSentiment = db.prepare(`
    INSERT INTO tweet_facts (seq, created_at, engagement, author_id, author_followers, original, sentiment, lang, reply,
      author_key)
    SELECT seq, created_at, likes + retweets + replies + quotes, author_id, author_followers, retweet_of IS NULL, @sentiment,
      lang, reply_to IS NOT NULL, (SELECT a.rowid FROM authors a WHERE a.id = tweets.author_id)
    FROM tweets WHERE seq = @seq
    ON CONFLICT (seq) DO UPDATE SET sentiment = excluded.sentiment`);
  const tweetFigures = db.prepare(`
    SELECT likes + retweets + replies + quotes AS engagement, retweet_of IS NULL AS original, author_id AS authorId,
      author_followers AS authorFollowers FROM tweets WHERE seq = ?`);
  const bumpHour = db.prepare(`
    INSERT INTO brand_mention_hours (brand, hour, positive, neutral, negative, unknown) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (brand, hour) DO UPDATE SET positive = positive + excluded.positive,
      neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
      unknown = unknown + excluded.unknown`);
  const dropEmptyHour = db.prepare(
    'DELETE FROM brand_mention_hours WHERE brand = ? AND hour = ? AND positive + neutral + negative + unknown = 0',
  );
  const count = (rows: unknown[], delta: 1 | -1) => {
    for (const f of rows as { brand: string; createdAt: number; sentiment: string | null }[]) {
      const hour = Math.floor(f.createdAt / HOUR_MS);
      const tone = f.sentiment;
      bumpHour.run(
        f.brand,
        hour,
        tone === 'positive' ? delta : 0,
        tone === 'neutral' ? delta : 0,
        tone === 'negative' ? delta : 0,
        tone === 'positive' || tone === 'neutral' || tone === 'negative' ? 0 : delta,
      );
      if (delta < 0) dropEmptyHour.run(f.brand, hour);
    }
  };
  const row = (seq: number, r: Classification, version: number) => {
    const salary = r.vacancy?.salary ?? null;
    return [
      seq,
      r.label,
      r.confidence,
      JSON.stringify(r.reasons),
      r.sentiment,
      r.vacancy ? JSON.stringify(r.vacancy) : null,
      salary?.min ?? null,
      salary?.max ?? null,
      salary?.currency ?? null,
      salary?.period ?? null,
      r.vacancy?.remote ?? null,
      version,
    ];
  };
  const insertMany = (items: readonly NewReading[], version: number) => {
    const hours = new Map<string, { brand: string; hour: number; tones: [number, number, number, number] }>();
    for (const item of items) {
      const r = item.reading;
      insert.run(row(item.seq, r, version));
      insertTweetFacts.run({
        seq: item.seq,
        createdAt: item.createdAt,
        engagement: item.engagement,
        authorId: item.authorId,
        authorFollowers: item.authorFollowers,
        original: item.original ? 1 : 0,
        sentiment: r.sentiment,
      });
      if (r.brands.length === 0) continue;
      for (const b of r.brands) insertMention.run(item.seq, b.brand, b.start, b.end, item.createdAt);
      const hour = Math.floor(item.createdAt / HOUR_MS);
      for (const brand of new Set(r.brands.map((b) => b.brand))) {
        const sentiment = toneToward(r, brand);
        const tone = TONE_INDEX[sentiment];
        insertFact.run(
          brand,
          item.createdAt,
          item.seq,
          sentiment,
          item.engagement,
          item.original ? 1 : 0,
          item.authorId,
          item.authorFollowers,
        );
        const key = `${brand}\u0000${hour}`;
        const bucket = hours.get(key) ?? { brand, hour, tones: [0, 0, 0, 0] };
        bucket.tones[tone]++;
        hours.set(key, bucket);
      }
    }
    for (const { brand, hour, tones } of hours.values()) bumpHour.run(brand, hour, ...tones);
  };
  return {
    insertMany,
    insert(seq, createdAt, r, version) {
      const figures = tweetFigures.get(seq) as Omit<NewReading, 'seq' | 'createdAt' | 'reading'> | undefined;
      if (!figures) throw new KestrelError('STORE_FAILED', `No tweet with seq ${seq} to attach a reading to`);
      insertMany([{ seq, createdAt, reading: r, ...figures, original: Boolean(figures.original) }], version);
    },
    replace(seq, createdAt, r, version) {
      count(dropFacts.all(seq), -1);
      upsert.run(row(seq, r, version));
      setFactsSentiment.run({ seq, sentiment: r.sentiment });
      clearMentions.run(seq);
      for (const b of r.brands) insertMention.run(seq, b.brand, b.start, b.end, createdAt);
      const first = new Map<string, number>();
      for (const b of r.brands) if (!first.has(b.brand)) first.set(b.brand, createdAt);
      count(
        [...first].map(([brand, at]) => addFact.get(brand, at, toneToward(r, brand), seq)),
        1,
      );
    },
  };
}
