import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildDemoPages,
  buildTweets,
  type DemoTweet,
  parseCorpus,
  type WireTweet,
} from '../scripts/build-demo-corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpusText = readFileSync(resolve(root, 'data/demo/corpus.yaml'), 'utf8');
const jsonl = readFileSync(resolve(root, 'data/demo/search-pages.jsonl'), 'utf8');
const corpus = parseCorpus(corpusText);

interface WireUser {
  id: string;
  username: string;
  name: string;
  created_at: string;
  description: string;
  verified: boolean;
  public_metrics: Record<string, number>;
}
interface Page {
  data: WireTweet[];
  includes: { users: WireUser[] };
  meta: { newest_id: string; oldest_id: string; result_count: number; next_token?: string };
}

const pages: Page[] = jsonl
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Page);
const tweets = pages.flatMap((p) => p.data);
const users = new Map(pages.flatMap((p) => p.includes.users).map((u) => [u.id, u]));
const byKey = new Map<string, DemoTweet>(corpus.tweets.map((t) => [t.key, t]));
const EPOCH = 1288834974657n;
const idMs = (id: string): number => Number((BigInt(id) >> 22n) + EPOCH);

const { idByKey } = buildTweets(corpus);
const tweetById = new Map(tweets.map((t) => [t.id, t]));
/** The wire tweet made from a corpus entry. */
const wireOf = (src: DemoTweet): WireTweet => tweetById.get(idByKey.get(src.key)!)!;

describe('demo corpus JSONL', () => {
  it('is exactly what the build script makes from corpus.yaml', () => {
    expect(jsonl === buildDemoPages(corpusText)).toBe(true);
  });

  it('is made of search/recent pages of at most 100 tweets with consistent meta', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, i) => {
      expect(Object.keys(page)).toEqual(['data', 'includes', 'meta']);
      expect(page.data.length).toBeGreaterThan(0);
      expect(page.data.length).toBeLessThanOrEqual(100);
      expect(page.meta.result_count).toBe(page.data.length);
      expect(page.meta.newest_id).toBe(page.data[0]!.id);
      expect(page.meta.oldest_id).toBe(page.data.at(-1)!.id);
      if (i < pages.length - 1) expect(page.meta.next_token).toMatch(/^[0-9a-z]{45}$/);
      else expect(page.meta.next_token).toBeUndefined();
    });
  });

  it('has at least 300 tweets with unique snowflake ids, strictly newest first, matching created_at', () => {
    expect(tweets.length).toBeGreaterThanOrEqual(300);
    expect(new Set(tweets.map((t) => t.id)).size).toBe(tweets.length);
    for (let i = 0; i < tweets.length; i++) {
      const t = tweets[i]!;
      expect(t.id).toMatch(/^[1-9]\d{18}$/);
      expect(t.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      expect(Math.floor(idMs(t.id) / 1000) * 1000).toBe(Date.parse(t.created_at));
      expect(t.edit_history_tweet_ids).toEqual([t.id]);
      if (i > 0) expect(BigInt(tweets[i - 1]!.id) > BigInt(t.id)).toBe(true);
    }
  });

  it('spans at least 13 days and ends at the corpus end', () => {
    const newest = Date.parse(tweets[0]!.created_at);
    const oldest = Date.parse(tweets.at(-1)!.created_at);
    expect(newest).toBeLessThanOrEqual(Date.parse(corpus.end));
    expect(newest - oldest).toBeGreaterThanOrEqual(13 * 86_400_000);
  });

  it('includes every author of a page in that page, and only them', () => {
    for (const page of pages) {
      const authors = new Set(page.data.map((t) => t.author_id));
      expect(new Set(page.includes.users.map((u) => u.id))).toEqual(authors);
      for (const u of page.includes.users) {
        expect(u.id).toMatch(/^[1-9]\d{7,18}$/);
        expect(Object.keys(u.public_metrics)).toEqual([
          'followers_count',
          'following_count',
          'tweet_count',
          'listed_count',
        ]);
      }
    }
    expect(users.size).toBeGreaterThanOrEqual(60);
    const idLengths = [...users.keys()].map((id) => id.length);
    expect(idLengths.some((n) => n <= 10)).toBe(true);
    expect(idLengths.some((n) => n === 19)).toBe(true);
  });

  it('has entity offsets that point at their text, counted in code points', () => {
    let checked = 0;
    for (const t of tweets) {
      const points = [...t.text];
      const at = (e: Record<string, string | number>) =>
        points.slice(Number(e.start), Number(e.end)).join('');
      for (const e of t.entities?.urls ?? []) expect(at(e)).toBe(e.url);
      for (const e of t.entities?.mentions ?? [])
        expect(at(e).toLowerCase()).toBe(`@${e.username}`.toLowerCase());
      for (const e of t.entities?.hashtags ?? []) expect(at(e)).toBe(`#${e.tag}`);
      for (const e of t.entities?.cashtags ?? []) expect(at(e)).toBe(`$${e.tag}`);
      for (const e of t.entities?.mentions ?? []) expect(users.get(String(e.id)) ?? e.id).toBeTruthy();
      checked += Object.values(t.entities ?? {}).flat().length;
    }
    expect(checked).toBeGreaterThan(150);
    const withAstral = tweets.filter((t) => [...t.text].length !== t.text.length && t.entities);
    expect(withAstral.length).toBeGreaterThan(10);
  });

  it('escapes &, < and > as the API does', () => {
    for (const t of tweets) expect(t.text.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    expect(tweets.filter((t) => /&(amp|lt|gt);/.test(t.text)).length).toBeGreaterThanOrEqual(3);
  });

  it('is mostly Russian with English present', () => {
    const ru = tweets.filter((t) => t.lang === 'ru').length;
    const en = tweets.filter((t) => t.lang === 'en').length;
    expect(en).toBeGreaterThan(60);
    expect(ru / tweets.length).toBeGreaterThan(0.55);
    expect(ru / tweets.length).toBeLessThan(0.68);
  });

  it('links replies, quotes and retweets to the tweets they refer to', () => {
    const byId = new Map(tweets.map((t) => [t.id, t]));
    const threads = new Map<string, number>();
    for (const t of tweets) {
      for (const ref of t.referenced_tweets ?? []) {
        const target = byId.get(ref.id);
        expect(target, `${t.id} refers to ${ref.id}`).toBeDefined();
        expect(BigInt(ref.id) < BigInt(t.id)).toBe(true);
        if (ref.type === 'replied_to') {
          expect(t.in_reply_to_user_id).toBe(target!.author_id);
          expect(t.conversation_id).toBe(target!.conversation_id);
          expect(target!.public_metrics.reply_count).toBeGreaterThanOrEqual(1);
          threads.set(t.conversation_id, (threads.get(t.conversation_id) ?? 0) + 1);
        } else if (ref.type === 'retweeted') {
          expect(t.text.startsWith(`RT @${users.get(target!.author_id)!.username}: `)).toBe(true);
          expect([...t.text].length).toBeLessThanOrEqual(140);
          expect(t.public_metrics.retweet_count).toBe(target!.public_metrics.retweet_count);
        } else {
          const link = t.entities?.urls?.at(-1);
          expect(link?.expanded_url).toBe(
            `https://twitter.com/${users.get(target!.author_id)!.username}/status/${target!.id}`,
          );
        }
      }
      if (!t.referenced_tweets?.some((r) => r.type === 'replied_to')) expect(t.conversation_id).toBe(t.id);
    }
    const sizable = [...threads.values()].filter((n) => n >= 3 && n <= 10);
    expect(sizable.length).toBeGreaterThanOrEqual(6);
  });
});

