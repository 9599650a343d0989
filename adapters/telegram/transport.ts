import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunnerHandle, run } from '@grammyjs/runner';
import { webhookCallback } from 'grammy';
import type { Logger } from '../../src/logger.js';
import { ALLOWED_UPDATES, type TelegramBot } from './bot.js';

/** How updates reach the bot: long polling or a webhook. */
export interface Transport {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Where the webhook server listens (null for long polling or before start). */
  address(): AddressInfo | null;
}

/** Where Telegram delivers updates in webhook mode. */
export interface TelegramWebhookConfig {
  /** The public HTTPS URL Telegram posts to (its path is the path served). */
  url: string;
  /** Sent by Telegram in `X-Telegram-Bot-Api-Secret-Token`; 1–256 of A–Z a–z 0–9 _ -. */
  secretToken: string;
  /** Port of the local HTTP server (0 picks a free one). */
  port: number;
  /** Interface to listen on (default 0.0.0.0). */
  host?: string;
}

/**
 * Long polling with grammY runner: getUpdates (allowed updates: messages, channel posts, the bot's
 * membership), updates of different chats handled concurrently. Stopping waits for running handlers
 * and confirms the handled updates to Telegram, so a restart does not see them again.
 */
export function createPolling(
  telegram: TelegramBot,
  options: { timeoutSeconds: number; concurrency: number },
  logger: Logger,
): Transport {
  let handle: RunnerHandle | null = null;
  return {
    async start() {
      await telegram.bot.api.deleteWebhook();
      handle = run(telegram.bot, {
        runner: {
          fetch: { timeout: options.timeoutSeconds, allowed_updates: ALLOWED_UPDATES },
          silent: true,
        },
        sink: { concurrency: options.concurrency },
      });
      handle.task()?.catch((error: unknown) => logger.error({ err: error }, 'telegram polling stopped'));
    },
    async stop() {
      const running = handle;
      handle = null;
      if (!running) return;
      if (running.isRunning()) await running.stop();
      const last = telegram.lastUpdateId();
      if (last === null) return;
      try {
        await telegram.bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0 });
      } catch (error) {
        logger.warn({ err: error }, 'could not confirm handled telegram updates');
      }
    },
    address: () => null,
  };
}

/**
 * A webhook on a node:http server: POSTs to the URL's path are checked for the secret token (a wrong or
 * missing one gets 401) and handled by grammY's webhookCallback; setWebhook registers the URL. A slow
 * handler does not make Telegram deliver the update again: after 10 s the request is answered and the
 * handler goes on.
 */
export function createWebhook(
  telegram: TelegramBot,
  config: TelegramWebhookConfig,
  logger: Logger,
): Transport {
  const path = new URL(config.url).pathname;
  let server: Server | null = null;
  return {
    async start() {
      const callback = webhookCallback(telegram.bot, 'http', {
        secretToken: config.secretToken,
        onTimeout: 'return',
        timeoutMilliseconds: 10_000,
      });
      const listening = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (req.method !== 'POST' || url.pathname !== path) {
          res.writeHead(404).end();
          return;
        }
        callback(req, res).catch((error: unknown) => {
          logger.error({ err: error }, 'telegram webhook request failed');
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(config.port, config.host ?? '0.0.0.0', () => resolve());
      });
      server = listening;
      await telegram.bot.api.setWebhook(config.url, {
        secret_token: config.secretToken,
        allowed_updates: ALLOWED_UPDATES,
      });
    },
    async stop() {
      const running = server;
      server = null;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        running.closeAllConnections();
      });
    },
    address: () => {
      const address = server?.address();
      return address && typeof address === 'object' ? address : null;
    },
  };
}
