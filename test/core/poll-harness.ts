import { createManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createPoller, type PollOptions } from '../../src/monitor/poll-cycle.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createIngestor, type Ingestor, type NewTweetHook } from '../../src/pipeline/ingest.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';
import { openDatabase } from '../../src/store/database.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import type { WatchSpec } from '../../src/watch/types.js';
import { snowflakeAt } from '../../src/x/snowflake.js';
import { createXSource } from '../../src/x/x-source.js';
import { type FakeXServerOptions, startFakeXServer } from '../fakes/x-api/index.js';
import { skippedTweets } from './coverage-check.js';

export const TOKEN = 'test-bearer-token';

/** A poller wired to the real twitter-api-v2 client, talking to the fake X server on 127.0.0.1. */
export async function createPollHarness(
  specs: readonly WatchSpec[],
  options: Partial<PollOptions> & {
    start?: number;
    timeoutMs?: number;
    fakeSkewMs?: number;
    hooks?: NewTweetHook[];
    randomFault?: FakeXServerOptions['randomFault'];
    /** Wraps the real ingestor (to make a step of it fail). */
    wrapIngestor?: (ingestor: Ingestor) => Ingestor;
  } = {},
) {
  const start = options.start ?? Date.UTC(2026, 10, 20, 12);
  const clock = createManualClock(start);
  const skew = options.fakeSkewMs ?? 0;
  const fake = await startFakeXServer({
    bearerToken: TOKEN,
    now: () => clock.now() + skew,
    maxQueryLength: options.queryMaxLength ?? 512,
    ...(options.randomFault ? { randomFault: options.randomFault } : {}),
  });
  const db = openDatabase(':memory:');
  const stores = createPollStores(db);
  for (const spec of specs) stores.watches.add(spec, '', clock.now());
  const pool = createPreparePool({ size: 0 });
  const realIngestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals: createSignalWriter(db),
    brands: () => [],
    pool,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const ingestor = options.wrapIngestor ? options.wrapIngestor(realIngestor) : realIngestor;
  const source = createXSource({
    bearerToken: TOKEN,
    baseUrl: fake.url,
    clock,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
  const poller = createPoller({
    source,
    stores,
    ingestor,
    clock,
    logger: silentLogger(),
    random: () => 0.5,
    options: {
      queryMaxLength: options.queryMaxLength ?? 512,
      excludeRetweets: options.excludeRetweets ?? true,
      monthlyReadBudget: options.monthlyReadBudget ?? 1_000_000,
      maxReadsPerWatchPerDay: options.maxReadsPerWatchPerDay ?? 1_000_000,
      backfillDays: options.backfillDays ?? 7,
      ...(options.dailyAllowance === undefined ? {} : { dailyAllowance: options.dailyAllowance }),
      retry: options.retry ?? {
        maxAttempts: 4,
        baseDelayMs: 1_000,
        maxDelayMs: 10_000,
        maxRateLimitWaits: 3,
        maxRateLimitWaitMs: 16 * 60_000,
      },
    },
  });
  const searches = () => fake.requests.filter((r) => r.path === '/2/tweets/search/recent');
  const count = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  const pack = {
    maxLength: options.queryMaxLength ?? 512,
    suffix: (options.excludeRetweets ?? true) ? '-is:retweet' : '',
  };
  return {
    clock,
    fake,
    pack,
    /**
     * Tweets a cursor moved over unread outside any recorded over-budget gap (see `skippedTweets`), newer than
     * the watches' backfill start.
     */
    skipped: () =>
      skippedTweets(
        fake.store,
        stores.watches.list(),
        stores.cursors,
        stores.skips,
        db,
        pack,
        snowflakeAt(start - (options.backfillDays ?? 7) * 86_400_000),
      ),
    db,
    stores,
    poller,
    searches,
    count,
    async close() {
      await fake.close();
      db.close();
    },
  };
}
