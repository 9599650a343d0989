import { afterAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classifier.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createIngestor } from '../../src/pipeline/ingest.js';
import { createPreparer } from '../../src/pipeline/prepare.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';
import { fromPreparedJson, toPreparedJson } from '../../src/pipeline/prepared-json.js';
import { replayLines } from '../../src/pipeline/replay.js';
import { openDatabase } from '../../src/store/database.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { openPageRecording } from '../../src/x/page-recording.js';
import { parsePageLines, readPageLines } from '../../src/x/replay-source.js';

const brands = [
  { name: 'Yandex', aliases: ['Яндекс', 'Yandex', '@yandex', 'yandex.ru'], exclude: ['Яндекс.Деньги'] },
  { name: 'Sber', aliases: ['Сбер', 'Сбербанк'], exclude: [] },
];
const pool = createPreparePool({ size: 2 });
afterAll(() => pool.close());

function setup() {
  const db = openDatabase(':memory:');
  const stores = createPollStores(db);
  stores.watches.add(
    { kind: 'brand', name: 'Yandex', aliases: ['Яндекс'], exclude: [], competitor: false },
    '',
    0,
  );
  stores.watches.add({ kind: 'topic', name: 'TS', terms: ['typescript'] }, '', 0);
  const ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals: createSignalWriter(db),
    brands: () => brands,
    pool,
  });
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return { db, stores, ingestor, count };
}

