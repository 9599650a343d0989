/**
 * A small ru/en corpus for query tests, stored through the real tweet writer and signal writer (so the
 * full-text index, day floors, tweet facts and brand mention rows are those production keeps), and an
 * evaluator of parsed queries written independently of the SQL: it reads the tweets' own words, entities
 * and the brands the corpus says the classifier found.
 */
import { createBrandResolver } from '../../commands/args/target.js';
import type { BrandSpec } from '../../src/classify/brands.js';
import type { Classification } from '../../src/classify/classifier.js';
import { stem } from '../../src/classify/text.js';
import type { QueryNode } from '../../src/query/ast.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createTweetWriter } from '../../src/store/tweet-store.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';

export const NOW = Date.UTC(2026, 10, 26, 12, 0);
const HOUR = 3_600_000;

export interface CorpusTweet {
  key: string;
  text: string;
  author: string;
  lang: 'ru' | 'en';
  hoursAgo: number;
  reply?: boolean;
  mentions?: string[];
  hashtags?: string[];
  /** Brands the classifier found, with the tone toward each. */
  brands?: Record<string, 'positive' | 'neutral' | 'negative'>;
  /** The tweet's tone as read (neutral when absent). */
  tone?: 'positive' | 'neutral' | 'negative';
}

export const CORPUS: CorpusTweet[] = [
  {
    key: 'r1',
    text: 'Яндекс запустил новый сервис такси',
    author: 'anna',
    lang: 'ru',
    hoursAgo: 2,
    brands: { Yandex: 'positive' },
  },
  {
    key: 'r2',
    text: 'Яндекс Такси опять подняло цены',
    author: 'boris',
    lang: 'ru',
    hoursAgo: 30,
    brands: { Yandex: 'negative' },
  },
  {
    key: 'r3',
    text: 'Сбер и Яндекс спорят о рынке',
    author: 'anna',
    lang: 'ru',
    hoursAgo: 50,
    brands: { Sber: 'neutral', Yandex: 'neutral' },
  },
  {
    key: 'r4',
    text: 'Сбербанк открыл вакансию backend',
    author: 'hr_sber',
    lang: 'ru',
    hoursAgo: 5,
    brands: { Sber: 'positive' },
  },
  {
    key: 'r5',
    text: 'Ищем backend разработчика, вакансия в офисе',
    author: 'hr_sber',
    lang: 'ru',
    hoursAgo: 8,
  },
  { key: 'r6', text: 'Новые вакансии golang в Москве', author: 'boris', lang: 'ru', hoursAgo: 60 },
  {
    key: 'e7',
    text: 'Code review is the best part of my day',
    author: 'kate_backend',
    lang: 'en',
    hoursAgo: 3,
  },
  { key: 'e8', text: 'I hate code reviews that take a week', author: 'kate', lang: 'en', hoursAgo: 20 },
  { key: 'e9', text: 'review the code before merge', author: 'boris', lang: 'en', hoursAgo: 26 },
  {
    key: 'e10',
    text: '@kate thanks for the talk!',
    author: 'anna',
    lang: 'en',
    hoursAgo: 4,
    reply: true,
    mentions: ['kate'],
  },
  {
    key: 'e11',
    text: '@kate_backend great thread on golang',
    author: 'boris',
    lang: 'en',
    hoursAgo: 7,
    mentions: ['kate_backend'],
  },
  { key: 'e12', text: 'write to x@kate.dev about the meetup', author: 'anna', lang: 'en', hoursAgo: 9 },
  {
    key: 'r13',
    text: 'Кофе и #typescript по утрам',
    author: 'kate',
    lang: 'ru',
    hoursAgo: 12,
    hashtags: ['typescript'],
  },
  {
    key: 'e14',
    text: '#TypeScriptTips for today',
    author: 'kate',
    lang: 'en',
    hoursAgo: 13,
    hashtags: ['TypeScriptTips'],
  },
  {
    key: 'r15',
    text: 'Ёлка в офисе Яндекса',
    author: 'anna',
    lang: 'ru',
    hoursAgo: 14,
    brands: { Yandex: 'positive' },
  },
  { key: 'e16', text: 'NEAR the office: a OR b, says the sign', author: 'boris', lang: 'en', hoursAgo: 15 },
  { key: 'e17', text: 'rust OR golang? both, really', author: 'kate', lang: 'en', hoursAgo: 16 },
  { key: 'r18', text: 'Пишу на Rust, а не на golang', author: 'anna', lang: 'ru', hoursAgo: 17 },
  { key: 'e19', text: 'golang meetup tonight', author: 'boris', lang: 'en', hoursAgo: 18, reply: true },
  { key: 'r20', text: 'вакансия rust удалённо', author: 'kate_backend', lang: 'ru', hoursAgo: 19 },
  {
    key: 'r21',
    text: 'Яндекс год назад',
    author: 'boris',
    lang: 'ru',
    hoursAgo: 40 * 24,
    brands: { Yandex: 'neutral' },
  },
  { key: 'r22', text: 'кофе закончился, нужен кофейник', author: 'kate', lang: 'ru', hoursAgo: 10 * 24 },
  { key: 'r23', text: 'такси до аэропорта', author: 'anna', lang: 'ru', hoursAgo: 21, reply: true },
  { key: 'e24', text: 'the "code" and the review', author: 'kate', lang: 'en', hoursAgo: 22 },
  { key: 'e25', text: 'c++ and c# jobs: vk.com/jobs', author: 'boris', lang: 'en', hoursAgo: 23 },
  { key: 'r26', text: 'елка на площади', author: 'kate', lang: 'ru', hoursAgo: 24 },
  {
    key: 'e27',
    text: 'Sber app update is fine',
    author: 'kate_backend',
    lang: 'en',
    hoursAgo: 6 * 24,
    brands: { Sber: 'neutral' },
  },
  { key: 'e28', text: 'golang: from zero to production', author: 'kate', lang: 'en', hoursAgo: 3 * 24 },
];

