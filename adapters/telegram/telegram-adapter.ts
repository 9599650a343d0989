import { GrammyError } from 'grammy';
import type { AdapterServices, ChatAdapter, MessageHandler, SendResult } from '../../src/chat/adapter.js';
import type { Command } from '../../src/chat/command.js';
import type { Reply } from '../../src/chat/reply.js';
import type { Clock } from '../../src/clock.js';
import { ConfigError, KestrelError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { createAdminCache } from './admins.js';
import { createTelegramBot } from './bot.js';
import { handleCallback } from './callbacks.js';
import { parseTelegramId, telegramId } from './ids.js';
import { handleIncoming } from './incoming.js';
import { migrationOf, recordMembership } from './membership.js';
import { menuEntries, registerMenus } from './menu.js';
import { renderTelegram } from './render.js';
import { createSender } from './sender.js';
import type { StartSubscriptions } from './start.js';
import { createPolling, createWebhook, type TelegramWebhookConfig, type Transport } from './transport.js';

/** The `adapters.telegram` configuration; the composition root fills `token` from `TELEGRAM_BOT_TOKEN`. */
export interface TelegramAdapterConfig {
  /** The bot token from @BotFather. */
  token: string;
  /** Bot API root (default https://api.telegram.org); tests point it at the fake server. */
  apiRoot?: string;
  /** Receive updates by webhook instead of long polling. */
  webhook?: TelegramWebhookConfig;
  /** Long-polling timeout of getUpdates in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** Updates handled at once by the runner, across chats (default 50; one chat's are in order). */
  concurrency?: number;
  /** How long a getChatMember answer is trusted (default 60 000 ms). */
  adminCacheMs?: number;
  /**
   * In-call waiting on 429: a retry_after of at most `maxDelaySeconds` (default 3) is waited out at most
   * `maxRetryAttempts` times (default 1); longer waits reach `send` as RateLimitError for the engine.
   */
  retry?: { maxDelaySeconds?: number; maxRetryAttempts?: number };
  /** Pause between the messages of one multi-part reply (default 1000 ms: Telegram's 1/s per chat). */
  partIntervalMs?: number;
  /** Register the command menus with setMyCommands on start (default true). */
  registerCommands?: boolean;
  /** Commands left out of the group menus (default ['jobs']). */
  privateOnlyCommands?: readonly string[];
  /** Most characters of HTML per message (default and maximum 4096). */
  maxMessageLength?: number;
}

/** What the adapter needs from the rest of Kestrel. */
export interface TelegramAdapterDeps extends AdapterServices {
  /** Job-alert subscriptions, for `/start` (the SubscriptionStore fits). */
  subscriptions: StartSubscriptions;
  /** The registry's commands, for the menus. */
  commands: readonly Pick<Command, 'name' | 'summary'>[];
  clock: Clock;
  logger: Logger;
}

/** The Telegram chat adapter. */
export interface TelegramAdapter extends ChatAdapter {
  readonly platform: 'telegram';
  /** The bot's @username, known after start. */
  username(): string | null;
  /** How many API calls `send` makes for a reply (messages + photos), for the engine's pacing. */
  cost(reply: Reply): number;
  /** Where the webhook server listens (webhook mode, after start). */
  webhookAddress(): { host: string; port: number } | null;
}

const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The Telegram adapter on grammY: long polling (grammY runner) or a webhook, commands handed to the
 * handler with a context, replies and `send` rendered as Telegram HTML and split at 4096, charts sent
 * as photos, group admins checked with getChatMember, `/start` and membership changes recorded.
 */
export function createTelegramAdapter(
  config: TelegramAdapterConfig,
  deps: TelegramAdapterDeps,
): TelegramAdapter {
  if (!/^\d+:[\w-]+$/.test(config.token)) {
    throw new ConfigError(
      'TELEGRAM_BOT_TOKEN does not look like a bot token (<digits>:<letters>); get one from @BotFather',
      {
        field: 'TELEGRAM_BOT_TOKEN',
      },
    );
  }
  if (config.webhook && !SECRET.test(config.webhook.secretToken)) {
    throw new ConfigError('adapters.telegram.webhook.secretToken must be 1–256 of A-Z a-z 0-9 _ -', {
      field: 'adapters.telegram.webhook.secretToken',
    });
  }
  const { logger, clock } = deps;
  const maxLength = Math.min(config.maxMessageLength ?? 4096, 4096);
  // Feedback buttons go under lists only when the core takes the taps.
  const renderOptions = { maxLength, buttons: deps.feedback !== undefined };
  let handler: MessageHandler | null = null;

  const telegram = createTelegramBot(
    {
      token: config.token,
      ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
      maxRetryDelaySeconds: config.retry?.maxDelaySeconds ?? 3,
      maxRetryAttempts: config.retry?.maxRetryAttempts ?? 1,
    },
    {
      message: async (message) => {
        const moved = migrationOf(message);
        if (moved) {
          deps.membership.migrated(moved.from, moved.to);
          return;
        }
        const result = await handleIncoming(message, {
          handler: () => handler,
          context: deps.context,
          admins,
          membership: deps.membership,
          subscriptions: deps.subscriptions,
          username: () => telegram.bot.botInfo.username,
        });
        if (!result.reply) return;
        const where = {
          ...(message.chat.type === 'private' ? {} : { replyTo: message.message_id }),
          ...(message.is_topic_message && message.message_thread_id !== undefined
            ? { threadId: message.message_thread_id }
            : {}),
        };
        const chatId = telegramId(message.chat.id);
        const sent = await sender.deliver(
          chatId,
          message.chat.id,
          renderTelegram(result.reply, renderOptions),
          where,
        );
        if (!sent.ok) logger.warn({ chatId, reason: sent.reason }, 'telegram reply not delivered');
      },
      membership: async (update) => {
        const chat = recordMembership(update, deps.membership);
        admins.forget(update.chat.id);
        logger.info(chat, 'telegram membership changed');
      },
      callback: (query) =>
        handleCallback(query, { api, taps: deps.feedback, context: deps.context, admins, logger }),
    },
    logger,
  );
  const api = telegram.bot.api;
  const admins = createAdminCache(
    { ttlMs: config.adminCacheMs ?? 60_000 },
    { getChatMember: (chatId, userId) => api.getChatMember(chatId, userId), now: clock.now, logger },
  );
  const sender = createSender({ partIntervalMs: config.partIntervalMs ?? 1000 }, { api, clock, logger });
  const transport: Transport = config.webhook
    ? createWebhook(telegram, config.webhook, logger)
    : createPolling(
        telegram,
        { timeoutSeconds: config.pollTimeoutSeconds ?? 30, concurrency: config.concurrency ?? 50 },
        logger,
      );
  let started = false;

  return {
    platform: 'telegram',
    images: true,
    username: () => (telegram.bot.isInited() ? telegram.bot.botInfo.username : null),
    cost: (reply) => renderTelegram(reply, { maxLength }).length,
    webhookAddress: () => {
      const address = transport.address();
      return address ? { host: address.address, port: address.port } : null;
    },
    async start(h) {
      if (started) throw new KestrelError('INPUT_INVALID', 'telegram adapter already started');
      handler = h;
      try {
        await telegram.bot.init();
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 401) {
          throw new ConfigError(
            'Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized); check it with @BotFather',
            {
              field: 'TELEGRAM_BOT_TOKEN',
            },
          );
        }
        throw new KestrelError('UPSTREAM_UNAVAILABLE', `Telegram getMe failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (config.registerCommands ?? true) {
        const entries = menuEntries(deps.commands, {
          ...(config.privateOnlyCommands ? { privateOnly: config.privateOnlyCommands } : {}),
        });
        await registerMenus(api, entries).catch((error: unknown) =>
          logger.warn({ err: error }, 'telegram command menus not registered'),
        );
      }
      await transport.start();
      started = true;
      logger.info(
        { bot: telegram.bot.botInfo.username, webhook: Boolean(config.webhook) },
        'telegram adapter started',
      );
    },
    async stop() {
      handler = null;
      if (!started) return;
      started = false;
      await transport.stop();
    },
    async send(chatId, reply): Promise<SendResult> {
      const target = parseTelegramId(chatId);
      if (target === null)
        return { ok: false, permanent: true, reason: `${chatId} is not a telegram:<chat_id>` };
      const parts = renderTelegram(reply, renderOptions);
      const result = await sender.deliver(chatId, target, parts);
      if (result.ok || result.movedTo === undefined) return result;
      // The group became a supergroup: everything moves to the new id once, and this message goes there.
      const to = telegramId(result.movedTo);
      deps.membership.migrated(chatId, { id: to, kind: 'group' });
      return sender.deliver(to, result.movedTo, parts);
    },
  };
}
