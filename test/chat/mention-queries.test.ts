import { beforeAll, describe, expect, it } from 'vitest';
import { bucketEdges } from '../../commands/args/period.js';
import type { Classification } from '../../src/classify/classifier.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { ftsString } from '../../src/store/mention-fts.js';
import { createMentionQueries, type MentionQueries } from '../../src/store/mention-queries.js';
import { migrations } from '../../src/store/migrations.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createTweetWriter } from '../../src/store/tweet-store.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';
import { DEMO_NOW, demoStore } from './demo-store.js';

const DAY = 86_400_000;
let db: Db;
let queries: MentionQueries;

beforeAll(async () => {
  db = (await demoStore()).db;
  queries = createMentionQueries(db);
});

describe('mention queries', () => {
  it('summarizes a brand: counts, buckets, sentiment', () => {
    const from = DEMO_NOW - 7 * DAY;
    const edges = bucketEdges(from, DEMO_NOW, 'day', 'Europe/Moscow');
    const s = queries.summarize({ kind: 'brand', brand: 'Sber' }, { from, to: DEMO_NOW, edges });
    const count = (a: number, b: number) =>
      (
        db
          .prepare(
            'SELECT count(DISTINCT tweet_seq) AS n FROM brand_mentions WHERE brand = ? AND created_at >= ? AND created_at < ?',
          )
          .get('Sber', a, b) as { n: number }
      ).n;
    expect(s.count).toBe(count(from, DEMO_NOW));
    expect(s.previousCount).toBe(count(from - 7 * DAY, from));
    expect(s.buckets.reduce((a, b) => a + b, 0)).toBe(s.count);
    expect(s.previousBuckets.reduce((a, b) => a + b, 0)).toBe(s.previousCount);
    const { positive, neutral, negative, unknown } = s.sentiment;
    expect(positive + neutral + negative + unknown).toBe(s.count);
    expect(s.authors.length).toBeGreaterThan(0);
    for (let i = 1; i < s.authors.length; i++) {
      expect(s.authors[i - 1]!.followers).toBeGreaterThanOrEqual(s.authors[i]!.followers);
    }
  });

  it('counts brands for share of voice', () => {
    const counts = queries.brandCounts(['Yandex', 'Sber', 'Nope'], DEMO_NOW - 30 * DAY, DEMO_NOW);
    expect(counts.get('Yandex')).toBe(65);
    expect(counts.get('Sber')).toBe(12);
    expect(counts.get('Nope')).toBe(0);
  });

  it('lists word forms of a stem, bounded', () => {
    const forms = queries.wordForms('ваканс', 4, 40);
    expect(forms).toContain('вакансия');
    for (const f of forms) {
      expect(f.startsWith('ваканс')).toBe(true);
      expect(f.length).toBeLessThanOrEqual(10);
    }
    expect(queries.wordForms('ваканс', 4, 1)).toHaveLength(1);
  });

  it('escapes FTS text so hostile strings are only ever text', () => {
    expect(ftsString('say "hi"')).toBe('"say ""hi"""');
    const count = db.prepare('SELECT count(*) AS n FROM tweets_fts WHERE tweets_fts MATCH ?');
    for (const hostile of [
      '"',
      '*',
      '(',
      'NEAR(a b)',
      'a OR b',
      '-x',
      'x:y',
      '^a',
      '{a}',
      "'",
      'AND',
      '🙂 a',
    ]) {
      expect(() => count.get(ftsString(hostile)), hostile).not.toThrow();
      expect(() => count.get(`(${ftsString(hostile)} OR ${ftsString('yandex')})`), hostile).not.toThrow();
    }
  });
});