export const BRANDS: BrandSpec[] = [
  { name: 'Yandex', aliases: ['Yandex', 'Яндекс', 'ya.ru'], exclude: [] },
  { name: 'Sber', aliases: ['Sber', 'Сбер', 'Сбербанк'], exclude: [] },
];

export const resolveBrand = (() => {
  const resolver = createBrandResolver(BRANDS);
  return (text: string) => resolver.resolve(text);
})();

/** The corpus stored in a fresh database (in memory unless `path`); returns the db and key → tweet id. */
export function storeCorpus(
  corpus: readonly CorpusTweet[] = CORPUS,
  path = ':memory:',
): {
  db: Db;
  idOf: Map<string, string>;
  keyOf: Map<string, string>;
} {
  const db = openDatabase(path);
  const tweets = createTweetWriter(db);
  const signals = createSignalWriter(db);
  const usernames = [...new Set(corpus.map((c) => c.author))];
  const authors = usernames.map((u, i) =>
    makeAuthor({ id: String(500 + i), username: u, name: u, followers: 100 * (i + 1) }),
  );
  const idOf = new Map<string, string>();
  db.transaction(() => {
    corpus.forEach((c, i) => {
      const createdAt = Math.round(NOW - c.hoursAgo * HOUR - 60_000);
      const tweet = makeTweet(
        {
          text: c.text,
          createdAt,
          lang: c.lang,
          authorId: String(500 + usernames.indexOf(c.author)),
          mentions: c.mentions ?? [],
          hashtags: c.hashtags ?? [],
          references: c.reply ? [{ type: 'replied_to', id: '1' }] : [],
          metrics: { likes: i, retweets: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 10 * i },
        },
        i,
      );
      idOf.set(c.key, tweet.id);
      const { seqs } = tweets.save([tweet], authors, createdAt);
      const brands = Object.entries(c.brands ?? {});
      const reading: Classification = {
        label: 'discussion',
        confidence: 0.9,
        reasons: [],
        vacancy: null,
        brands: brands.map(([brand]) => ({ brand, start: 0, end: 1, surface: brand })),
        sentiment: c.tone ?? 'neutral',
        brandSentiment: Object.fromEntries(brands),
      };
      signals.insert(seqs[0] as number, createdAt, reading, 1);
    });
  })();
  return { db, idOf, keyOf: new Map([...idOf].map(([k, id]) => [id, k])) };
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replaceAll('ё', 'е');
const wordsOf = (s: string): string[] => fold(s).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];

/** Whether a corpus tweet matches a query, read from the tweet itself. */
export function evaluate(node: QueryNode, tweet: CorpusTweet): boolean {
  const words = wordsOf(tweet.text);
  switch (node.type) {
    case 'word': {
      if (words.includes(node.word)) return true;
      if (node.exact || !/\p{Script=Cyrillic}/u.test(node.word)) return false;
      const base = stem(node.word);
      return (
        [...base].length >= 4 &&
        words.some((w) => w.startsWith(base) && [...w].length - [...base].length <= 4)
      );
    }
    case 'phrase':
      return words.some((_, i) => node.words.every((w, j) => words[i + j] === w));
    case 'brand':
      return node.brand in (tweet.brands ?? {});
    case 'mention':
      return (
        (tweet.mentions ?? []).some((m) => m.toLowerCase() === node.handle) ||
        new RegExp(`(^|[^a-z0-9_])@${node.handle}(?![a-z0-9_])`).test(tweet.text.toLowerCase())
      );
    case 'hashtag':
      return (
        (tweet.hashtags ?? []).some((h) => fold(h) === node.tag) ||
        new RegExp(`(^|[^\\p{L}\\p{N}_])#${node.tag}(?![\\p{L}\\p{N}_])`, 'u').test(fold(tweet.text))
      );
    case 'from':
      return tweet.author === node.handle;
    case 'lang':
      return tweet.lang === node.lang;
    case 'reply':
      return tweet.reply === true;
    case 'and':
      return node.items.every((n) => evaluate(n, tweet));
    case 'or':
      return node.items.some((n) => evaluate(n, tweet));
    case 'not':
      return !evaluate(node.item, tweet);
  }
}

/** Keys of the corpus tweets within the last `days` that match. */
export function expectedKeys(node: QueryNode, days: number): string[] {
  return CORPUS.filter((c) => c.hoursAgo * HOUR + 60_000 <= days * 24 * HOUR && evaluate(node, c)).map(
    (c) => c.key,
  );
}