const recorded = resolve(root, '../shared/fixtures/x-api/brexit.jsonl');
const recordedNote = existsSync(recorded)
  ? ''
  : ' (skipped: ../shared/fixtures/x-api/brexit.jsonl is absent)';

describe('demo corpus against a recorded X API search page', () => {
  it.skipIf(recordedNote !== '')(`uses only keys that real pages use${recordedNote}`, () => {
    const real = JSON.parse(readFileSync(recorded, 'utf8').split('\n')[0]!) as {
      data: Record<string, unknown>[];
      includes: { users: Record<string, unknown>[] };
      meta: Record<string, unknown>;
    };
    const keysOf = (objects: object[]) => new Set(objects.flatMap((o) => Object.keys(o)));
    const realTweetKeys = keysOf(real.data);
    realTweetKeys.add('edit_history_tweet_ids');
    for (const key of keysOf(tweets)) expect(realTweetKeys, key).toContain(key);
    const realMetrics = keysOf(real.data.map((t) => t.public_metrics as object));
    for (const key of realMetrics) expect(Object.keys(tweets[0]!.public_metrics)).toContain(key);
    const realEntities = real.data.map((t) => (t.entities ?? {}) as Record<string, object[]>);
    for (const kind of ['urls', 'mentions', 'hashtags']) {
      const realKeys = keysOf(realEntities.flatMap((e) => e[kind] ?? []));
      const ours = keysOf(tweets.flatMap((t) => t.entities?.[kind] ?? []));
      expect(ours.size, kind).toBeGreaterThan(0);
      for (const key of ours) expect(realKeys, `${kind}.${key}`).toContain(key);
    }
    const realUserKeys = keysOf(real.includes.users);
    for (const key of keysOf(pages.flatMap((p) => p.includes.users)))
      expect(realUserKeys, key).toContain(key);
    for (const key of keysOf(pages.map((p) => p.meta))) expect(Object.keys(real.meta)).toContain(key);
  });
});

