import type { KestrelConfig } from '../config/schema.js';
import { createDigestBuilder } from '../digest/build.js';
import { rememberingOutbox } from '../feedback/lists.js';
import type { Logger } from '../logger.js';
import { createAlertQueries } from '../store/alert-queries.js';
import { createChatStore } from '../store/chat-store.js';
import type { Db } from '../store/database.js';
import { createDeliveryHistory } from '../store/delivery-history.js';
import { createDigestQueries } from '../store/digest-queries.js';
import { createFeedbackStore } from '../store/feedback-store.js';
import { createOutboxWriter } from '../store/outbox-store.js';
import type { WatchStore } from '../store/watch-store.js';
import { createDigestScheduler, type DigestScheduler } from './digest-schedule.js';
import { createJobAlerts, type JobAlerts } from './job-alerts.js';
import { createSpikeAlerts, type SpikeAlerts } from './spike-alerts.js';

/** The three things people get without asking, each deciding into the outbox in its own transaction. */
export interface DeliveryDecisions {
  jobAlerts: JobAlerts;
  spikeAlerts: SpikeAlerts;
  digests: DigestScheduler;
}

export function createDeliveryDecisions(deps: {
  db: Db;
  config: KestrelConfig;
  watches: WatchStore;
  logger: Logger;
}): DeliveryDecisions {
  const { db, config, logger } = deps;
  // Every list sent becomes its chat's last list, so `/feedback <n>` and buttons name its items.
  const outbox = rememberingOutbox(createOutboxWriter(db), createFeedbackStore(db));
  const chats = createChatStore(db);
  const history = createDeliveryHistory(db);
  const queries = createDigestQueries(db);
  const defaultTimezone = config.poll.timezone;
  return {
    jobAlerts: createJobAlerts({
      queries: createAlertQueries(db),
      outbox,
      currencyRates: config.delivery.currencyRates,
      bundleOver: config.delivery.alertBundleOver,
    }),
    spikeAlerts: createSpikeAlerts({
      queries,
      history,
      watches: deps.watches,
      chats,
      outbox,
      rule: config.delivery.spike,
      defaultTimezone,
      logger,
    }),
    digests: createDigestScheduler({
      chats,
      builder: createDigestBuilder({ queries, watches: deps.watches }),
      history,
      outbox,
      graceMinutes: config.delivery.digestGraceMinutes,
      defaultTimezone,
      logger,
    }),
  };
}
