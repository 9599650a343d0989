import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/chat/adapter.js';
import { privateChatOf, textMessage } from '../fakes/telegram/updates.js';
import { kate, telegramHarness, until } from './harness.js';

type Harness = Awaited<ReturnType<typeof telegramHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('telegram webhook mode', () => {
  it('registers the webhook with its secret; the right secret is handled, a wrong or missing one gets 401', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/telegram/hook`;
    h = await telegramHarness({
      config: { webhook: { url, secretToken: 'kestrel_S3cret-token', port, host: '127.0.0.1' } },
    });
    const seen: IncomingMessage[] = [];
    await h.adapter.start(async (m) => {
      seen.push(m);
      return { title: 'pong', blocks: [{ type: 'text', text: `got ${m.text}` }] };
    });
    expect(h.fake.webhook()).toEqual({ url, secret: 'kestrel_S3cret-token' });
    expect(h.adapter.webhookAddress()).toEqual({ host: '127.0.0.1', port });
    expect(h.fake.callsOf('getUpdates')).toHaveLength(0);

    const update = textMessage(privateChatOf(kate), kate, '/ping');
    const wrong = await h.fake.deliverWebhook(update, 'not-the-secret');
    expect(wrong.status).toBe(401);
    const missing = await h.fake.deliverWebhook(update, null);
    expect(missing.status).toBe(401);
    expect(seen).toHaveLength(0);

    const right = await h.fake.deliverWebhook(update);
    expect(right.status).toBe(200);
    await until(() => seen.length === 1);
    expect(seen[0]?.context.chat.id).toBe(`telegram:${kate.id}`);
    await until(() => h?.fake.sentTo(kate.id).length === 1);
    expect(h.fake.sentTo(kate.id)[0]?.text).toContain('got /ping');

    const elsewhere = await fetch(`http://127.0.0.1:${port}/other`, { method: 'POST', body: '{}' });
    expect(elsewhere.status).toBe(404);
  });

  it('refuses a secret Telegram would not accept', async () => {
    await expect(
      telegramHarness({
        config: { webhook: { url: 'https://bot.example.com/hook', secretToken: 'has spaces', port: 0 } },
      }),
    ).rejects.toThrow(/secretToken/);
  });
});
