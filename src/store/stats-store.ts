import { statSync } from 'node:fs';
import type { Db } from './database.js';

/** Figures about the store as a whole, for `kestrel db stats` and `/stats`. */
export interface StoreStats {
  tweets: number;
  authors: number;
  authorSnapshots: number;
  metricSnapshots: number;
  activeWatches: number;
  matches: number;
  oldestTweetAt: number | null;
  newestTweetAt: number | null;
  schemaVersion: number;
  fileBytes: number | null;
}

/** How many stored readings an older classifier than `version` made (they want `kestrel reclassify`). */
export function outdatedReadings(db: Db, version: number): number {
  return db.prepare('SELECT count(*) FROM tweet_signals WHERE version < ?').pluck().get(version) as number;
}

export function readStoreStats(db: Db, path: string): StoreStats {
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const range = db
    .prepare('SELECT min(created_at) AS oldest, max(created_at) AS newest FROM tweets')
    .get() as {
    oldest: number | null;
    newest: number | null;
  };
  let fileBytes: number | null = null;
  if (path !== ':memory:') {
    try {
      fileBytes = statSync(path).size;
    } catch {
      fileBytes = null;
    }
  }
  return {
    tweets: count('SELECT count(*) FROM tweets'),
    authors: count('SELECT count(*) FROM authors'),
    authorSnapshots: count('SELECT count(*) FROM author_snapshots'),
    metricSnapshots: count('SELECT count(*) FROM tweet_metrics'),
    activeWatches: count('SELECT count(*) FROM watches WHERE removed_at IS NULL'),
    matches: count('SELECT count(*) FROM watch_matches'),
    oldestTweetAt: range.oldest,
    newestTweetAt: range.newest,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    fileBytes,
  };
}