describe('brand mention rollups (migration 4)', () => {
  const T0 = Date.UTC(2026, 10, 1, 0, 0);
  const HOUR = 3_600_000;
  const TONES = ['positive', 'neutral', 'negative'] as const;
  const BRANDS = ['Yandex', 'Sber', 'VK'];

  const reading = (brands: string[], sentiment: (typeof TONES)[number]): Classification => ({
    label: 'discussion',
    confidence: 0.5,
    reasons: [],
    vacancy: null,
    brands: brands.map((brand, i) => ({ brand, start: i * 10, end: i * 10 + 3, surface: brand })),
    sentiment,
    brandSentiment: {},
  });

  /** The rollups as recounted from the raw tables. */
  function recount(store: Db) {
    const hours = store
      .prepare(`
        SELECT m.brand, m.at / 3600000 AS hour, count(*) FILTER (WHERE s.sentiment = 'positive') AS positive,
          count(*) FILTER (WHERE s.sentiment = 'neutral') AS neutral,
          count(*) FILTER (WHERE s.sentiment = 'negative') AS negative,
          count(*) FILTER (WHERE s.sentiment IS NULL) AS unknown
        FROM (SELECT tweet_seq, brand, min(created_at) AS at FROM brand_mentions GROUP BY tweet_seq, brand) m
          LEFT JOIN tweet_signals s ON s.tweet_seq = m.tweet_seq
        GROUP BY m.brand, hour ORDER BY m.brand, hour`)
      .all();
    const tweets = store
      .prepare(`
        SELECT m.brand, m.at AS created_at, m.tweet_seq, s.sentiment, t.likes + t.retweets + t.replies + t.quotes AS engagement,
          t.retweet_of IS NULL AS original, t.author_id, t.author_followers
        FROM (SELECT tweet_seq, brand, min(created_at) AS at FROM brand_mentions GROUP BY tweet_seq, brand) m
          JOIN tweets t ON t.seq = m.tweet_seq LEFT JOIN tweet_signals s ON s.tweet_seq = m.tweet_seq
        ORDER BY m.brand, m.at, m.tweet_seq`)
      .all();
    const facts = store
      .prepare(`
        SELECT t.seq, t.created_at, t.likes + t.retweets + t.replies + t.quotes AS engagement, t.author_id,
          t.author_followers, t.retweet_of IS NULL AS original, s.sentiment, t.lang, t.reply_to IS NOT NULL AS reply,
          (SELECT a.rowid FROM authors a WHERE a.id = t.author_id) AS author_key
        FROM tweets t JOIN tweet_signals s ON s.tweet_seq = t.seq ORDER BY t.seq`)
      .all();
    return { hours, tweets, facts };
  }
  const stored = (store: Db) => ({
    hours: store
      .prepare(
        'SELECT brand, hour, positive, neutral, negative, unknown FROM brand_mention_hours ORDER BY brand, hour',
      )
      .all(),
    tweets: store
      .prepare(`
        SELECT brand, created_at, tweet_seq, sentiment, engagement, original, author_id, author_followers
        FROM brand_mention_tweets ORDER BY brand, created_at, tweet_seq`)
      .all(),
    facts: store
      .prepare(`
        SELECT seq, created_at, engagement, author_id, author_followers, original, sentiment, lang, reply, author_key
        FROM tweet_facts ORDER BY seq`)
      .all(),
  });

  it('stay equal to a recount from the raw tables after inserts, re-classifications and metric updates', () => {
    const store = openDatabase(':memory:');
    const tweetWriter = createTweetWriter(store);
    const signals = createSignalWriter(store);
    let seed = 11;
    const rand = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const someBrands = () => BRANDS.filter(() => rand() < 0.4);
    const tweets = Array.from({ length: 300 }, (_, i) =>
      makeTweet({
        text: `tweet ${i}`,
        createdAt: T0 + Math.floor(rand() * 48 * HOUR),
        authorId: String(100 + (i % 7)),
        ...(i % 9 === 0 ? { references: [{ type: 'retweeted' as const, id: '1' }] } : {}),
      }),
    );
    const authors = Array.from({ length: 7 }, (_, i) =>
      makeAuthor({ id: String(100 + i), followers: i * 100 }),
    );
    const saved = tweetWriter.save(tweets, authors, T0 + 50 * HOUR);
    const seqs = saved.newTweets.map(({ seq, tweet }) => ({ seq, at: tweet.createdAt }));
    for (const { seq, at } of seqs) signals.insert(seq, at, reading(someBrands(), pick(TONES)), 1);
    expect(stored(store)).toEqual(recount(store));
    expect((stored(store).hours as unknown[]).length).toBeGreaterThan(10);
    // Re-classification: brands appear, change and vanish, sentiment changes; some tweets twice.
    for (let i = 0; i < 400; i++) {
      const { seq, at } = pick(seqs);
      signals.replace(seq, at, reading(rand() < 0.2 ? [] : someBrands(), pick(TONES)), 2);
    }
    expect(stored(store)).toEqual(recount(store));
    // Re-fetched metrics reach the engagement the top mentions are ordered by.
    const refetched = tweets.map((t, i) => ({
      ...t,
      metrics: { ...t.metrics, likes: 1000 + i, retweets: i % 5 },
    }));
    tweetWriter.save(refetched, authors, T0 + 60 * HOUR);
    expect(stored(store)).toEqual(recount(store));
    // No hour is left at zero.
    expect(
      store
        .prepare('SELECT count(*) FROM brand_mention_hours WHERE positive + neutral + negative + unknown = 0')
        .pluck()
        .get(),
    ).toBe(0);
  });

  it("count each brand's own tone: one tweet can praise one brand and blame another", () => {
    const store = openDatabase(':memory:');
    const saved = createTweetWriter(store).save(
      [makeTweet({ text: 'a vs b', createdAt: T0 })],
      [makeAuthor()],
      T0,
    );
    const signals = createSignalWriter(store);
    const seq = saved.newTweets[0]!.seq;
    const hours = () =>
      store
        .prepare('SELECT brand, positive, neutral, negative FROM brand_mention_hours ORDER BY brand')
        .all();
    signals.insert(
      seq,
      T0,
      { ...reading(['Sber', 'Yandex'], 'neutral'), brandSentiment: { Yandex: 'positive', Sber: 'negative' } },
      2,
    );
    expect(hours()).toEqual([
      { brand: 'Sber', positive: 0, neutral: 0, negative: 1 },
      { brand: 'Yandex', positive: 1, neutral: 0, negative: 0 },
    ]);
    signals.replace(
      seq,
      T0,
      { ...reading(['Sber', 'Yandex'], 'neutral'), brandSentiment: { Yandex: 'negative' } },
      3,
    );
    expect(hours()).toEqual([
      { brand: 'Sber', positive: 0, neutral: 1, negative: 0 },
      { brand: 'Yandex', positive: 0, neutral: 0, negative: 1 },
    ]);
    const q = createMentionQueries(store);
    const s = q.summarize(
      { kind: 'brand', brand: 'Yandex' },
      { from: T0 - HOUR, to: T0 + HOUR, edges: [T0 - HOUR, T0 + HOUR] },
    );
    expect(s.sentiment).toMatchObject({ negative: 1, positive: 0 });
  });

  it('find words in tweets back-filled after newer ones (the FTS floor per day is the lowest seq)', () => {
    const store = openDatabase(':memory:');
    const tweetWriter = createTweetWriter(store);
    const signals = createSignalWriter(store);
    const now = T0 + 10 * DAY;
    const save = (texts: string[], createdAt: number) => {
      const saved = tweetWriter.save(
        texts.map((text, i) => makeTweet({ text, createdAt: createdAt + i * 60_000 })),
        [makeAuthor()],
        now,
      );
      for (const { seq, tweet } of saved.newTweets) {
        signals.insert(seq, tweet.createdAt, reading([], 'neutral'), 1);
      }
    };
    save(['свежий кофе', 'кофе снова'], now - 2 * HOUR);
    // A new watch back-fills a week: older tweets get higher seqs than the fresh ones.
    save(['кофе неделю назад'], now - 6 * DAY);
    save(['кофе две недели назад'], now - 13 * DAY);
    const q = createMentionQueries(store);
    const from = now - 7 * DAY;
    const s = q.summarize(
      { kind: 'query', root: { type: 'word', word: 'кофе', exact: true } },
      { from, to: now, edges: bucketEdges(from, now, 'day', 'UTC') },
    );
    expect(s.count).toBe(3);
    expect(s.previousCount).toBe(1);
  });

  it('are built by the migration from an existing store', () => {
    const store = openDatabase(':memory:');
    const tweetWriter = createTweetWriter(store);
    const signals = createSignalWriter(store);
    const saved = tweetWriter.save(
      [0, 1, 2, 3].map((i) => makeTweet({ text: `t${i}`, createdAt: T0 + i * 40 * 60_000 })),
      [makeAuthor()],
      T0 + 5 * HOUR,
    );
    for (const [i, { seq, tweet }] of saved.newTweets.entries()) {
      signals.insert(
        seq,
        tweet.createdAt,
        reading(i % 2 ? ['Yandex', 'Sber'] : ['Yandex'], TONES[i % 3]!),
        1,
      );
    }
    const before = stored(store);
    // Without the tables of migrations 5 and 6, then those migrations, 12 and 14 again on the filled store.
    store.exec('DROP TABLE brand_mention_tweets; DROP TABLE brand_mention_hours; DROP TABLE tweet_facts');
    for (const version of [4, 5, 11, 13]) store.exec(migrations[version] as string);
    expect(stored(store)).toEqual(before);
    expect(stored(store)).toEqual(recount(store));
  });

  it('give the same summary as the raw rows in any timezone, including Asia/Kathmandu (+5:45)', () => {
    const now = DEMO_NOW + 17 * 60_000 + 123;
    const raw = (brand: string, from: number, to: number, edges: readonly number[]) => {
      const rows = db
        .prepare(`
          SELECT DISTINCT m.tweet_seq, m.created_at AS at, b.sentiment FROM brand_mentions m
            LEFT JOIN brand_mention_tweets b ON b.tweet_seq = m.tweet_seq AND b.brand = m.brand
          WHERE m.brand = ? AND m.created_at >= ? AND m.created_at < ?`)
        .all(brand, from, to) as { at: number; sentiment: string | null }[];
      const buckets = edges
        .slice(0, -1)
        .map((e, i) => rows.filter((r) => r.at >= e && r.at < edges[i + 1]!).length);
      const tone = (t: string) => rows.filter((r) => r.sentiment === t).length;
      return { count: rows.length, buckets, positive: tone('positive'), negative: tone('negative') };
    };
    for (const zone of ['Europe/Moscow', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/New_York', 'UTC']) {
      for (const [days, unit] of [
        [1, 'hour'],
        [7, 'day'],
        [30, 'day'],
      ] as const) {
        for (const brand of ['Yandex', 'Sber', 'VK']) {
          const from = now - days * DAY;
          const edges = bucketEdges(from, now, unit, zone);
          const s = queries.summarize({ kind: 'brand', brand }, { from, to: now, edges });
          const want = raw(brand, from, now, edges);
          const label = `${brand} ${days}d ${zone}`;
          expect(s.count, label).toBe(want.count);
          expect(s.buckets, label).toEqual(want.buckets);
          expect(s.sentiment.positive, label).toBe(want.positive);
          expect(s.sentiment.negative, label).toBe(want.negative);
          const span = days * DAY;
          const prev = raw(
            brand,
            from - span,
            from,
            edges.map((e) => e - span),
          );
          expect(s.previousCount, label).toBe(prev.count);
          expect(s.previousBuckets, label).toEqual(prev.buckets);
        }
      }
    }
  });
});
