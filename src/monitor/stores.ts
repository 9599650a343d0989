import { type CursorStore, createCursorStore } from '../store/cursor-store.js';
import type { Db } from '../store/database.js';
import { createRunStore, type RunStore } from '../store/run-store.js';
import { createSkipStore, type SkipStore } from '../store/skip-store.js';
import { createTweetWriter, type TweetWriter } from '../store/tweet-store.js';
import { createUsageStore, type UsageStore } from '../store/usage-store.js';
import { createWatchStore, type WatchStore } from '../store/watch-store.js';

/** The stores a poll cycle writes, and the transaction that makes its writes one. */
export interface PollStores {
  tweets: TweetWriter;
  watches: WatchStore;
  /** Where each unit of each watch has read up to (per-query cursors). */
  cursors: CursorStore;
  usage: UsageStore;
  runs: RunStore;
  /** What units gave up over the budget (over-budget gaps), and where. */
  skips: SkipStore;
  transaction<T>(fn: () => T): T;
  /**
   * Runs a bulk load of many transactions (a replay) with WAL checkpoints held back (one every 256 MB of log
   * and one at the end, instead of one after nearly every transaction) and a larger page cache. Readers are
   * not blocked meanwhile.
   */
  bulk<T>(fn: () => Promise<T>): Promise<T>;
}

/** WAL pages between checkpoints during a bulk load: 256 MB of 4 KiB pages (a 100,000-tweet replay logs ~110 MB). */
const BULK_CHECKPOINT_PAGES = 65_536;
/**
 * Page cache during a bulk load, in KiB (negative: a size, not a page count): 32 MiB against 16 by default,
 * so a transaction of 100 pages of tweets finds the index pages it keeps revisiting in memory.
 */
const BULK_CACHE_SIZE = -32_768;

export function createPollStores(db: Db): PollStores {
  const tweets = createTweetWriter(db);
  return {
    tweets,
    watches: createWatchStore(db),
    cursors: createCursorStore(db),
    usage: createUsageStore(db),
    runs: createRunStore(db),
    skips: createSkipStore(db),
    transaction: (fn) => {
      try {
        return db.transaction(fn)();
      } catch (error) {
        // The writer remembers authors it wrote; after a rollback they must be written again.
        tweets.forgetWritten();
        throw error;
      }
    },
    async bulk(fn) {
      const checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      const cacheSize = db.pragma('cache_size', { simple: true }) as number;
      db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
      db.pragma(`cache_size = ${BULK_CACHE_SIZE}`);
      try {
        return await fn();
      } finally {
        db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
        db.pragma(`cache_size = ${cacheSize}`);
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
    },
  };
}
