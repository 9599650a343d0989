import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createIngestor } from '../../src/pipeline/ingest.js';
import { createPreparePool, type PreparePool } from '../../src/pipeline/prepare-pool.js';
import { replayLines } from '../../src/pipeline/replay.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { foldForSearch } from '../../src/store/fold.js';
import { searchKey } from '../../src/store/search-key.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { brandSpecsOf } from '../../src/watch/brands.js';
import { watchSpecsFromConfig } from '../../src/watch/from-config.js';
import { openPageRecording } from '../../src/x/page-recording.js';
import { readPagesFile, shiftPagesToNow } from '../../src/x/replay-source.js';
import type { Page } from '../../src/x/wire.js';
import { generatePages } from '../generate.js';

export interface IngestBench {
  tweets: number;
  pipeline_per_s: number;
  raw_per_s: number;
  pipeline_vs_raw: number;
}

/**
 * The real pipeline (read JSONL pages, validate, shift, store once, classify, route to watches) against
 * plain prepared INSERTs of the same rows into the same schema in one transaction, in the same run. An
 * untimed round of 20,000 other tweets warms both sides up first (a cold pipeline round costs ~30% more:
 * the classifier is compiled on two threads). Then each side runs `rounds` times on a fresh database,
 * alternating; the figures are the medians (a VM's disk and neighbours make single runs of either side
 * vary by ±30%).
 */
export async function runIngestBench(
  options: { tweets?: number; rounds?: number } = {},
): Promise<IngestBench> {
  const count = options.tweets ?? 100_000;
  const rounds = options.rounds ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'kestrel-bench-'));
  try {
    const specs = watchSpecsFromConfig(loadConfigFile('kestrel.config.yaml'));
    const now = Date.UTC(2026, 10, 21);
    const pool = createPreparePool({ size: Math.max(1, availableParallelism() - 1) });
    const recording = (name: string, tweets: number, seed: number) => {
      const file = join(dir, name);
      writeFileSync(file, `${generatePages(tweets, { seed }).join('\n')}\n`);
      return { file, pages: shiftPagesToNow(readPagesFile(file), now) };
    };
    /** One round of each side on fresh databases: [pipeline ms, raw ms]. */
    const round = async (input: { file: string; pages: Page[] }, name: string): Promise<[number, number]> => {
      const db = openDatabase(join(dir, `pipeline-${name}.db`));
      const pipeline = await timePipeline(db, input.file, specs, pool, now);
      const derived = derivedRows(db);
      db.close();
      const rawDb = openDatabase(join(dir, `raw-${name}.db`));
      createPollStores(rawDb).watches.syncConfig(specs, now);
      const t1 = performance.now();
      insertRaw(rawDb, input.pages, derived, now);
      const raw = performance.now() - t1;
      rawDb.close();
      rmSync(join(dir, `pipeline-${name}.db`), { force: true });
      rmSync(join(dir, `raw-${name}.db`), { force: true });
      return [pipeline, raw];
    };
    const pipelineMs: number[] = [];
    const rawMs: number[] = [];
    try {
      // Untimed: compiles the hot code of both sides (the classifier's regexes above all) on every thread.
      await round(recording('warm-up.jsonl', Math.min(count, 20_000), 7), 'warm-up');
      const input = recording('pages.jsonl', count, 42);
      for (let r = 0; r < rounds; r++) {
        const [pipeline, raw] = await round(input, String(r));
        pipelineMs.push(pipeline);
        rawMs.push(raw);
      }
    } finally {
      await pool.close();
    }
    const pipelinePerS = Math.round((count / median(pipelineMs)) * 1000);
    const rawPerS = Math.round((count / median(rawMs)) * 1000);
    return {
      tweets: count,
      pipeline_per_s: pipelinePerS,
      raw_per_s: rawPerS,
      pipeline_vs_raw: Math.round((pipelinePerS / rawPerS) * 100) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replays the recording into `db` through the real pipeline; returns the time it took in ms. */
async function timePipeline(
  db: Db,
  file: string,
  specs: ReturnType<typeof watchSpecsFromConfig>,
  pool: PreparePool,
  now: number,
): Promise<number> {
  const stores = createPollStores(db);
  stores.watches.syncConfig(specs, now);
  const brands = () => brandSpecsOf(specs);
  const ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals: createSignalWriter(db),
    brands,
    pool,
  });
  // Workers are started with the process; what is timed is the stream of tweets through them.
  await pool.warm(brands(), stores.watches.list());
  const t0 = performance.now();
  const recording = openPageRecording(file);
  const shift = now - (recording.newest ?? now);
  const report = await replayLines(recording, shift, { stores, ingestor, pool, brands, now: () => now });
  const ms = performance.now() - t0;
  if (report.tweetsNew !== report.tweets)
    throw new Error(`the pipeline stored ${report.tweetsNew} of ${report.tweets}`);
  return ms;
}

