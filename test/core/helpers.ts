import type { Author, Tweet } from '../../src/domain.js';
import { snowflakeAt } from '../../src/x/snowflake.js';

/** A tweet for tests, with an id derived from its time so id order is time order. */
export function makeTweet(partial: Partial<Tweet> & { text: string; createdAt: number }, seq = 0): Tweet {
  const id = partial.id ?? (BigInt(snowflakeAt(partial.createdAt)) + BigInt(seq)).toString();
  return {
    id,
    authorId: '100',
    lang: 'ru',
    conversationId: id,
    references: [],
    urls: [],
    mentions: [],
    hashtags: [],
    metrics: { likes: 1, retweets: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 10 },
    ...partial,
  };
}

export function makeAuthor(partial: Partial<Author> = {}): Author {
  return {
    id: '100',
    username: 'someone',
    name: 'Someone',
    description: '',
    followers: 1000,
    following: 10,
    tweetCount: 50,
    verified: false,
    createdAt: Date.UTC(2015, 0, 1),
    ...partial,
  };
}

/** Deterministic random strings of 0 to `maxLength - 1` characters drawn from `alphabet`, for property tests. */
export function randomTexts(seed: number, alphabet: readonly string[], maxLength: number): () => string {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return () =>
    Array.from(
      { length: Math.floor(next() * maxLength) },
      () => alphabet[Math.floor(next() * alphabet.length)],
    ).join('');
}
