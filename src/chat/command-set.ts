import { createDigestCommand } from '../../commands/digest.js';
import { createEngagementCommand } from '../../commands/engagement.js';
import { createHelpCommand } from '../../commands/help.js';
import { createJobsCommand } from '../../commands/jobs.js';
import { createLangCommand } from '../../commands/lang.js';
import { createMentionsCommand } from '../../commands/mentions.js';
import { createScheduleCommand } from '../../commands/schedule.js';
import { createStatsCommand } from '../../commands/stats.js';
import { createWatchCommand } from '../../commands/watch.js';
import type { Kestrel } from '../app.js';
import { createDigestBuilder } from '../digest/build.js';
import { createChatStore } from '../store/chat-store.js';
import { createDigestQueries } from '../store/digest-queries.js';
import { createEngagementQueries } from '../store/engagement-queries.js';
import { createMentionQueries } from '../store/mention-queries.js';
import { readStoreStats } from '../store/stats-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';
import type { Command } from './command.js';

/** Every chat command, wired to this Kestrel's stores. `/help` is built from the others' summaries. */
export function createCommandSet(kestrel: Kestrel, options: { nextPoll: () => Date | null }): Command[] {
  const { db, stores, config } = kestrel;
  const chats = createChatStore(db);
  const commands: Command[] = [
    createMentionsCommand({ queries: createMentionQueries(db), watches: stores.watches }),
    createEngagementCommand({
      queries: createEngagementQueries(db),
      watches: () => stores.watches.list(),
      source: kestrel.demo ? null : kestrel.source,
      ingestor: kestrel.ingestor,
      usage: stores.usage,
      transaction: stores.transaction,
      monthlyReadBudget: config.x.monthlyReadBudget,
    }),
    createJobsCommand({ subscriptions: createSubscriptionStore(db) }),
    createWatchCommand({
      watches: stores.watches,
      queryMaxLength: config.x.queryMaxLength,
      querySuffix: config.x.excludeRetweets ? '-is:retweet' : '',
    }),
    createDigestCommand({
      digests: createDigestBuilder({ queries: createDigestQueries(db), watches: stores.watches }),
    }),
    createScheduleCommand({ chats }),
    createStatsCommand({
      storeStats: () => readStoreStats(db, kestrel.dbPath),
      watches: stores.watches,
      usage: stores.usage,
      runs: stores.runs,
      monthlyReadBudget: config.x.monthlyReadBudget,
      nextPoll: options.nextPoll,
      demo: kestrel.demo,
    }),
    createLangCommand({ chats }),
  ];
  commands.push(createHelpCommand({ commands: () => commands }));
  return commands;
}
