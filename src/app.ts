import { availableParallelism } from 'node:os';
import type { BrandSpec } from './classify/brands.js';
import { CLASSIFIER_VERSION, type Classifier, createClassifier } from './classify/classifier.js';
import type { Clock } from './clock.js';
import type { KestrelEnv } from './config/env.js';
import type { KestrelConfig } from './config/schema.js';
import { createDeliveryDecisions, type DeliveryDecisions } from './delivery/decisions.js';
import { jobAlertsHook } from './delivery/job-alerts.js';
import { type Corrections, createCorrections } from './feedback/corrections.js';
import type { Logger } from './logger.js';
import { createEstimator, type Estimator } from './monitor/estimate.js';
import { createPoller, type Poller } from './monitor/poll-cycle.js';
import { createPollStatus, type PollStatus } from './monitor/poll-status.js';
import { defaultRetryPolicy } from './monitor/retry.js';
import { createPollStores, type PollStores } from './monitor/stores.js';
import { createXVolume, type XVolume } from './monitor/x-volume.js';
import { createIngestor, type Ingestor, type NewTweetHook } from './pipeline/ingest.js';
import { type LabelModelChoice, modelsOf, type PageLine } from './pipeline/prepare.js';
import { createPreparePool, type PreparePool } from './pipeline/prepare-pool.js';
import {
  type PageLineSource,
  type ReplayProgress,
  type ReplayReport,
  replayLines,
} from './pipeline/replay.js';
import { type Db, openDatabase } from './store/database.js';
import { createFeedbackStore, type FeedbackStore } from './store/feedback-store.js';
import { createMetaStore, type MetaStore } from './store/meta-store.js';
import { createSignalWriter } from './store/signal-store.js';
import { createTeamModelStore, type TeamModelStore } from './store/team-model-store.js';
import { createTeamLearning, type TeamLearning } from './teach/team-learning.js';
import { loadGuardSet } from './teach/training-items.js';
import { brandSpecsOf } from './watch/brands.js';
import { watchSpecsFromConfig } from './watch/from-config.js';
import {
  createReplaySource,
  newestTimeInLines,
  parsePageLines,
  readPageLines,
  shiftPages,
} from './x/replay-source.js';
import type { TweetSource } from './x/source.js';
import { createXSource } from './x/x-source.js';

/** Everything a running Kestrel is made of, wired once. */
export interface Kestrel {
  config: KestrelConfig;
  db: Db;
  dbPath: string;
  stores: PollStores;
  meta: MetaStore;
  ingestor: Ingestor;
  pool: PreparePool;
  /** The brands tweets are read for: the active brand watches. */
  brands: () => BrandSpec[];
  source: TweetSource;
  poller: Poller;
  /** What polling costs and which watches wait, and why. */
  pollStatus: PollStatus;
  /** Asks how much a watch would read before it starts (X's counts, or the demo corpus's). */
  estimator: Estimator;
  clock: Clock;
  logger: Logger;
  /** X-wide volume of `/mentions` queries (config `x.countsForMentions`), or none when switched off. */
  xVolume?: XVolume;
  /** True when no X token is set: the demo corpus stands in for the API. */
  demo: boolean;
  /** In demo mode: the demo corpus's page lines and the shift that puts its newest tweet at "now". */
  demoCorpus: { lines: string[]; shiftMs: number };
  /** What decides to send without being asked: job alerts, spike alerts, daily digests. */
  delivery: DeliveryDecisions;
  /** The lists chats were shown, the team's votes on them and what they decided. */
  feedback: FeedbackStore;
  /** Votes on listed items, decided and applied at once (`/feedback`, buttons). */
  corrections: Corrections;
  /** The classifier in use: the current brands, and the team's label model when one is active. */
  classifier: () => Classifier;
  /** What that classifier reads with (version, label model, brands): equal keys give equal readings. */
  readingKey: () => string;
  /** The team model: retrained after votes and nightly, guarded, reset (`kestrel model …`). */
  teach: TeamLearning;
  teamModels: TeamModelStore;
  /** Sets what runs after each poll cycle that stored something (e.g. waking the outbox sender). */
  onAfterCycle(listener: () => void): void;
  /** Stores recorded page lines through the ingest pipeline (see replayLines). */
  replay(
    lines: PageLineSource | readonly PageLine[],
    shiftMs: number,
    onProgress?: (p: ReplayProgress) => void,
    /** What error messages call the recording's lines, e.g. `pages.jsonl line`. */
    origin?: string,
  ): Promise<ReplayReport>;
  close(): Promise<void>;
}

export interface KestrelDeps {
  config: KestrelConfig;
  env: KestrelEnv;
  clock: Clock;
  logger: Logger;
  hooks?: NewTweetHook[];
  /** Told after every poll cycle that stored something, after the spike decisions (wakes the sender). */
  afterCycle?: () => void;
}

