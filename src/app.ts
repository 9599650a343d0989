import type { Clock } from './clock.js';
import type { KestrelEnv } from './config/env.js';
import type { KestrelConfig } from './config/schema.js';
import { compareIds, type Tweet } from './domain.js';
import type { Logger } from './logger.js';
import { createIngestor, type Ingestor, type NewTweetHook } from './monitor/ingest.js';
import { createPoller, type Poller } from './monitor/poll-cycle.js';
import { defaultRetryPolicy } from './monitor/retry.js';
import { createPollStores, type PollStores } from './monitor/stores.js';
import { type Db, openDatabase } from './store/database.js';
import { createMetaStore, type MetaStore } from './store/meta-store.js';
import { watchSpecsFromConfig } from './watch/from-config.js';
import { createReplaySource, readPagesFile, shiftPagesToNow } from './x/replay-source.js';
import type { TweetSource } from './x/source.js';
import type { Page } from './x/wire.js';
import { createXSource } from './x/x-source.js';

/** Everything a running Kestrel is made of, wired once. */
export interface Kestrel {
  config: KestrelConfig;
  db: Db;
  dbPath: string;
  stores: PollStores;
  meta: MetaStore;
  ingestor: Ingestor;
  source: TweetSource;
  poller: Poller;
  clock: Clock;
  logger: Logger;
  /** True when no X token is set: the demo corpus stands in for the API. */
  demo: boolean;
  /** In demo mode, the demo corpus's pages, shifted to now. */
  demoPages: Page[];
  close(): void;
}

export interface KestrelDeps {
  config: KestrelConfig;
  env: KestrelEnv;
  clock: Clock;
  logger: Logger;
  hooks?: NewTweetHook[];
}

export function createKestrel(deps: KestrelDeps): Kestrel {
  const { config, env, clock, logger } = deps;
  const dbPath = env.KESTREL_DB ?? config.storage.path;
  const db = openDatabase(dbPath);
  const stores = createPollStores(db);
  const meta = createMetaStore(db);
  const synced = stores.watches.syncConfig(watchSpecsFromConfig(config), clock.now());
  if (synced.added + synced.updated + synced.removed > 0) logger.info(synced, 'config watches synchronised');
  const ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    hooks: deps.hooks ?? [],
  });
  const demo = !env.X_BEARER_TOKEN;
  const pages = demo ? pagesShiftedOnce(env.KESTREL_DEMO_CORPUS, meta, clock) : [];
  const source = env.X_BEARER_TOKEN
    ? createXSource({ bearerToken: env.X_BEARER_TOKEN, baseUrl: env.X_API_BASE_URL, clock })
    : createReplaySource(pages);
  const poller = createPoller({
    source,
    stores,
    ingestor,
    clock,
    logger,
    options: {
      queryMaxLength: config.x.queryMaxLength,
      excludeRetweets: config.x.excludeRetweets,
      monthlyReadBudget: config.x.monthlyReadBudget,
      retry: defaultRetryPolicy,
    },
  });
  return {
    config,
    db,
    dbPath,
    stores,
    meta,
    ingestor,
    source,
    poller,
    clock,
    logger,
    demo,
    demoPages: pages,
    close: () => db.close(),
  };
}

/**
 * Recorded pages shifted so their newest tweet is "now" the first time this recording is stored in
 * this database; later runs reuse that shift (keyed by the recording's newest tweet id), so the same
 * recorded tweets keep the same ids and are stored once.
 */
export function pagesShiftedOnce(path: string, meta: MetaStore, clock: Clock): Page[] {
  const pages = readPagesFile(path);
  let newest: Tweet | null = null;
  for (const page of pages)
    for (const t of page.tweets) if (!newest || compareIds(t.id, newest.id) > 0) newest = t;
  if (!newest) return pages;
  const key = `replay-shift:${newest.id}`;
  const known = meta.get(key);
  const shift = known === null ? clock.now() - newest.createdAt : Number(known);
  if (known === null) meta.set(key, String(shift));
  return shiftPagesToNow(pages, newest.createdAt + shift);
}
