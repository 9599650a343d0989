import { createSlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { createTelegramAdapter } from '../../adapters/telegram/telegram-adapter.js';
import type { Kestrel } from '../app.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { Command } from '../chat/command.js';
import { createContextBuilder } from '../chat/context-builder.js';
import type { CommandRegistry } from '../chat/registry.js';
import { systemClock } from '../clock.js';
import type { KestrelEnv } from '../config/env.js';
import { createDigestCron, type DigestCron } from '../delivery/digest-cron.js';
import { createDispatcher, type Dispatcher } from '../delivery/dispatcher.js';
import type { Platform } from '../delivery/platform-limits.js';
import { createChatStore } from '../store/chat-store.js';
import { createOutboxStore } from '../store/outbox-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';

/** The long-running parts of `kestrel start`: chat platforms, the outbox sender and the digest schedule. */
export interface Runtime {
  adapters: Partial<Record<Platform, ChatAdapter>>;
  dispatcher: Dispatcher;
  digestCron: DigestCron;
  stop(): Promise<void>;
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
}): Promise<Runtime> {
  const { kestrel, env, registry } = deps;
  const { config, logger, db } = kestrel;
  const chats = createChatStore(db);
  const context = createContextBuilder({
    chats,
    defaultTimezone: config.poll.timezone,
    now: kestrel.clock.now,
  });
  const handler = (message: Parameters<Parameters<ChatAdapter['start']>[0]>[0]) =>
    registry.dispatch(message.text, message.context);
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
        context,
        chats,
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
        admins: config.slack.admins,
        defaultTimezone: config.poll.timezone,
      },
      { logger, now: kestrel.clock.now, context },
    );
    await slack.start(handler);
    adapters.slack = slack;
    logger.info({ mode: config.slack.mode }, 'Slack adapter started');
  }

  const dispatcher = createDispatcher({
    outbox: createOutboxStore(db),
    chats,
    adapters,
    clock: systemClock,
    logger,
    // A chat that is gone cannot be told; the operator at the console can.
    notifyAdmins: async (chatId, reason) => {
      await deps.console.send(deps.operatorChatId, {
        title: 'Kestrel can no longer post to a chat',
        tone: 'error',
        blocks: [
          { type: 'text', text: `${chatId}: ${reason}. It is marked inactive; nothing more is sent there.` },
        ],
      });
    },
  });
  dispatcher.start();
  const digestCron = createDigestCron({
    scheduler: kestrel.delivery.digests,
    chats,
    clock: systemClock,
    defaultTimezone: config.poll.timezone,
    logger,
    onDecided: () => dispatcher.poke(),
  });
  digestCron.start();

  return {
    adapters,
    dispatcher,
    digestCron,
    async stop() {
      await digestCron.stop();
      await dispatcher.stop();
      for (const [platform, adapter] of Object.entries(adapters)) {
        if (platform !== 'console') await adapter?.stop();
      }
    },
  };
}