export function createKestrel(deps: KestrelDeps): Kestrel {
  const { config, env, clock, logger } = deps;
  const dbPath = env.KESTREL_DB ?? config.storage.path;
  const db = openDatabase(dbPath);
  const stores = createPollStores(db);
  const meta = createMetaStore(db);
  const synced = stores.watches.syncConfig(watchSpecsFromConfig(config), clock.now());
  if (synced.added + synced.updated + synced.removed > 0) logger.info(synced, 'config watches synchronised');
  const pool = createPreparePool({
    size: Math.min(4, availableParallelism() - 1),
    onWorkerCrash: (error) =>
      logger.warn({ err: error }, 'a prepare worker crashed: its batch goes to a fresh worker'),
  });
  const brands = () => brandSpecsOf(stores.watches.list().map((w) => w.spec));
  let afterCycle: () => void = deps.afterCycle ?? (() => {});
  const delivery = createDeliveryDecisions({ db, config, watches: stores.watches, logger });
  const signals = createSignalWriter(db);
  const feedback = createFeedbackStore(db);
  let labelModel: LabelModelChoice | null = null;
  const { classifier: readers, key: readingKey } = classifierCache(brands, () => labelModel);
  const teamModels = createTeamModelStore(db);
  const teach = createTeamLearning({
    feedback,
    models: teamModels,
    clock,
    logger,
    retrainEvery: config.teach.retrainEvery,
    guardMargin: config.teach.guardMargin,
    guardSet: () => loadGuardSet(config.teach.guardSet),
    onModel: (choice) => {
      labelModel = choice;
      pool.useLabelModel(choice);
    },
  });
  teach.start();
  const corrections = createCorrections({
    db,
    feedback,
    signals,
    classifier: readers,
    jobAlerts: delivery.jobAlerts,
    onVote: () => teach.afterVote(),
  });
  const ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals,
    brands,
    pool,
    hooks: [jobAlertsHook(delivery.jobAlerts), ...(deps.hooks ?? [])],
  });
  const demo = !env.X_BEARER_TOKEN;
  const lines = demo ? readPageLines(env.KESTREL_DEMO_CORPUS) : [];
  const shiftMs = demo ? replayShift(newestTimeInLines(lines), meta, clock) : 0;
  const source = env.X_BEARER_TOKEN
    ? createXSource({ bearerToken: env.X_BEARER_TOKEN, baseUrl: env.X_API_BASE_URL, clock })
    : createReplaySource(shiftPages(parsePageLines(lines, env.KESTREL_DEMO_CORPUS), shiftMs));
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
      maxReadsPerWatchPerDay: config.x.maxReadsPerWatchPerDay,
      backfillDays: config.x.backfillDays,
      retry: defaultRetryPolicy,
    },
    afterCycle: () => {
      delivery.spikeAlerts.decideSpikeAlerts({ now: clock.now() });
      afterCycle();
    },
  });
  const budget = {
    monthlyReadBudget: config.x.monthlyReadBudget,
    maxReadsPerWatchPerDay: config.x.maxReadsPerWatchPerDay,
    pricePerRead: config.x.pricePerRead,
    pricePerCountsRequest: config.x.pricePerCountsRequest,
  };
  const pollStatus = createPollStatus({
    usage: stores.usage,
    cursors: stores.cursors,
    skips: stores.skips,
    options: budget,
  });
  const estimator = createEstimator({
    source,
    usage: stores.usage,
    clock,
    options: {
      ...budget,
      queryMaxLength: config.x.queryMaxLength,
      excludeRetweets: config.x.excludeRetweets,
    },
  });
  // X-wide volume for /mentions: on by default with a token; in demo mode only when asked (the corpus counts it).
  const xVolume =
    (config.x.countsForMentions ?? !demo)
      ? createXVolume({ source, usage: stores.usage, clock, brands, queryMaxLength: config.x.queryMaxLength })
      : undefined;
  return {
    ...(xVolume ? { xVolume } : {}),
    config,
    db,
    dbPath,
    stores,
    meta,
    ingestor,
    pool,
    brands,
    source,
    poller,
    pollStatus,
    estimator,
    clock,
    logger,
    demo,
    demoCorpus: { lines, shiftMs },
    delivery,
    feedback,
    corrections,
    classifier: readers,
    readingKey,
    teach,
    teamModels,
    onAfterCycle(listener) {
      afterCycle = listener;
    },
    replay: (replayed, shift, onProgress, origin) =>
      replayLines(
        replayed,
        shift,
        { stores, ingestor, pool, brands, now: clock.now, ...(origin ? { origin } : {}) },
        onProgress,
      ),
    async close() {
      await teach.stop();
      await pool.close();
      db.close();
    },
  };
}

/** A classifier for the current brands and label model, built again only when they change. */
function classifierCache(
  brands: () => BrandSpec[],
  labelModel: () => LabelModelChoice | null,
): { classifier: () => Classifier; key: () => string } {
  let cached: { key: string; classifier: Classifier } | null = null;
  const keyOf = (specs: BrandSpec[], choice: LabelModelChoice | null) =>
    `${CLASSIFIER_VERSION}\u0000${choice?.key ?? 'shipped'}\u0000${JSON.stringify(specs)}`;
  return {
    classifier: () => {
      const specs = brands();
      const choice = labelModel();
      const key = keyOf(specs, choice);
      if (cached?.key !== key) {
        const models = modelsOf(choice);
        cached = { key, classifier: createClassifier({ brands: specs, ...(models ? { models } : {}) }) };
      }
      return cached.classifier;
    },
    key: () => keyOf(brands(), labelModel()),
  };
}

/**
 * How far to move a recording's times so its newest tweet (`newest`) is "now", decided the first time the
 * recording is stored in this database and kept (keyed by its newest time): replaying it again yields
 * the same ids, so nothing is stored twice.
 */
export function replayShift(newest: number | null, meta: MetaStore, clock: Clock): number {
  if (newest === null) return 0;
  const key = `replay-shift:${new Date(newest).toISOString()}`;
  const known = meta.get(key);
  if (known !== null) return Number(known);
  const shift = clock.now() - newest;
  meta.set(key, String(shift));
  return shift;
}
