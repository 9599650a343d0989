import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generatePages } from '../../bench/generate.js';
import { CLASSIFIER_VERSION } from '../../src/classify/classifier.js';
import { configWith, runKestrel, startKestrel } from './kestrel-child.js';

const KILLS = 6;
const TWEETS = 20_000;

/** Every table a reading writes, in a fixed order, to compare two stores row by row. */
const READING_TABLES = {
  tweet_signals: 'SELECT * FROM tweet_signals ORDER BY tweet_seq',
  brand_mentions: 'SELECT * FROM brand_mentions ORDER BY tweet_seq, brand, start',
  brand_mention_tweets: 'SELECT * FROM brand_mention_tweets ORDER BY brand, created_at, tweet_seq',
  brand_mention_hours:
    'SELECT * FROM brand_mention_hours WHERE positive + neutral + negative + unknown > 0 ORDER BY brand, hour',
  tweet_facts: 'SELECT seq, sentiment FROM tweet_facts ORDER BY seq',
};

const read = <T>(path: string, fn: (db: Database.Database) => T): T => {
  const db = new Database(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
};

const snapshot = (path: string) =>
  read(path, (db) =>
    Object.fromEntries(Object.entries(READING_TABLES).map(([table, sql]) => [table, db.prepare(sql).all()])),
  ) as { [table in keyof typeof READING_TABLES]: unknown[] };

/** The store's own sums agree: each brand's hourly counts are its mentions of that hour, by tone. */
const hourSumsAgree = (db: Database.Database) =>
  db
    .prepare(
      `SELECT count(*) FROM (
         SELECT brand, created_at / 3600000 AS hour,
           count(*) FILTER (WHERE sentiment = 'positive') AS p, count(*) FILTER (WHERE sentiment = 'neutral') AS u,
           count(*) FILTER (WHERE sentiment = 'negative') AS n, count(*) FILTER (WHERE sentiment IS NULL) AS x
         FROM brand_mention_tweets GROUP BY brand, hour
       ) m FULL JOIN (SELECT * FROM brand_mention_hours WHERE positive + neutral + negative + unknown > 0) h
         ON h.brand = m.brand AND h.hour = m.hour
       WHERE h.brand IS NULL OR m.brand IS NULL OR h.positive <> m.p OR h.neutral <> m.u OR h.negative <> m.n
         OR h.unknown <> m.x`,
    )
    .pluck()
    .get() === 0;

describe('SIGKILL during kestrel reclassify', () => {
  it(`is killed ${KILLS} times while re-reading ${TWEETS} tweets: the finished store equals a fresh reading`, {
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-sigkill-reclassify-'));
    const pages = join(dir, 'pages.jsonl');
    writeFileSync(pages, `${generatePages(TWEETS, { seed: 7, end: Date.now() - 3_600_000 }).join('\n')}\n`);
    const config = configWith([]);
    // The "older classifier": the same store read with fewer brands, so brands, mentions and tones differ.
    const olderConfig = configWith([
      ['aliases: [Яндекс, Yandex, "@yandex", yandex.ru]', 'aliases: [Yandex]'],
      ['aliases: [Сбер, Сбербанк, Sber, Sberbank, "@sberbank"]', 'aliases: [Sberbank]'],
    ]);
    const fresh = join(dir, 'fresh.db');
    const killed = join(dir, 'killed.db');
    const env = (db: string, configPath = config) => ({ KESTREL_CONFIG: configPath, KESTREL_DB: db });
    expect((await runKestrel(['replay', pages, '--no-shift'], env(fresh))).code).toBe(0);
    expect((await runKestrel(['replay', pages, '--no-shift'], env(killed, olderConfig))).code).toBe(0);
    read(killed, (db) => db.prepare('UPDATE tweet_signals SET version = ?').run(CLASSIFIER_VERSION - 1));
    const before = snapshot(killed);
    const target = snapshot(fresh);
    // The two readings differ, or the comparison at the end would prove nothing.
    expect(before.brand_mentions.length).toBeLessThan(target.brand_mentions.length * 0.9);
    copyFileSync(killed, join(dir, 'before-kills.db'));

    const current = () =>
      read(killed, (db) =>
        db.prepare('SELECT count(*) FROM tweet_signals WHERE version = ?').pluck().get(CLASSIFIER_VERSION),
      ) as number;
    let midway = 0;
    let resumed = 0;
    let committed = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const run = startKestrel(['reclassify'], env(killed));
      await run.waitFor(/reclassify: [1-9]\d*\//, 60_000);
      // A run goes on after the batches the killed one committed, instead of starting again.
      if (committed > 0) {
        expect(run.stdout()).toContain(`going on after ${committed} tweets`);
        resumed++;
      }
      await new Promise((resolve) => setTimeout(resolve, (kill * 97) % 400));
      run.child.kill('SIGKILL');
      const exit = await run.exited;
      if (exit.signal !== 'SIGKILL') break; // finished before the kill: the store is done
      const done = current();
      if (done > 0 && done < TWEETS) midway++;
      committed = done;
      const state = read(killed, (db) => ({
        check: db.pragma('integrity_check', { simple: true }) as string,
        tweets: db.prepare('SELECT count(*) FROM tweets').pluck().get(),
        readings: db.prepare('SELECT count(*) FROM tweet_signals').pluck().get(),
        sums: hourSumsAgree(db),
      }));
      expect(state).toEqual({ check: 'ok', tweets: TWEETS, readings: TWEETS, sums: true });
      // Each kill undoes at most the batch it was in: what was committed stays.
      expect(done % 2_000 === 0 || done === TWEETS).toBe(true);
    }
    const last = await runKestrel(['reclassify'], env(killed));
    expect(last.code).toBe(0);
    expect(last.stdout).toContain(`reclassified ${TWEETS} tweets`);
    console.log(JSON.stringify({ kills: KILLS, killedMidway: midway, resumed, tweets: TWEETS }));
    expect(midway).toBeGreaterThanOrEqual(3);
    expect(current()).toBe(TWEETS);
    expect(read(killed, hourSumsAgree)).toBe(true);
    expect(snapshot(killed)).toEqual(target);
  });
});
