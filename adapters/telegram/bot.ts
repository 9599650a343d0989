import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import type { CallbackQuery, ChatMemberUpdated, Message } from 'grammy/types';
import type { Logger } from '../../src/logger.js';

/** The update types Kestrel asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'channel_post', 'my_chat_member', 'callback_query'] as const;

/** How the grammY bot reaches Telegram and how long it waits out flood limits inside one call. */
export interface BotOptions {
  token: string;
  apiRoot?: string;
  /** 429s whose retry_after is at most this many seconds are waited out inside the call. */
  maxRetryDelaySeconds: number;
  /** How many times one call is retried after such a 429. */
  maxRetryAttempts: number;
}

/** What the bot does with the updates it receives. */
export interface BotHandlers {
  message(message: Message): Promise<void>;
  membership(update: ChatMemberUpdated): Promise<void>;
  /** A tap on one of the bot's inline buttons. */
  callback(query: CallbackQuery): Promise<void>;
}

/** The grammY bot and the newest update id it has handled (to confirm on stop). */
export interface TelegramBot {
  bot: Bot;
  lastUpdateId(): number | null;
}

/**
 * The grammY Bot: API root (the fake server in tests), auto-retry for short flood waits only (longer
 * ones and 5xx/network errors are rethrown at once, so the delivery engine decides), updates of one chat
 * handled in order (the runner handles different chats concurrently), every handler error logged.
 */
export function createTelegramBot(options: BotOptions, handlers: BotHandlers, logger: Logger): TelegramBot {
  const bot = new Bot(options.token, {
    client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: options.maxRetryAttempts,
      maxDelaySeconds: options.maxRetryDelaySeconds,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  let last: number | null = null;
  bot.use(async (ctx, next) => {
    if (last === null || ctx.update.update_id > last) last = ctx.update.update_id;
    await next();
  });
  bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  bot.on('my_chat_member', (ctx) =>
    guarded(logger, 'my_chat_member', () => handlers.membership(ctx.myChatMember)),
  );
  bot.on('callback_query:data', (ctx) =>
    guarded(logger, 'callback_query', () => handlers.callback(ctx.callbackQuery)),
  );
  bot.on(
    ['message:text', 'channel_post:text', 'message:migrate_to_chat_id', 'message:migrate_from_chat_id'],
    (ctx) => guarded(logger, 'message', () => handlers.message(ctx.msg)),
  );
  bot.catch((error) =>
    logger.error({ err: error.error, update: error.ctx.update.update_id }, 'telegram update failed'),
  );
  return { bot, lastUpdateId: () => last };
}

async function guarded(logger: Logger, what: string, task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    logger.error({ err: error }, `telegram ${what} handling failed`);
  }
}