/** What the pipeline derived from the tweets, read back to be inserted as plain rows on the raw side. */
function derivedRows(db: Db): DerivedRows {
  const all = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
  return {
    matches: all('SELECT watch_id, tweet_seq FROM watch_matches') as [number, number][],
    signals: all('SELECT * FROM tweet_signals'),
    mentions: all('SELECT * FROM brand_mentions'),
    mentionFacts: all('SELECT * FROM brand_mention_tweets'),
    mentionHours: all('SELECT * FROM brand_mention_hours'),
    tweetFacts: all('SELECT * FROM tweet_facts'),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface DerivedRows {
  matches: [number, number][];
  signals: unknown[][];
  mentions: unknown[][];
  /** The /mentions rollups (migration 5): one row per (brand, tweet) and per (brand, hour). */
  mentionFacts: unknown[][];
  mentionHours: unknown[][];
  /** First seq per day and the narrow per-tweet rows of full-text /mentions (migration 6). */
  tweetFacts: unknown[][];
}

function insertRaw(db: Db, pages: Page[], derived: DerivedRows, now: number): void {
  const author = db.prepare(
    'INSERT OR REPLACE INTO authors (id, username, name, description, verified, created_at, followers, following, tweet_count, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
  );
  const snapshot = db.prepare(
    'INSERT OR IGNORE INTO author_snapshots (author_id, fetched_at, followers, following, tweet_count) VALUES (?,?,?,?,?)',
  );
  const tweet = db.prepare(
    `INSERT INTO tweets (id, author_id, text, created_at, lang, conversation_id, reply_to, quote_of, retweet_of, urls, mentions,
      hashtags, likes, retweets, replies, quotes, bookmarks, impressions, author_followers, fetched_at, metrics_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const fts = db.prepare('INSERT INTO tweets_fts (rowid, text) VALUES (?, ?)');
  const metrics = db.prepare(
    'INSERT INTO tweet_metrics (tweet_seq, fetched_at, likes, retweets, replies, quotes, bookmarks, impressions) VALUES (?,?,?,?,?,?,?,?)',
  );
  const match = db.prepare('INSERT INTO watch_matches (watch_id, tweet_seq, matched_at) VALUES (?,?,?)');
  const signal = db.prepare('INSERT INTO tweet_signals VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const mention = db.prepare('INSERT INTO brand_mentions VALUES (?,?,?,?,?)');
  const fact = db.prepare('INSERT INTO brand_mention_tweets VALUES (?,?,?,?,?,?,?,?)');
  const hour = db.prepare('INSERT INTO brand_mention_hours VALUES (?,?,?,?,?,?)');
  const facts = db.prepare('INSERT INTO tweet_facts VALUES (?,?,?,?,?,?,?,?,?,?)');
  db.transaction(() => {
    for (const page of pages) {
      for (const a of page.authors) {
        author.run(
          a.id,
          a.username,
          a.name,
          a.description,
          a.verified ? 1 : 0,
          a.createdAt,
          a.followers,
          a.following,
          a.tweetCount,
          now,
        );
        snapshot.run(a.id, now, a.followers, a.following, a.tweetCount);
      }
      for (const t of page.tweets) {
        const m = t.metrics;
        const seq = Number(
          tweet.run(
            t.id,
            t.authorId,
            t.text,
            t.createdAt,
            t.lang,
            t.conversationId,
            null,
            null,
            null,
            '[]',
            '[]',
            '[]',
            m.likes,
            m.retweets,
            m.replies,
            m.quotes,
            m.bookmarks,
            m.impressions,
            0,
            now,
            now,
          ).lastInsertRowid,
        );
        fts.run(searchKey(seq, t.createdAt, t.lang, false), foldForSearch(t.text));
        metrics.run(seq, now, m.likes, m.retweets, m.replies, m.quotes, m.bookmarks, m.impressions);
      }
    }
    for (const [w, s] of derived.matches) match.run(w, s, now);
    for (const row of derived.signals) signal.run(...row);
    for (const row of derived.mentions) mention.run(...row);
    for (const row of derived.mentionFacts) fact.run(...row);
    for (const row of derived.mentionHours) hour.run(...row);
    for (const row of derived.tweetFacts) facts.run(...row);
  })();
}