describe('reading tweets during ingestion', () => {
  const lines = readPageLines('data/demo/search-pages.jsonl');
  const tweets = parsePageLines(lines, 'demo').flatMap((p) => p.tweets);
  const inline = createClassifier({ brands });

  it('the worker pool reads exactly what the classifier reads inline', async () => {
    const items = tweets.map((t) => ({ text: t.text, lang: t.lang }));
    const pooled = await pool.classify(items, brands);
    expect(pooled).toEqual(items.map((i) => inline.classify(i.text, i.lang)));
  });

  it('a replay stores one reading per new tweet, with brand spans, vacancy facts and routes', async () => {
    const { stores, ingestor, count, db } = setup();
    await replayLines(lines, 0, {
      stores,
      ingestor,
      pool,
      brands: () => brands,
      now: () => 0,
      batchPages: 2,
    });
    expect(count('SELECT count(*) FROM tweets')).toBe(tweets.length);
    expect(count('SELECT count(*) FROM tweet_signals')).toBe(tweets.length);
    const yandex = tweets.filter((t) =>
      inline.classify(t.text, t.lang).brands.some((b) => b.brand === 'Yandex'),
    );
    expect(yandex.length).toBeGreaterThan(40);
    expect(count("SELECT count(DISTINCT tweet_seq) FROM brand_mentions WHERE brand = 'Yandex'")).toBe(
      yandex.length,
    );
    const vacancies = tweets.filter((t) => inline.classify(t.text, t.lang).label === 'vacancy');
    expect(count("SELECT count(*) FROM tweet_signals WHERE label = 'vacancy'")).toBe(vacancies.length);
    expect(count('SELECT count(*) FROM tweet_signals WHERE salary_currency IS NOT NULL')).toBeGreaterThan(20);
    const tsMatches = tweets.filter((t) => /\btypescript\b/i.test(t.text) && !/^RT @/.test(t.text)).length;
    expect(
      count("SELECT count(*) FROM watch_matches m JOIN watches w ON w.id = m.watch_id WHERE w.name = 'TS'"),
    ).toBeGreaterThanOrEqual(tsMatches);
    // Replaying again reads and changes nothing.
    const before = JSON.stringify(db.prepare('SELECT * FROM tweet_signals ORDER BY tweet_seq').all());
    const again = await replayLines(lines, 0, { stores, ingestor, pool, brands: () => brands, now: () => 1 });
    expect(again.tweetsNew).toBe(0);
    expect(JSON.stringify(db.prepare('SELECT * FROM tweet_signals ORDER BY tweet_seq').all())).toBe(before);
  });

  it('a replay of the file shared between a worker and this thread writes what an inline replay writes, in order', async () => {
    const shared = setup();
    const alone = setup();
    const inlinePool = createPreparePool({ size: 0 });
    // One worker with two batches queued: this thread prepares some of the later batches itself.
    const onePool = createPreparePool({ size: 1 });
    const run = (s: ReturnType<typeof setup>, p: typeof pool, source: Parameters<typeof replayLines>[0]) =>
      replayLines(source, 0, { ...s, pool: p, brands: () => brands, now: () => 0, batchPages: 1 });
    // The shared replay reads the file a batch at a time, as bytes moved to the worker; the inline one reads text.
    await run(shared, onePool, openPageRecording('data/demo/search-pages.jsonl'));
    await run(alone, inlinePool, lines);
    await onePool.close();
    const dump = (db: typeof shared.db) =>
      [
        'tweets',
        'tweet_signals',
        'brand_mentions',
        'brand_mention_tweets',
        'brand_mention_hours',
        'watch_matches',
      ]
        .map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).raw().all()))
        .join('\n');
    expect(dump(shared.db)).toBe(dump(alone.db));
    const ids = shared.db.prepare('SELECT id FROM tweets ORDER BY seq').pluck().all();
    expect(ids).toEqual([...new Set(tweets.map((t) => t.id))]);
  });

  it('a replay writes consecutive batches together, a transaction per `transactionPages` pages', async () => {
    const s = setup();
    let transactions = 0;
    const stores = {
      ...s.stores,
      transaction: <T>(fn: () => T): T => {
        transactions++;
        return s.stores.transaction(fn);
      },
    };
    // Inline, so the count is exact: with a worker, the last transactions close early rather than wait for it.
    const report = await replayLines(lines, 0, {
      ...s,
      stores,
      pool: createPreparePool({ size: 0 }),
      brands: () => brands,
      now: () => 0,
      batchPages: 2,
      transactionPages: 6,
    });
    expect(transactions).toBe(Math.ceil(lines.length / 6));
    expect(report.tweetsNew).toBe(new Set(tweets.map((t) => t.id)).size);
    expect(s.count('SELECT count(*) FROM tweet_signals')).toBe(report.tweetsNew);
  });

  it('a worker gets byte lines that share a buffer with other data as copies, leaving the buffer intact', async () => {
    const onePool = createPreparePool({ size: 1 });
    const whole = new TextEncoder().encode(lines.slice(0, 3).join('\n'));
    const [a, b] = lines.slice(0, 2).map((l) => new TextEncoder().encode(l).byteLength) as [number, number];
    const views = [whole.subarray(0, a), whole.subarray(a + 1, a + 1 + b)];
    const options = { shiftMs: 0, watches: setup().stores.watches.list(), brands };
    const open = await onePool.pages(views, options);
    await onePool.close();
    expect(whole.byteLength).toBeGreaterThan(a + b);
    expect(open()).toEqual(JSON.parse(JSON.stringify(createPreparer().pages(lines.slice(0, 2), options))));
  });

  it('prepared pages come back from a worker as they left', () => {
    const pages = createPreparer().pages(lines, {
      shiftMs: 0,
      watches: setup().stores.watches.list(),
      brands,
    });
    expect(fromPreparedJson(toPreparedJson(pages))).toEqual(JSON.parse(JSON.stringify(pages)));
  });

  it('a poll-sized batch is read inline or ahead, with the same result', async () => {
    const a = setup();
    const b = setup();
    const batch = tweets.slice(0, 150);
    const authors = parsePageLines(lines, 'demo').flatMap((p) => p.authors);
    const prepared = await a.ingestor.prepare(batch);
    expect(prepared.readings.size).toBe(new Set(batch.map((t) => t.id)).size);
    a.stores.transaction(() => a.ingestor.ingest(batch, authors, a.stores.watches.list(), 0, prepared));
    b.stores.transaction(() => b.ingestor.ingest(batch, authors, b.stores.watches.list(), 0));
    const dump = (db: typeof a.db) =>
      JSON.stringify(db.prepare('SELECT * FROM tweet_signals ORDER BY tweet_seq').all());
    expect(dump(a.db)).toBe(dump(b.db));
  });

  it('the demo corpus gets every label', () => {
    const labels = new Set(tweets.map((t) => inline.classify(t.text, t.lang).label));
    expect([...labels].sort()).toEqual([
      'discussion',
      'help_wanted',
      'job_seeker',
      'other',
      'promo',
      'vacancy',
    ]);
  });
});
