import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTelegramAdapter,
  type TelegramAdapter,
  type TelegramAdapterConfig,
} from '../../adapters/telegram/telegram-adapter.js';
import type { Command } from '../../src/chat/command.js';
import { createContextBuilder } from '../../src/chat/context-builder.js';
import { createChatMembership } from '../../src/chat/membership.js';
import { type Clock, systemClock } from '../../src/clock.js';
import type { FeedbackTaps } from '../../src/feedback/taps.js';
import { silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createOutboxStore } from '../../src/store/outbox-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import type { AdapterHarness } from '../chat/adapter-contract.js';
import type { FloodLimits } from '../fakes/telegram/limits.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram/server.js';
import { type FakeUser, privateChatOf, textMessage } from '../fakes/telegram/updates.js';

export const kate: FakeUser = {
  id: 5342492667,
  first_name: 'Kate',
  username: 'kate_backend',
  language_code: 'en',
};
export const ivan: FakeUser = {
  id: 412345678,
  first_name: 'Иван',
  username: 'ivan_dev',
  language_code: 'ru',
};

export interface HarnessOptions {
  config?: Partial<TelegramAdapterConfig>;
  limits?: FloodLimits | false;
  clock?: Clock;
  commands?: readonly Pick<Command, 'name' | 'summary'>[];
  /** A database to share (e.g. the demo store's); default a new in-memory one. */
  db?: ReturnType<typeof openDatabase>;
  /** Reuse a running fake (webhook tests start their own adapter on it). */
  fake?: FakeTelegram;
  /** Told when the membership service put messages back to pending (a dispatcher's rescan). */
  onPending?: () => void;
  /** Feedback taps (buttons under lists); without it the adapter shows none. */
  feedback?: FeedbackTaps;
}

/** A real grammY adapter against the fake Bot API, over an in-memory store. */
export async function telegramHarness(options: HarnessOptions = {}) {
  const fake = options.fake ?? (await startFakeTelegram({ limits: options.limits ?? false }));
  const db = options.db ?? openDatabase(':memory:');
  const chats = createChatStore(db);
  const subscriptions = createSubscriptionStore(db);
  const clock = options.clock ?? systemClock;
  const membership = createChatMembership({
    store: createMembershipStore(db),
    now: clock.now,
    logger: silentLogger(),
    ...(options.onPending ? { onPending: options.onPending } : {}),
  });
  const adapter: TelegramAdapter = createTelegramAdapter(
    { token: fake.token, apiRoot: fake.apiRoot, pollTimeoutSeconds: 2, partIntervalMs: 0, ...options.config },
    {
      context: createContextBuilder({ chats, defaultTimezone: 'Europe/Moscow', now: clock.now }),
      membership,
      ...(options.feedback ? { feedback: options.feedback } : {}),
      subscriptions,
      commands: options.commands ?? [],
      clock,
      logger: silentLogger(),
    },
  );
  return {
    fake,
    adapter,
    db,
    chats,
    membership,
    outbox: createOutboxStore(db),
    subscriptions,
    async close() {
      await adapter.stop();
      if (!options.fake) await fake.close();
      if (!options.db) db.close();
    },
  };
}

/** The shared contract's view of a private chat with Kate. */
export async function contractHarness(): Promise<AdapterHarness> {
  const h = await telegramHarness();
  return {
    adapter: h.adapter,
    chatId: `telegram:${kate.id}`,
    deliver: async (text) => {
      h.fake.push(textMessage(privateChatOf(kate), kate, text));
    },
    delivered: async () => h.fake.sent.map((m) => m.text),
    close: () => h.close(),
  };
}

/** Waits until `check` is true (polling), or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const FIXTURES = join(process.cwd(), '..', 'shared', 'fixtures', 'telegram');

/** A recorded Telegram payload from ../shared/fixtures/telegram, or null (with a note) when absent. */
export function fixture(name: string): Record<string, unknown> | null {
  const path = join(FIXTURES, name);
  if (!existsSync(path)) {
    console.warn(`skipping: recorded Telegram fixture ${path} is absent (see ../shared/fixtures/SOURCES.md)`);
    return null;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

export const haveFixtures = existsSync(FIXTURES);
