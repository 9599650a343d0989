import type { Db } from '../store/database.js';
import { createRunStore, type RunStore } from '../store/run-store.js';
import { createTweetWriter, type TweetWriter } from '../store/tweet-store.js';
import { createUsageStore, type UsageStore } from '../store/usage-store.js';
import { createWatchStore, type WatchStore } from '../store/watch-store.js';

/** The stores a poll cycle writes, and the transaction that makes its writes one. */
export interface PollStores {
  tweets: TweetWriter;
  watches: WatchStore;
  usage: UsageStore;
  runs: RunStore;
  transaction<T>(fn: () => T): T;
}

export function createPollStores(db: Db): PollStores {
  const tweets = createTweetWriter(db);
  return {
    tweets,
    watches: createWatchStore(db),
    usage: createUsageStore(db),
    runs: createRunStore(db),
    transaction: (fn) => {
      try {
        return db.transaction(fn)();
      } catch (error) {
        // The writer remembers authors it wrote; after a rollback they must be written again.
        tweets.forgetWritten();
        throw error;
      }
    },
  };
}