describe('demo corpus content (kinds from corpus.yaml)', () => {
  const count = (kind: DemoTweet['kind']) => corpus.tweets.filter((t) => t.kind === kind).length;

  it('has the promised number of tweets of each kind', () => {
    expect(corpus.tweets.length).toBeGreaterThanOrEqual(320);
    expect(count('vacancy')).toBeGreaterThanOrEqual(60);
    expect(count('seeker')).toBeGreaterThanOrEqual(35);
    expect(count('candidate')).toBeGreaterThanOrEqual(30);
    expect(count('discussion')).toBeGreaterThanOrEqual(60);
    expect(count('expert')).toBeGreaterThanOrEqual(30);
    expect(count('promo')).toBeGreaterThanOrEqual(30);
    expect(count('other')).toBeGreaterThanOrEqual(20);
    const mentions = corpus.tweets.filter((t) => (t.brands ?? []).length > 0);
    expect(mentions.length).toBeGreaterThanOrEqual(60);
    for (const brand of ['Sber', 'VK'] as const)
      expect(mentions.filter((t) => t.brands?.includes(brand)).length).toBeGreaterThanOrEqual(8);
    for (const s of ['positive', 'negative', 'neutral'] as const)
      expect(mentions.filter((t) => t.sentiment === s).length).toBeGreaterThanOrEqual(10);
    expect(corpus.tweets.filter((t) => t.lookalike).length).toBeGreaterThanOrEqual(8);
    expect(corpus.tweets.filter((t) => t.dup_of).every((t) => byKey.get(t.dup_of!)?.kind === 'vacancy')).toBe(
      true,
    );
    expect(corpus.tweets.filter((t) => t.dup_of).length).toBeGreaterThanOrEqual(3);
  });

  it('has a burst of Yandex mentions within an hour on the last day and 2-6 a day before', () => {
    const yandex = corpus.tweets
      .filter((src) => src.brands?.includes('Yandex'))
      .map((src) => Date.parse(wireOf(src).created_at));
    const endDay = Math.floor(Date.parse(corpus.end) / 86_400_000);
    const perDay = new Map<number, number[]>();
    for (const ms of yandex) {
      const day = Math.floor(ms / 86_400_000) - endDay;
      perDay.set(day, [...(perDay.get(day) ?? []), ms]);
    }
    for (let day = -13; day < 0; day++) {
      const n = perDay.get(day)?.length ?? 0;
      expect(n, `day ${day}`).toBeGreaterThanOrEqual(2);
      expect(n, `day ${day}`).toBeLessThanOrEqual(6);
    }
    const last = (perDay.get(0) ?? []).sort((a, b) => a - b);
    const best = Math.max(
      ...last.map((start) => last.filter((ms) => ms >= start && ms < start + 3_600_000).length),
    );
    expect(best).toBeGreaterThanOrEqual(12);
  });

  it('gives the three experts at least 8 posts each with engagement rates from under 0.5% to over 5%', () => {
    for (const handle of ['dan_a_demo', 'kate_backend', 'ilya_sre']) {
      const user = [...users.values()].find((u) => u.username === handle)!;
      const posts = tweets.filter((t) => t.author_id === user.id && !t.referenced_tweets);
      expect(posts.length, handle).toBeGreaterThanOrEqual(8);
      const rates = posts.map((t) => {
        const m = t.public_metrics;
        return (
          (m.like_count! + m.retweet_count! + m.reply_count! + m.quote_count!) /
          user.public_metrics.followers_count!
        );
      });
      expect(Math.min(...rates), handle).toBeLessThan(0.005);
      expect(Math.max(...rates), handle).toBeGreaterThan(0.05);
    }
  });
});

