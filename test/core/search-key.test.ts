import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/classify/classifier.js';
import { migrate, openDatabase } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations.js';
import {
  KEY_MINUTE_MS,
  keyAfter,
  keyIsReply,
  langOfKeyIs,
  MAX_KEYED_SEQ,
  minuteKey,
  minuteOfKey,
  searchKey,
  seqOfKey,
} from '../../src/store/search-key.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createTweetWriter } from '../../src/store/tweet-store.js';
import { makeAuthor, makeTweet } from './helpers.js';

const T0 = Date.UTC(2026, 10, 20, 12, 34, 56, 789);

const reading: Classification = {
  label: 'other',
  confidence: 0.9,
  reasons: [],
  vacancy: null,
  brands: [],
  sentiment: 'neutral',
  brandSentiment: {},
};

describe('search keys', () => {
  it('pack minute, language, reply and seq, and SQL reads each back', () => {
    const db = openDatabase(':memory:');
    const read = db.prepare(`
      SELECT ${minuteOfKey('@k')} AS minute, ${seqOfKey('@k')} AS seq, ${langOfKeyIs('@k', 'ru')} AS ru,
        ${langOfKeyIs('@k', 'en')} AS en, ${keyIsReply('@k')} AS reply`);
    for (const [seq, at, lang, reply] of [
      [1, T0, 'ru', false],
      [MAX_KEYED_SEQ, T0, 'en', true],
      [123_456_789, Date.UTC(2096, 0, 1), 'und', true],
      [7, 0, null, false],
    ] as const) {
      const k = searchKey(seq, at, lang, reply);
      expect(k).toBeLessThan(2n ** 63n);
      expect(read.get({ k })).toEqual({
        minute: Math.floor(at / KEY_MINUTE_MS),
        seq,
        ru: lang === 'ru' ? 1 : 0,
        en: lang === 'en' ? 1 : 0,
        reply: reply ? 1 : 0,
      });
    }
    expect(() => searchKey(0, T0, 'ru', false)).toThrow(RangeError);
    expect(() => searchKey(MAX_KEYED_SEQ + 1, T0, 'ru', false)).toThrow(RangeError);
  });

  it('order tweets by minute whatever their seq, and bound a period by whole minutes', () => {
    const later = searchKey(1, T0 + KEY_MINUTE_MS, null, false);
    const earlier = searchKey(MAX_KEYED_SEQ, T0, 'en', true);
    expect(earlier).toBeLessThan(later);
    const inside = searchKey(5, T0, 'ru', false);
    expect(minuteKey(T0)).toBeLessThanOrEqual(inside);
    expect(inside).toBeLessThan(keyAfter(T0 + 1));
    // A period ending on a minute leaves that minute out.
    const aligned = T0 - (T0 % KEY_MINUTE_MS);
    expect(keyAfter(aligned)).toBe(minuteKey(aligned));
    expect(searchKey(5, aligned, 'ru', false)).toBeGreaterThanOrEqual(keyAfter(aligned));
  });

  it('are what the tweet writer indexes, and migration 14 rebuilds an older index to the same keys', () => {
    const db = openDatabase(':memory:');
    const tweets = createTweetWriter(db);
    const signals = createSignalWriter(db);
    const authors = [makeAuthor({ id: '100' }), makeAuthor({ id: '200', username: 'other' })];
    const saved = tweets.save(
      [
        makeTweet({ text: 'Ёлка у Яндекса', createdAt: T0, lang: 'ru' }, 1),
        makeTweet({ text: 'golang meetup', createdAt: T0 - 3_600_000, lang: 'en', authorId: '200' }, 2),
        makeTweet(
          {
            text: 'ответ про golang',
            createdAt: T0 - 1,
            lang: 'und',
            references: [{ type: 'replied_to', id: '9' }],
          },
          3,
        ),
      ],
      authors,
      T0,
    );
    for (const { seq, tweet } of saved.newTweets) signals.insert(seq, tweet.createdAt, reading, 1);
    const state = () => ({
      keys: db.prepare('SELECT rowid FROM tweets_fts ORDER BY rowid').safeIntegers().pluck().all(),
      matches: db
        .prepare('SELECT rowid FROM tweets_fts WHERE tweets_fts MATCH \'"елка" OR "golang"\' ORDER BY rowid')
        .safeIntegers()
        .pluck()
        .all(),
      authorKeys: db.prepare('SELECT seq, author_key FROM tweet_facts ORDER BY seq').raw().all(),
    });
    const written = state();
    const expected = saved.newTweets
      .map(({ seq, tweet }) =>
        searchKey(
          seq,
          tweet.createdAt,
          tweet.lang,
          tweet.references.some((r) => r.type === 'replied_to'),
        ),
      )
      .sort((a, b) => (a < b ? -1 : 1));
    expect(written.keys).toEqual(expected);
    expect(written.matches).toHaveLength(3);
    const authorRowids = db.prepare('SELECT id, rowid FROM authors').raw().all() as [string, number][];
    const rowidOf = new Map(authorRowids);
    expect(written.authorKeys).toEqual(
      saved.newTweets.map(({ seq, tweet }) => [seq, rowidOf.get(tweet.authorId)]),
    );

    // The store as schema 13 left it: full-text rowids are seqs, tweet_facts has no author_key, the day floors
    // of the old index are kept.
    db.exec(`
      CREATE TABLE tweet_days (day INTEGER PRIMARY KEY, first_seq INTEGER NOT NULL);
      DROP TABLE tweets_fts;
      CREATE VIRTUAL TABLE tweets_fts USING fts5 (
        text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 5'
      );
      INSERT INTO tweets_fts (rowid, text) SELECT seq, kestrel_fold(text) FROM tweets;
      ALTER TABLE tweet_facts DROP COLUMN author_key;
      PRAGMA user_version = 13;`);
    expect(migrate(db)).toBe(migrations.length);
    expect(state()).toEqual(written);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'tweet_days'").pluck().get()).toBe(0);
  });
});
