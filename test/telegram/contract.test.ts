import { describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/telegram-adapter.js';
import { createContextBuilder } from '../../src/chat/context-builder.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { adapterContract } from '../chat/adapter-contract.js';
import { startFakeTelegram } from '../fakes/telegram/server.js';
import { privateChatOf, textMessage } from '../fakes/telegram/updates.js';
import { contractHarness, kate, telegramHarness, until } from './harness.js';

describe('telegram adapter', () => {
  adapterContract('telegram', contractHarness);

  it('polls with allowed updates after deleting a webhook, and confirms handled updates on stop', async () => {
    const h = await telegramHarness();
    try {
      await h.adapter.start(async (m) => ({ title: 'ok', blocks: [{ type: 'text', text: m.text }] }));
      expect(h.adapter.username()).toBe('kestrel_test_bot');
      for (const text of ['/a', '/b', '/c']) h.fake.push(textMessage(privateChatOf(kate), kate, text));
      await until(() => h.fake.sentTo(kate.id).length === 3);
      await h.adapter.stop();
      expect(h.fake.pendingUpdates()).toBe(0);
      expect(h.fake.callsOf('deleteWebhook')).toHaveLength(1);
      expect(h.fake.callsOf('getUpdates')[0]?.params.allowed_updates).toEqual([
        'message',
        'channel_post',
        'my_chat_member',
        'callback_query',
      ]);
    } finally {
      await h.close();
    }
  });

  it('refuses a malformed token at once and a revoked one on start', async () => {
    const deps = {
      context: createContextBuilder({ chats: { get: () => null }, defaultTimezone: 'UTC', now: Date.now }),
      membership: {
        seen: () => 0,
        joined: () => 0,
        gone: () => 0,
        migrated: () => ({ moved: false, watches: 0, subscribers: 0, pending: 0 }),
      },
      subscriptions: { list: () => [] },
      commands: [],
      clock: systemClock,
      logger: silentLogger(),
    };
    expect(() => createTelegramAdapter({ token: 'not a token' }, deps)).toThrow(/TELEGRAM_BOT_TOKEN/);
    const fake = await startFakeTelegram();
    try {
      const adapter = createTelegramAdapter({ token: '1:revoked', apiRoot: fake.apiRoot }, deps);
      await expect(adapter.start(async () => null)).rejects.toThrow(/rejected TELEGRAM_BOT_TOKEN/);
    } finally {
      await fake.close();
    }
  });
});