/** X-style matching of one watch term: every word as a whole word, a "quoted phrase" as consecutive words. */
function matches(term: string, text: string): boolean {
  const tokens = text
    .replace(/https?:\/\/\S+|[@#$][\p{L}\p{N}_]+/gu, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  const parts = [...term.toLowerCase().matchAll(/"([^"]+)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).split(/\s+/));
  return parts.every((words) =>
    tokens.some((_, i) => words.every((w, j) => tokens[i + j] === w.replace(/[^\p{L}\p{N}_]/gu, ''))),
  );
}

describe('demo corpus against the example watches in kestrel.config.yaml', () => {
  const configPath = resolve(root, 'kestrel.config.yaml');
  const config = existsSync(configPath)
    ? (parse(readFileSync(configPath, 'utf8')) as { jobs?: Watch[]; topics?: Watch[] })
    : {};
  interface Watch {
    name: string;
    terms: string[];
  }
  const originals = tweets.filter((t) => !t.referenced_tweets?.some((r) => r.type === 'retweeted'));

  it('matcher used here follows the documented semantics', () => {
    expect(matches('вакансия backend', 'Backend: вакансия!')).toBe(true);
    expect(matches('вакансия backend', 'вакансии backend')).toBe(false);
    expect(matches('"hiring backend"', 'we are hiring backend folks')).toBe(true);
    expect(matches('"hiring backend"', 'backend hiring')).toBe(false);
  });

  for (const watch of [...(config.jobs ?? []), ...(config.topics ?? [])]) {
    it(`finds at least 8 tweets for the watch "${watch.name}"`, () => {
      const found = originals.filter((t) => watch.terms.some((term) => matches(term, t.text)));
      expect(found.length).toBeGreaterThanOrEqual(8);
    });
  }
});

describe('build-demo-corpus on a small corpus', () => {
  const mini = (tweets: string): string => `end: 2026-11-20T12:00:00Z
authors:
  - { id: "12345678", username: anna, name: Anna, description: "", followers_count: 100, following_count: 5, tweet_count: 9, verified: false, created_at: 2012-01-01T00:00:00Z }
  - { id: "87654321", username: bob, name: Bob, description: "", followers_count: 50, following_count: 5, tweet_count: 9, verified: false, created_at: 2013-01-01T00:00:00Z }
tweets:
${tweets}`;
  const one = (yamlText: string): WireTweet[] =>
    (JSON.parse(buildDemoPages(yamlText).split('\n')[0]!) as Page).data;

  it('links like X: bare name.cc stays text, paths and schemes become t.co, e-mails stay, & is escaped', () => {
    const [t] = one(
      mini(`  - key: a
    kind: other
    by: anna
    minutesAgo: 5
    text: "Пишите 😀 на hr@acme.io или t.me/acme_jobs, сайт yandex.ru & https://example.com/a/very/long/path?x=1 #найм @bob"`),
    );
    expect(t!.text).toMatch(
      /^Пишите 😀 на hr@acme\.io или https:\/\/t\.co\/\w{10}, сайт yandex\.ru &amp; https:\/\/t\.co\/\w{10} #найм @bob$/,
    );
    const urls = t!.entities!.urls!;
    expect(urls.map((u) => u.expanded_url)).toEqual([
      'http://t.me/acme_jobs',
      'https://example.com/a/very/long/path?x=1',
    ]);
    expect(urls.map((u) => u.display_url)).toEqual(['t.me/acme_jobs', 'example.com/a/very/long/pa…']);
    expect(t!.entities!.hashtags).toEqual([{ start: 97, end: 102, tag: 'найм' }]);
    expect(t!.entities!.mentions).toEqual([{ start: 103, end: 107, username: 'bob', id: '87654321' }]);
    expect(t!.lang).toBe('ru');
  });

  it('prefixes replies with the handles they answer and keeps the conversation', () => {
    const data = one(
      mini(`  - { key: a, kind: discussion, by: anna, minutesAgo: 30, text: "root" }
  - { key: b, kind: discussion, by: bob, minutesAgo: 20, reply_to: a, text: "first" }
  - { key: c, kind: discussion, by: anna, minutesAgo: 10, reply_to: b, text: "second" }`),
    );
    const [c, b, a] = data;
    expect(b!.text).toBe('@anna first');
    expect(c!.text).toBe('@bob second');
    expect([b!.conversation_id, c!.conversation_id]).toEqual([a!.id, a!.id]);
    expect(a!.public_metrics.reply_count).toBe(1);
    expect(c!.in_reply_to_user_id).toBe('87654321');
  });

  it('refuses references to missing or newer tweets and mentions of unknown accounts', () => {
    expect(() =>
      buildDemoPages(mini('  - { key: a, kind: other, by: anna, minutesAgo: 5, reply_to: zz, text: "x" }')),
    ).toThrow(/zz/);
    expect(() =>
      buildDemoPages(
        mini(`  - { key: a, kind: other, by: anna, minutesAgo: 5, text: "x" }
  - { key: b, kind: other, by: bob, minutesAgo: 9, quote: a, text: "y" }`),
      ),
    ).toThrow(/not older/);
    expect(() =>
      buildDemoPages(mini('  - { key: a, kind: other, by: anna, minutesAgo: 5, text: "hi @nobody" }')),
    ).toThrow(/@nobody/);
  });
});
