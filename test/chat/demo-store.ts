import type { CommandContext } from '../../src/chat/context.js';
import { createClassifier } from '../../src/classify/classifier.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createDeliveryDecisions } from '../../src/delivery/decisions.js';
import { createCorrections } from '../../src/feedback/corrections.js';
import { silentLogger } from '../../src/logger.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createIngestor } from '../../src/pipeline/ingest.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';
import { replayLines } from '../../src/pipeline/replay.js';
import { openDatabase } from '../../src/store/database.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { brandSpecsOf } from '../../src/watch/brands.js';
import { watchSpecsFromConfig } from '../../src/watch/from-config.js';
import { newestTimeInLines, readPageLines } from '../../src/x/replay-source.js';

/** "Now" in command tests: the demo corpus is shifted so its newest tweet is one minute before. */
export const DEMO_NOW = Date.UTC(2026, 10, 26, 12, 0);

/**
 * An in-memory store holding the demo corpus, ingested through the real pipeline (stored once,
 * classified, routed to the example config's watches), with times shifted so the newest tweet is at
 * DEMO_NOW − 1 minute. For command tests.
 */
export async function demoStore() {
  const config = loadConfigFile('kestrel.config.yaml');
  const db = openDatabase(':memory:');
  const stores = createPollStores(db);
  stores.watches.syncConfig(watchSpecsFromConfig(config), DEMO_NOW - 30 * 86_400_000);
  const pool = createPreparePool({ size: 0 });
  const brands = () => brandSpecsOf(stores.watches.list().map((w) => w.spec));
  const ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals: createSignalWriter(db),
    brands,
    pool,
  });
  const lines = readPageLines('data/demo/search-pages.jsonl');
  const newest = newestTimeInLines(lines) ?? DEMO_NOW;
  await replayLines(lines, DEMO_NOW - 60_000 - newest, {
    stores,
    ingestor,
    pool,
    brands,
    now: () => DEMO_NOW,
  });
  const classifier = createClassifier({ brands: brands() });
  const corrections = createCorrections({
    db,
    feedback: createFeedbackStore(db),
    signals: createSignalWriter(db),
    classifier: () => classifier,
    jobAlerts: createDeliveryDecisions({ db, config, watches: stores.watches, logger: silentLogger() })
      .jobAlerts,
  });
  return { config, db, stores, ingestor, corrections };
}

/** A command context with sensible defaults: an English-speaking admin in a private console chat. */
export function makeContext(partial: Partial<CommandContext> = {}): CommandContext {
  return {
    user: { id: 'console:tester', name: 'tester' },
    chat: { id: 'console:tester', kind: 'private' },
    lang: 'en',
    timezone: 'Europe/Moscow',
    isAdmin: true,
    now: DEMO_NOW,
    ...partial,
  };
}
