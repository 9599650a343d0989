import { createDigestCommand } from '../../commands/digest.js';
import { createEngagementCommand } from '../../commands/engagement.js';
import { createFeedbackCommand } from '../../commands/feedback.js';
import { createHelpCommand } from '../../commands/help.js';
import { createJobsCommand } from '../../commands/jobs.js';
import { createLangCommand } from '../../commands/lang.js';
import { createMentionsCommand } from '../../commands/mentions.js';
import { createScheduleCommand } from '../../commands/schedule.js';
import { createStatsCommand } from '../../commands/stats.js';
import { createWatchCommand } from '../../commands/watch.js';
import type { KestrelConfig } from '../config/schema.js';
import { createDigestBuilder } from '../digest/build.js';
import type { Corrections } from '../feedback/corrections.js';
import type { Estimator } from '../monitor/estimate.js';
import type { PollStatus } from '../monitor/poll-status.js';
import type { PollStores } from '../monitor/stores.js';
import type { XVolume } from '../monitor/x-volume.js';
import type { Ingestor } from '../pipeline/ingest.js';
import { createQuietHoursStore } from '../store/alert-queries.js';
import { createChatStore } from '../store/chat-store.js';
import type { Db } from '../store/database.js';
import { createDigestQueries } from '../store/digest-queries.js';
import { createEngagementQueries } from '../store/engagement-queries.js';
import { createMembershipStore } from '../store/membership-store.js';
import { createMentionQueries } from '../store/mention-queries.js';
import { createPersonEraser } from '../store/person-eraser.js';
import { readStoreStats } from '../store/stats-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';
import type { TweetSource } from '../x/source.js';
import type { Command } from './command.js';

/** What the commands are built from. */
export interface CommandSetDeps {
  db: Db;
  dbPath: string;
  stores: PollStores;
  config: KestrelConfig;
  ingestor: Ingestor;
  /** The X API, or null in demo mode (no X_BEARER_TOKEN). */
  source: TweetSource | null;
  /** The next scheduled poll, or null when not polling. */
  nextPoll: () => Date | null;
  /** What polling costs and who waits (for `/stats` and `/watch list`). */
  pollStatus?: PollStatus;
  /** Estimates a new watch before `/watch add` starts it. */
  estimator?: Estimator;
  /** X-wide volume beside `/mentions` (config `x.countsForMentions`). */
  xVolume?: XVolume;
  /** Feedback on listed items (`/feedback`); without it the command is left out. */
  corrections: Corrections;
  /** Draw PNG charts (default true); the fuzz test turns them off. */
  charts?: boolean;
}

/** Every chat command, wired to the stores. `/help` is built from the others' summaries. */
export function createCommandSet(deps: CommandSetDeps): Command[] {
  const { db, stores, config } = deps;
  const chats = createChatStore(db);
  const commands: Command[] = [
    createMentionsCommand({
      queries: createMentionQueries(db, { helper: true }),
      watches: stores.watches,
      renderChart: deps.charts !== false,
      ...(deps.xVolume ? { volume: deps.xVolume } : {}),
    }),
    createEngagementCommand({
      queries: createEngagementQueries(db),
      watches: () => stores.watches.list(),
      source: deps.source,
      ingestor: deps.ingestor,
      usage: stores.usage,
      transaction: stores.transaction,
      monthlyReadBudget: config.x.monthlyReadBudget,
    }),
    createJobsCommand({
      subscriptions: createSubscriptionStore(db),
      quietHours: createQuietHoursStore(db),
      eraser: createPersonEraser(db, { forgetVotes: deps.corrections.forgetPerson }),
    }),
    createWatchCommand({
      watches: stores.watches,
      queryMaxLength: config.x.queryMaxLength,
      querySuffix: config.x.excludeRetweets ? '-is:retweet' : '',
      ...(deps.estimator ? { estimator: deps.estimator } : {}),
      prices: config.x,
      ...(deps.pollStatus
        ? {
            statusOf: (id: number, now: number, lang: 'en' | 'ru') =>
              deps.pollStatus?.watchStatus(id, now, lang) ?? null,
            skipsOf: (id: number, now: number, lang: 'en' | 'ru') =>
              deps.pollStatus?.skipsOf(id, now, lang) ?? null,
          }
        : {}),
    }),
    createDigestCommand({
      digests: createDigestBuilder({ queries: createDigestQueries(db), watches: stores.watches }),
    }),
    createScheduleCommand({ chats }),
    createStatsCommand({
      storeStats: () => readStoreStats(db, deps.dbPath),
      watches: stores.watches,
      usage: stores.usage,
      runs: stores.runs,
      monthlyReadBudget: config.x.monthlyReadBudget,
      ...(deps.pollStatus ? { status: deps.pollStatus } : {}),
      nextPoll: deps.nextPoll,
      demo: deps.source === null,
      inactiveChats: createMembershipStore(db).inactive,
    }),
    createLangCommand({ chats }),
  ];
  commands.push(createFeedbackCommand({ corrections: deps.corrections }));
  commands.push(createHelpCommand({ commands: () => commands }));
  return commands;
}
