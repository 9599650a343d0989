import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/classify/classifier.js';
import { candidatesByReach, rankByReach } from '../../src/store/author-reach.js';
import { openDatabase } from '../../src/store/database.js';
import { createMentionQueries } from '../../src/store/mention-queries.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createTweetWriter } from '../../src/store/tweet-store.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';

const HOUR = 3_600_000;
const reading: Classification = {
  label: 'discussion',
  confidence: 0.5,
  reasons: [],
  vacancy: null,
  brands: [],
  sentiment: 'neutral',
  brandSentiment: {},
};
const T0 = Date.UTC(2026, 10, 1);

/** A store where `authors[i]` wrote `counts[i]` tweets with the word "espresso" (and as many without). */
function storeOf(followers: readonly number[], counts: readonly number[]) {
  const db = openDatabase(':memory:');
  const authors = followers.map((f, i) =>
    makeAuthor({ id: String(1000 + i), username: `a${i}`, followers: f }),
  );
  const tweets = counts.flatMap((n, i) =>
    Array.from({ length: n * 2 }, (_, j) =>
      makeTweet(
        {
          text: j % 2 === 0 ? `espresso number ${j} by ${i}` : `tea number ${j} by ${i}`,
          createdAt: T0 + ((i * 7919 + j * 104_729) % (24 * 60)) * 60_000,
          authorId: String(1000 + i),
        },
        i * 10_000 + j,
      ),
    ),
  );
  const saved = createTweetWriter(db).save(tweets, authors, T0 + 25 * HOUR);
  const signals = createSignalWriter(db);
  for (const { seq, tweet } of saved.newTweets) signals.insert(seq, tweet.createdAt, reading, 1);
  expect(db.prepare('SELECT count(*) FROM tweet_facts').pluck().get()).toBe(tweets.length);
  return db;
}

/** The top authors recounted from the raw tables: reach is the highest follower count, then mentions, then id. */
function naive(db: ReturnType<typeof openDatabase>, n: number) {
  const rows = db
    .prepare(
      `SELECT x.author_id AS id, max(x.author_followers) AS followers, count(*) AS mentions
       FROM tweets t JOIN tweet_facts x ON x.seq = t.seq WHERE t.text LIKE '%espresso%'
       GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT ?`,
    )
    .all(n) as { id: string; followers: number; mentions: number }[];
  return rows.map((r) => [`a${Number(r.id) - 1000}`, r.followers, r.mentions]);
}

const summarize = (db: ReturnType<typeof openDatabase>, authors: number) =>
  createMentionQueries(db).summarize(
    { kind: 'query', root: { type: 'word', word: 'espresso', exact: true } },
    { from: T0, to: T0 + 24 * HOUR, edges: [T0, T0 + 24 * HOUR], top: 0, authors },
  );

describe('top authors of a search', () => {
  it('are the authors with the most reach, then mentions, as a recount finds them', () => {
    let seed = 5;
    const rand = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const followers = Array.from({ length: 300 }, () => Math.floor(rand() * 20) * 100);
    const counts = Array.from({ length: 300 }, () => 1 + Math.floor(rand() * 4));
    const db = storeOf(followers, counts);
    for (const n of [1, 5, 12]) {
      const s = summarize(db, n);
      expect(s.authors).toHaveLength(n);
      // Many authors share a follower count and a number of mentions: the id decides among them.
      expect(s.authors.map((a) => [a.username, a.followers, a.mentions])).toEqual(naive(db, n));
      for (const a of s.authors) {
        const i = Number(a.username.slice(1));
        expect(a.mentions).toBe(counts[i]);
      }
    }
  });

  it('are still right when a few accounts wrote more matches than the candidate rows hold', () => {
    // Three accounts share the highest reach with 100 matches each: the first 64 rows by followers are all
    // theirs, so the candidates cannot decide and every author is grouped.
    const followers = [5000, 5000, 5000, 4000, 3000, 2000, 1000];
    const counts = [100, 120, 80, 3, 2, 1, 1];
    const db = storeOf(followers, counts);
    const s = summarize(db, 5);
    expect(s.authors.map((a) => [a.username, a.followers, a.mentions])).toEqual([
      ['a1', 5000, 120],
      ['a0', 5000, 100],
      ['a2', 5000, 80],
      ['a3', 4000, 3],
      ['a4', 3000, 2],
    ]);
  });

  it('candidates: the first n authors and everyone tied with the n-th, or null while rows may hide more', () => {
    const rows: [string, number][] = [
      ['x', 9],
      ['x', 9],
      ['y', 7],
      ['z', 7],
      ['w', 5],
    ];
    expect([...(candidatesByReach(rows, 2, 10) ?? [])]).toEqual([
      ['x', 9],
      ['y', 7],
      ['z', 7],
    ]);
    expect(candidatesByReach(rows.slice(0, 4), 2, 4)).toBeNull();
    expect([...(candidatesByReach(rows.slice(0, 2), 3, 64) ?? [])]).toEqual([['x', 9]]);
    const ranked = rankByReach(
      new Map([
        ['y', 7],
        ['z', 7],
        ['x', 9],
      ]),
      new Map([
        ['z', 4],
        ['y', 2],
      ]),
      2,
    );
    expect(ranked).toEqual([
      { id: 'x', followers: 9, mentions: 0 },
      { id: 'z', followers: 7, mentions: 4 },
    ]);
  });
});
