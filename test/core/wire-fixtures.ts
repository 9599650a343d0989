import type { WireTweet, WireUser } from '../fakes/x-api/index.js';
import { snowflakeAt } from '../fakes/x-api/index.js';

/** Deterministic pseudo-random numbers for test data. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function wireUser(i: number): WireUser {
  return {
    id: String(100_000 + i),
    name: `User ${i}`,
    username: i % 2 === 0 ? `expert_${i}` : `user_${i}`,
    created_at: '2015-03-01T10:00:00.000Z',
    description: 'test account',
    verified: false,
    public_metrics: { followers_count: 100 + i * 7, following_count: 50, tweet_count: 1000, listed_count: 1 },
  };
}

/** A wire tweet as X would send it, with entities for @mentions, #hashtags and URLs in its text. */
export function wireTweet(text: string, at: number, seq: number, author: WireUser, lang = 'ru'): WireTweet {
  const id = snowflakeAt(at, seq);
  const mentions = [...text.matchAll(/@(\w+)/g)].map((m) => ({
    start: [...text.slice(0, m.index)].length,
    end: [...text.slice(0, m.index)].length + [...m[0]].length,
    username: m[1] as string,
  }));
  const hashtags = [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => ({
    start: [...text.slice(0, m.index)].length,
    end: [...text.slice(0, m.index)].length + [...m[0]].length,
    tag: m[1] as string,
  }));
  const urls = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => ({
    start: [...text.slice(0, m.index)].length,
    end: [...text.slice(0, m.index)].length + [...m[0]].length,
    url: m[0],
    expanded_url: m[0],
    display_url: m[0].replace(/^https?:\/\//, ''),
  }));
  const entities = {
    ...(mentions.length ? { mentions } : {}),
    ...(hashtags.length ? { hashtags } : {}),
    ...(urls.length ? { urls } : {}),
  };
  return {
    id,
    text,
    edit_history_tweet_ids: [id],
    author_id: author.id,
    created_at: new Date(at).toISOString(),
    conversation_id: id,
    lang,
    public_metrics: {
      retweet_count: seq % 5,
      reply_count: seq % 3,
      like_count: seq % 17,
      quote_count: 0,
      bookmark_count: 0,
      impression_count: 100 + seq,
    },
    ...(Object.keys(entities).length ? { entities } : {}),
  };
}

const WORDS = [
  'вакансия',
  'golang',
  'backend',
  'ищем',
  'frontend',
  'react',
  'hiring',
  'python',
  'удаленно',
  'команда',
  'typescript',
  'code',
  'review',
  'релиз',
  'сегодня',
  'опыт',
  'senior',
  'rust',
  'devops',
  'Яндекс',
  'Яндексе',
  'Сбер',
  'Сбера',
  'индекс',
  'data',
  'ml',
  'qa',
  'design',
  'kotlin',
  'swift',
  'java',
  'php',
  'scala',
  'vue',
];

/** A stream of tweets about our sample topics, `count` of them between `from` and `to`. */
export function tweetBatch(
  count: number,
  from: number,
  to: number,
  seed: number,
  users: WireUser[],
): WireTweet[] {
  const random = seeded(seed);
  const out: WireTweet[] = [];
  for (let i = 0; i < count; i++) {
    const n = 3 + Math.floor(random() * 6);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)] as string);
    if (random() < 0.1) words.push(`@brand_${Math.floor(random() * 60)}`);
    const author = users[Math.floor(random() * users.length)] as WireUser;
    const at = from + Math.floor(((to - from) * i) / count);
    out.push(wireTweet(words.join(' '), at, i % 4000, author, random() < 0.8 ? 'ru' : 'en'));
  }
  return out;
}
