import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/domain.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { migrate, openDatabase } from '../../src/store/database.js';
import { foldForSearch } from '../../src/store/fold.js';
import { migrations } from '../../src/store/migrations.js';
import { createTweetWriter } from '../../src/store/tweet-store.js';
import { createUsageStore } from '../../src/store/usage-store.js';
import { createWatchStore } from '../../src/store/watch-store.js';
import { makeAuthor, makeTweet } from './helpers.js';

const T0 = Date.UTC(2026, 10, 20, 12);

describe('store', () => {
  it('migrates to the latest version once, in WAL mode on a file', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = `${mkdtempSync(`${tmpdir()}/kestrel-`)}/k.db`;
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(migrate(db)).toBe(migrations.length);
    db.close();
    const again = openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
    again.close();
  });

  it('keeps 19-digit ids exact and orders them by length then text', () => {
    const db = openDatabase(':memory:');
    const writer = createTweetWriter(db);
    const big = '1858412345678901234';
    const small = '999999999999999999';
    writer.save(
      [
        makeTweet({ id: big, text: 'a', createdAt: T0 }),
        makeTweet({ id: small, text: 'b', createdAt: T0 - 1 }),
      ],
      [makeAuthor()],
      T0,
    );
    const ids = db.prepare('SELECT id FROM tweets').pluck().all() as string[];
    expect(ids).toContain(big);
    expect([...ids].sort(compareIds)).toEqual([small, big]);
    expect(compareIds('10', '9')).toBeGreaterThan(0);
    // Why TEXT: as a JS number the id would already be wrong.
    expect(String(Number(big))).not.toBe(big);
  });

  it('stores a tweet once and updates its metrics with a snapshot', () => {
    const db = openDatabase(':memory:');
    const writer = createTweetWriter(db);
    const tweet = makeTweet({ text: 'Ищем backend', createdAt: T0 });
    const first = writer.save([tweet], [makeAuthor()], T0);
    expect(first.newTweets).toHaveLength(1);
    const later = { ...tweet, metrics: { ...tweet.metrics, likes: 42 } };
    const second = writer.save([later], [makeAuthor({ followers: 1100 })], T0 + 60_000);
    expect(second.newTweets).toHaveLength(0);
    expect(second.updated).toBe(1);
    expect(db.prepare('SELECT count(*) FROM tweets').pluck().get()).toBe(1);
    expect(db.prepare('SELECT likes FROM tweets').pluck().get()).toBe(42);
    expect(db.prepare('SELECT count(*) FROM tweet_metrics').pluck().get()).toBe(2);
    expect(db.prepare('SELECT followers FROM author_snapshots ORDER BY fetched_at').pluck().all()).toEqual([
      1000, 1100,
    ]);
    // Followers at fetch time stay with the tweet.
    expect(db.prepare('SELECT author_followers FROM tweets').pluck().get()).toBe(1000);
  });

  it('writes an unchanged author once an hour, and again after a rolled-back transaction', () => {
    const db = openDatabase(':memory:');
    const stores = createPollStores(db);
    const tweet = (n: number) => makeTweet({ text: `t${n}`, createdAt: T0 + n }, n);
    const snapshots = () => db.prepare('SELECT count(*) FROM author_snapshots').pluck().get();
    stores.transaction(() => stores.tweets.save([tweet(1)], [makeAuthor()], T0));
    stores.transaction(() => stores.tweets.save([tweet(2)], [makeAuthor()], T0 + 60_000));
    expect(snapshots()).toBe(1);
    stores.transaction(() => stores.tweets.save([tweet(3)], [makeAuthor()], T0 + 3_600_000));
    expect(snapshots()).toBe(2);

    const other = makeAuthor({ id: '200', username: 'other' });
    expect(() =>
      stores.transaction(() => {
        stores.tweets.save([{ ...tweet(4), authorId: '200' }], [other], T0 + 3_600_000);
        throw new Error('the cycle failed');
      }),
    ).toThrow('the cycle failed');
    expect(db.prepare("SELECT count(*) FROM authors WHERE id = '200'").pluck().get()).toBe(0);
    stores.transaction(() => stores.tweets.save([{ ...tweet(4), authorId: '200' }], [other], T0 + 3_600_000));
    expect(db.prepare("SELECT count(*) FROM authors WHERE id = '200'").pluck().get()).toBe(1);
  });

  it('holds WAL checkpoints back and grows the page cache during a bulk load, and restores both after, also on failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-bulk-'));
    const db = openDatabase(join(dir, 'bulk.db'));
    const stores = createPollStores(db);
    const setting = () => [
      db.pragma('wal_autocheckpoint', { simple: true }),
      db.pragma('cache_size', { simple: true }),
    ];
    const normal = setting();
    expect(normal[0]).toBe(1000);
    await stores.bulk(async () => {
      expect(setting()).toEqual([65_536, -32_768]);
      stores.transaction(() =>
        stores.tweets.save([makeTweet({ text: 'x', createdAt: T0 })], [makeAuthor()], T0),
      );
    });
    expect(setting()).toEqual(normal);
    await expect(
      stores.bulk(async () => {
        throw new Error('replay failed');
      }),
    ).rejects.toThrow('replay failed');
    expect(setting()).toEqual(normal);
    expect(db.prepare('SELECT count(*) FROM tweets').pluck().get()).toBe(1);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('full-text search folds case and ё to е', () => {
    const db = openDatabase(':memory:');
    createTweetWriter(db).save(
      [makeTweet({ text: 'Ещё раз про ЯНДЕКС и ёлки', createdAt: T0 })],
      [makeAuthor()],
      T0,
    );
    const find = (q: string) =>
      db.prepare('SELECT count(*) FROM tweets_fts WHERE tweets_fts MATCH ?').pluck().get(foldForSearch(q));
    expect(find('Яндекс')).toBe(1);
    expect(find('яндекс')).toBe(1);
    expect(find('еще')).toBe(1);
    expect(find('Ёлки')).toBe(1);
    expect(find('елки')).toBe(1);
    expect(find('сбер')).toBe(0);
  });

  it('syncs config watches: adds, updates (dropping the cursor), retires', () => {
    const db = openDatabase(':memory:');
    const watches = createWatchStore(db);
    const a = { kind: 'topic' as const, name: 'TS', terms: ['typescript'] };
    const b = { kind: 'expert' as const, name: '@x', handle: 'x' };
    expect(watches.syncConfig([a, b], T0)).toEqual({ added: 2, updated: 0, removed: 0 });
    const ts = watches.list().find((w) => w.spec.name === 'TS');
    if (!ts) throw new Error('missing');
    watches.setCursor(ts, '123', T0);
    expect(watches.cursor(ts)).toBe('123');
    expect(watches.syncConfig([{ ...a, terms: ['typescript', 'deno'] }], T0)).toEqual({
      added: 0,
      updated: 1,
      removed: 1,
    });
    const changed = watches.list().find((w) => w.spec.name === 'TS');
    if (!changed) throw new Error('missing');
    expect(changed.id).toBe(ts.id);
    expect(watches.cursor(changed)).toBeNull();
    expect(watches.list()).toHaveLength(1);
  });

  it('counts API usage per UTC day and month, a post billed once a UTC day', () => {
    const usage = createUsageStore(openDatabase(':memory:'));
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
    expect(usage.recordRead(Date.UTC(2026, 10, 30, 23, 59), ids(1, 150)).size).toBe(150);
    usage.recordRead(Date.UTC(2026, 10, 30, 23, 59), []);
    // The same posts the next UTC day are billed again; within a day they are re-reads.
    expect(usage.recordRead(Date.UTC(2026, 11, 1, 0, 1), ids(131, 20)).size).toBe(20);
    expect(usage.recordRead(Date.UTC(2026, 11, 1, 10), ids(141, 30)).size).toBe(20);
    usage.recordCounts(Date.UTC(2026, 11, 1, 11), 2);
    expect(usage.day(Date.UTC(2026, 11, 1, 12))).toEqual({
      requests: 2,
      tweetsRead: 40,
      reReads: 10,
      countsRequests: 2,
    });
    expect(usage.month(Date.UTC(2026, 10, 2))).toEqual({
      requests: 2,
      tweetsRead: 150,
      reReads: 0,
      countsRequests: 0,
    });
    expect(usage.daysOfMonth(Date.UTC(2026, 11, 15)).map((d) => d.day)).toEqual(['2026-12-01']);
    usage.recordWatchReads(Date.UTC(2026, 11, 1, 12), new Map([[3, 7]]));
    usage.recordWatchReads(Date.UTC(2026, 11, 1, 13), new Map([[3, 2]]));
    expect(usage.watchReads(Date.UTC(2026, 11, 1, 20))).toEqual(new Map([[3, 9]]));
    expect(usage.watchReads(Date.UTC(2026, 11, 2))).toEqual(new Map());
  });
});

describe('wire parsing', () => {
  it('unescapes the entities X puts in tweet text, once', async () => {
    const { unescapeText } = await import('../../src/x/wire.js');
    expect(unescapeText('R&amp;D &lt;b&gt; &amp;lt;')).toBe('R&D <b> &lt;');
    expect(unescapeText('plain')).toBe('plain');
  });
});
