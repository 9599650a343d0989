import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMentionsCommand } from '../../commands/mentions.js';
import type { Classification } from '../../src/classify/classifier.js';
import { loadConfigFile } from '../../src/config/load.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { foldForSearch } from '../../src/store/fold.js';
import { createMentionQueries } from '../../src/store/mention-queries.js';
import { searchKey } from '../../src/store/search-key.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createWatchStore } from '../../src/store/watch-store.js';
import { watchSpecsFromConfig } from '../../src/watch/from-config.js';
import { benchContext, measureShapesApart, quantile, round, type ShapeFigures } from './mentions-shapes.js';

/**
 * Latency of `/mentions` (whole command, PNG chart included) and of a naive LIKE scan, in ms; at a million
 * tweets also each query shape of issue 15 and the peak memory above idle of a process running them.
 */
export interface MentionsSizeBench {
  tweets: number;
  build_s: number;
  queries: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  like_scan_p50_ms: number;
  shapes?: Record<string, ShapeFigures>;
  idle_rss_mb?: number;
  peak_rss_mb?: number;
}

/** Calls timed per shape: with 100, p99 is the 99th of them, not simply the slowest. */
const SHAPE_RUNS = 100;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 12);

/**
 * What a chat asks: configured brands by name, alias or inflection, and free words (a Russian one searched
 * with its inflections, an English one, a phrase), over each period.
 */
const QUERIES: [args: string, likeTerm: string][] = [
  ['yandex 7d', 'яндекс'],
  ['Яндекс 30d', 'яндекс'],
  ['sber 24h', 'сбер'],
  ['вакансии 7d', 'ваканс'],
  ['outage 30d', 'outage'],
  ['Яндекса 24h', 'яндекс'],
  ['"code review" 7d', 'code review'],
  ['vk 30d', 'vk'],
  ['кофе 30d', 'кофе'],
  ['@yandex 7d', 'яндекс'],
  ['яндекс -такси 7d', 'яндекс'],
  ['(python OR golang) lang:ru 30d', 'python'],
];

/**
 * `/mentions` on generated stores of 100,000 and 1,000,000 tweets over 30 days (about 2% mention the brand),
 * built with plain prepared INSERTs into the real schema; against `LIKE '%term%'` over the same store.
 */
