import { createSlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { createTelegramAdapter } from '../../adapters/telegram/telegram-adapter.js';
import type { Kestrel } from '../app.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { Command } from '../chat/command.js';
import { createContextBuilder } from '../chat/context-builder.js';
import { createChatMembership, withSignsOfLife } from '../chat/membership.js';
import type { CommandRegistry } from '../chat/registry.js';
import { systemClock } from '../clock.js';
import type { KestrelEnv } from '../config/env.js';
import { createDigestCron, type DigestCron } from '../delivery/digest-cron.js';
import { createDispatcher, type Dispatcher, type DispatcherDeps } from '../delivery/dispatcher.js';
import type { Platform } from '../delivery/platform-limits.js';
import { createFeedbackTaps } from '../feedback/taps.js';
import type { Supervisor } from '../health/supervisor.js';
import { createChatStore } from '../store/chat-store.js';
import { createMembershipStore } from '../store/membership-store.js';
import { createOutboxStore } from '../store/outbox-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';

/** The long-running parts of `kestrel start`: chat platforms, the outbox sender and the digest schedule. */
export interface Runtime {
  adapters: Partial<Record<Platform, ChatAdapter>>;
  dispatcher: Dispatcher;
  digestCron: DigestCron;
  /** Stops the digest cron and the dispatcher: no new sends; resolves when the sends in flight are recorded. */
  stopSending(): Promise<void>;
  /** Stops Telegram and Slack (the console chat is the caller's). */
  stopAdapters(): Promise<void>;
}

/**
 * Starts Telegram (TELEGRAM_BOT_TOKEN) and Slack (SLACK_BOT_TOKEN) when configured, next to the console
 * adapter the caller already runs; then the outbox dispatcher over all of them, and the per-chat digest
 * schedule, whose start-up catch-up sends a digest missed within the grace window.
 */
export async function startRuntime(deps: {
  kestrel: Kestrel;
  env: KestrelEnv;
  registry: CommandRegistry;
  commands: readonly Command[];
  console: ChatAdapter;
  /** The console chat of the person running Kestrel: where operational notices go. */
  operatorChatId: string;
  /** Restarts the dispatcher loop and counts digest-cron crashes. */
  supervisor: Supervisor;
  /** Told of each send's outcome per platform. */
  observe?: DispatcherDeps['observe'];
}): Promise<Runtime> {
  const { kestrel, env, registry } = deps;
  const { config, logger, db } = kestrel;
  const chats = createChatStore(db);
  const context = createContextBuilder({
    chats,
    defaultTimezone: config.poll.timezone,
    now: kestrel.clock.now,
  });
  let dispatcher: Dispatcher | null = null;
  const membership = createChatMembership({
    store: createMembershipStore(db),
    now: kestrel.clock.now,
    logger,
    reviveWithinMs: config.delivery.reviveWithinHours * 3_600_000,
    onPending: () => dispatcher?.rescan(),
  });
  // Both chat platforms get the same narrow services: contexts, membership, and feedback taps.
  const feedback = createFeedbackTaps({ corrections: kestrel.corrections, feedback: kestrel.feedback });
  const services = { context, membership, feedback };
  // A command from a chat is a sign of life, on every platform.
  const handler = withSignsOfLife((message) => registry.dispatch(message.text, message.context), membership);
  const adapters: Partial<Record<Platform, ChatAdapter>> = { console: deps.console };

  if (env.TELEGRAM_BOT_TOKEN) {
    const telegram = createTelegramAdapter(
      {
        token: env.TELEGRAM_BOT_TOKEN,
        ...(env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT } : {}),
        ...(config.telegram.webhook && env.TELEGRAM_WEBHOOK_SECRET
          ? { webhook: { ...config.telegram.webhook, secretToken: env.TELEGRAM_WEBHOOK_SECRET } }
          : {}),
      },
      {
        ...services,
        subscriptions: createSubscriptionStore(db),
        commands: deps.commands,
        clock: systemClock,
        logger,
      },
    );
    await telegram.start(handler);
    adapters.telegram = telegram;
    logger.info({ bot: telegram.username() }, 'Telegram adapter started');
  }
  if (env.SLACK_BOT_TOKEN) {
    const slack = createSlackAdapter(
      {
        mode: config.slack.mode,
        botToken: env.SLACK_BOT_TOKEN,
        ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
        port: config.slack.port,
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
        admins: config.slack.admins,
      },
      { ...services, logger, now: kestrel.clock.now },
    );
    await slack.start(handler);
    adapters.slack = slack;
    logger.info({ mode: config.slack.mode }, 'Slack adapter started');
  }

  const sender = createDispatcher({
    outbox: createOutboxStore(db),
    chats,
    membership,
    adapters,
    clock: systemClock,
    logger,
    ...(deps.observe ? { observe: deps.observe } : {}),
    // A chat that is gone cannot be told; the operator at the console can.
    notifyAdmins: async (chatId, reason) => {
      await deps.console.send(deps.operatorChatId, {
        title: 'Kestrel can no longer post to a chat',
        tone: 'error',
        blocks: [
          {
            type: 'text',
            text: `${chatId}: ${reason}. It is marked inactive until the bot is invited back or someone there uses a command; what it missed in the meantime (up to delivery.reviveWithinHours) goes out then.`,
          },
        ],
      });
    },
  });
  dispatcher = sender;
  deps.supervisor.loop('dispatcher', () => sender.serve());
  const digestCron = createDigestCron({
    scheduler: kestrel.delivery.digests,
    chats,
    clock: systemClock,
    defaultTimezone: config.poll.timezone,
    logger,
    onDecided: () => sender.poke(),
    guard: (run) => deps.supervisor.job('digest-cron', run),
  });
  // Missed digests are decided in the background, one chat per turn, while the adapters already answer.
  void digestCron.start();
  kestrel.teach.scheduleNightly(config.teach.nightly, config.poll.timezone);

  return {
    adapters,
    dispatcher: sender,
    digestCron,
    async stopSending() {
      await digestCron.stop();
      // Aborted first, so the loop ending now is not taken for a crash.
      const supervised = deps.supervisor.stop();
      await sender.stop();
      await supervised;
    },
    async stopAdapters() {
      for (const [platform, adapter] of Object.entries(adapters)) {
        if (platform !== 'console') await adapter?.stop();
      }
    },
  };
}