export async function runMentionsBench(
  options: { sizes?: readonly number[]; queries?: number; shapeRuns?: number } = {},
): Promise<Record<string, MentionsSizeBench>> {
  const out: Record<string, MentionsSizeBench> = {};
  for (const size of options.sizes ?? [100_000, 1_000_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-mentions-'));
    try {
      const t0 = performance.now();
      const db = openDatabase(join(dir, 'bench.db'));
      buildStore(db, size);
      const buildS = (performance.now() - t0) / 1000;
      const figures = await measure(db, options.queries ?? 50);
      // The shapes' processes open a checkpointed file: none of them pays for the build's write-ahead log.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      const apart =
        size >= 1_000_000
          ? await measureShapesApart(join(dir, 'bench.db'), NOW, options.shapeRuns ?? SHAPE_RUNS)
          : null;
      out[`tweets_${size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1000}k`}`] = {
        tweets: size,
        build_s: Math.round(buildS * 10) / 10,
        ...figures,
        ...(apart ?? {}),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

async function measure(db: Db, count: number) {
  const watches = createWatchStore(db);
  // As the app builds it: a store of 100,000 tweets or more gets a search helper thread.
  const queries = createMentionQueries(db, { helper: true });
  await queries.ready();
  const command = createMentionsCommand({ queries, watches });
  const ctx = benchContext(NOW);
  // Warm up once per query shape (statements prepared, pages cached): what is measured is steady state.
  for (const [args] of QUERIES) await command.run(ctx, args);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const [args] = QUERIES[i % QUERIES.length] as [string, string];
    const t = performance.now();
    const reply = await command.run(ctx, args);
    times.push(performance.now() - t);
    if (reply.tone !== 'normal') throw new Error(`/mentions ${args} answered ${reply.tone}`);
  }
  const like = db
    .prepare(
      "SELECT count(*) FROM tweets WHERE text LIKE '%' || ? || '%' AND created_at >= ? AND created_at < ?",
    )
    .pluck();
  const likeTimes: number[] = [];
  for (let i = 0; i < Math.min(count, 20); i++) {
    const [args, term] = QUERIES[i % QUERIES.length] as [string, string];
    const days = args.endsWith('24h') ? 1 : args.endsWith('30d') ? 30 : 7;
    const t = performance.now();
    like.get(term, NOW - days * DAY, NOW);
    likeTimes.push(performance.now() - t);
  }
  await queries.close();
  return {
    queries: count,
    p50_ms: round(quantile(times, 0.5)),
    p99_ms: round(quantile(times, 0.99)),
    max_ms: round(Math.max(...times)),
    like_scan_p50_ms: round(quantile(likeTimes, 0.5)),
  };
}

const WORDS = [
  'сегодня',
  'работа',
  'команда',
  'релиз',
  'сервис',
  'новый',
  'проект',
  'код',
  'опыт',
  'задача',
  'вопрос',
  'офис',
  'удаленка',
  'митап',
  'доклад',
  'конференция',
  'база',
  'данных',
  'очередь',
  'кластер',
  'today',
  'release',
  'team',
  'service',
  'new',
  'project',
  'code',
  'deploy',
  'incident',
  'latency',
  'meetup',
  'talk',
  'database',
  'queue',
  'review',
  'frontend',
  'backend',
  'golang',
  'python',
  'typescript',
  'react',
  'kubernetes',
  'postgres',
  'linux',
];
const BRAND_TEXT: [brand: string, surface: string][] = [
  ['Yandex', 'Яндекс'],
  ['Yandex', 'Яндекса'],
  ['Yandex', 'Яндексе'],
  ['Yandex', 'Yandex'],
  ['Sber', 'Сбер'],
  ['Sber', 'Сбербанка'],
  ['VK', 'VK'],
];
const EXTRA = ['вакансия', 'вакансии', 'вакансий', 'outage', 'кофе', 'code review'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Authors, tweets (oldest first) and FTS rows with plain INSERTs; each tweet's reading (sentiment, brand mentions)
 * through the real signal writer, which also keeps the /mentions tables. One transaction.
 */
export function buildStore(db: Db, count: number): void {
  db.pragma('synchronous = OFF');
  createWatchStore(db).syncConfig(
    watchSpecsFromConfig(loadConfigFile('kestrel.config.yaml')),
    NOW - 40 * DAY,
  );
  const r = rng(7);
  const authors = Math.max(100, Math.floor(count / 20));
  const insertAuthor = db.prepare(
    'INSERT INTO authors (id, username, name, followers, following, tweet_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTweet = db.prepare(`
    INSERT INTO tweets (seq, id, author_id, text, created_at, lang, conversation_id, likes, retweets, replies, quotes,
      author_followers, fetched_at, metrics_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertFts = db.prepare('INSERT INTO tweets_fts (rowid, text) VALUES (?, ?)');
  const signals = createSignalWriter(db);
  const followers: number[] = [];
  const labels = ['discussion', 'other', 'vacancy', 'promo'] as const;
  const tones = ['neutral', 'neutral', 'positive', 'negative'] as const;
  db.transaction(() => {
    for (let a = 0; a < authors; a++) {
      const f = Math.floor(10 * 10 ** (r() * 4.5));
      followers.push(f);
      insertAuthor.run(String(1_000_000 + a), `user_${a}`, `User ${a}`, f, 100, 1000, NOW);
    }
    const span = 30 * DAY;
    for (let i = 0; i < count; i++) {
      const seq = i + 1;
      const at = NOW - span + Math.floor((span * i) / count) + Math.floor(r() * 1000);
      const words: string[] = [];
      const length = 6 + Math.floor(r() * 10);
      for (let w = 0; w < length; w++) words.push(WORDS[Math.floor(r() * WORDS.length)] as string);
      const roll = r();
      let brand: [string, string] | null = null;
      if (roll < 0.02) brand = BRAND_TEXT[Math.floor(r() * 4)] as [string, string];
      else if (roll < 0.03) brand = BRAND_TEXT[4 + Math.floor(r() * 2)] as [string, string];
      else if (roll < 0.037) brand = BRAND_TEXT[6] as [string, string];
      else if (roll < 0.06) words.push(EXTRA[Math.floor(r() * EXTRA.length)] as string);
      const prefix = brand ? `${brand[1]} ` : '';
      const text = prefix + words.join(' ');
      const author = Math.floor(r() ** 2 * authors);
      const lang = r() < 0.3 ? 'en' : 'ru';
      insertTweet.run(
        seq,
        String(2_000_000_000_000_000_000n + BigInt(i)),
        String(1_000_000 + author),
        text,
        at,
        lang,
        null,
        Math.floor(r() * 50),
        Math.floor(r() * 10),
        Math.floor(r() * 5),
        Math.floor(r() * 2),
        followers[author] ?? 0,
        at,
        at,
      );
      insertFts.run(searchKey(seq, at, lang, false), foldForSearch(text));
      const reading: Classification = {
        label: labels[i % 4] as Classification['label'],
        confidence: 0.8,
        reasons: [],
        vacancy: null,
        brands: brand ? [{ brand: brand[0], start: 0, end: brand[1].length, surface: brand[1] }] : [],
        sentiment: tones[Math.floor(r() * 4)] as Classification['sentiment'],
        brandSentiment: {},
      };
      signals.insert(seq, at, reading, 1);
    }
  })();
  db.pragma('synchronous = NORMAL');
}
