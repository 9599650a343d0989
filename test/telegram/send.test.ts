import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { KestrelError, RateLimitError } from '../../src/errors.js';
import { telegramHarness } from './harness.js';

type Harness = Awaited<ReturnType<typeof telegramHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const alert = (n: number): Reply => ({
  title: `New vacancy #${n}`,
  blocks: [
    {
      type: 'items',
      items: [
        {
          author: '@hr_team',
          text: `Senior Go developer <remote> & relocation, ${n}`,
          link: `https://x.com/hr_team/status/${1_800_000_000_000 + n}`,
          metrics: ['♥ 4'],
        },
      ],
    },
  ],
});

const longReply = (items: number): Reply => ({
  title: 'Digest',
  blocks: [
    {
      type: 'items',
      items: Array.from({ length: items }, (_, i) => ({
        author: `@a${i}`,
        text: `post-${i} ${'word '.repeat(40)}`,
      })),
    },
  ],
});

describe('telegram send', () => {
  it('sends HTML with link previews off and reports the message ids', async () => {
    h = await telegramHarness();
    await h.adapter.start(async () => null);
    const result = await h.adapter.send('telegram:-1001658651810', alert(1));
    expect(result).toEqual({ ok: true, ids: ['1'] });
    const [message] = h.fake.sent;
    expect(message?.parseMode).toBe('HTML');
    expect(message?.params.link_preview_options).toEqual({ is_disabled: true });
    expect(message?.text).toContain('Senior Go developer <remote> & relocation, 1');
    expect(message?.entities.some((e) => e.type === 'text_link')).toBe(true);
  });

  it('a person who blocked the bot is permanent (the dispatcher then marks the chat inactive)', async () => {
    h = await telegramHarness();
    await h.adapter.start(async () => null);
    h.chats.save({ id: 'telegram:42', kind: 'private' }, { digestTime: '09:00' }, Date.now());
    h.fake.block(42);
    const result = await h.adapter.send('telegram:42', alert(1));
    expect(result).toEqual({ ok: false, permanent: true, reason: 'Forbidden: bot was blocked by the user' });
    h.fake.forget(-100777);
    expect(await h.adapter.send('telegram:-100777', alert(2))).toMatchObject({
      ok: false,
      permanent: true,
      reason: 'Bad Request: chat not found',
    });
    expect(await h.adapter.send('slack:T1:C1', alert(3))).toMatchObject({ ok: false, permanent: true });
  });

  it('a 429 beyond the retry cap surfaces as RateLimitError with retryAfterMs; a short one is waited out', async () => {
    h = await telegramHarness({ config: { retry: { maxDelaySeconds: 1, maxRetryAttempts: 1 } } });
    await h.adapter.start(async () => null);
    h.fake.script('sendMessage', 429, 'Too Many Requests: retry after 35', { retry_after: 35 });
    const error = await h.adapter.send('telegram:7', alert(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(35_000);

    h.fake.script('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    const started = Date.now();
    expect(await h.adapter.send('telegram:7', alert(2))).toEqual({ ok: true, ids: [expect.any(String)] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    // The 2016 shape: no parameters, the wait only in the description.
    h.fake.script('sendMessage', 429, 'Too Many Requests: retry after 3');
    const legacy = await h.adapter.send('telegram:7', alert(3)).catch((e: unknown) => e);
    expect((legacy as RateLimitError).retryAfterMs).toBe(3000);
  });

  it('server errors are transient (thrown), not permanent', async () => {
    h = await telegramHarness();
    await h.adapter.start(async () => null);
    h.fake.script('sendMessage', 502, 'Bad Gateway');
    const error = await h.adapter.send('telegram:7', alert(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KestrelError);
    expect((error as KestrelError).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('a retry after a failure mid-reply resumes at the failed part instead of repeating sent ones', async () => {
    h = await telegramHarness();
    await h.adapter.start(async () => null);
    const reply = longReply(60);
    expect(h.adapter.cost(reply)).toBe(4);
    h.fake.script('sendMessage', 429, 'Too Many Requests: retry after 20', { retry_after: 20 }, 1);
    await expect(h.adapter.send('telegram:9', reply)).rejects.toBeInstanceOf(RateLimitError);
    expect(h.fake.sentTo(9)).toHaveLength(1);
    const result = await h.adapter.send('telegram:9', reply);
    expect(result.ok && result.ids).toEqual(['1', '2', '3', '4']);
    const texts = h.fake.sentTo(9).map((m) => m.text);
    expect(texts).toHaveLength(4);
    for (let i = 0; i < 60; i++) expect(texts.join('\n').split(`post-${i} `).length - 1).toBe(1);
  });

  it('charts go out with sendPhoto as a multipart PNG upload with an HTML caption', async () => {
    h = await telegramHarness();
    await h.adapter.start(async () => null);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const reply: Reply = {
      title: 'Mentions',
      blocks: [
        {
          type: 'chart',
          chart: {
            title: 'Yandex <7d>',
            alt: 'Daily mentions & more',
            png,
            svg: '<svg/>',
            filename: 'm.png',
          },
        },
      ],
    };
    const result = await h.adapter.send('telegram:-100500', reply);
    expect(result.ok && result.ids).toHaveLength(2);
    const photo = h.fake.sent.find((m) => m.method === 'sendPhoto');
    expect(photo?.photo).toEqual({ filename: 'm.png', bytes: png.length });
    expect(photo?.text).toBe('Yandex <7d>\nDaily mentions & more');
    expect(photo?.entities[0]).toMatchObject({ type: 'bold', offset: 0, length: 11 });
  });

  it('fans out 10,000 alerts paced by a token bucket at the fake limits (scaled ×40) without a single 429', async () => {
    // Telegram: 30 messages/s overall, 1/s per chat. Scaled ×40: 1200/s overall, 1 per 25 ms per chat.
    const scale = 40;
    h = await telegramHarness({
      limits: {
        global: { count: 30 * scale, windowMs: 1000 },
        perChat: { count: 1, windowMs: 1000 / scale },
      },
      // No in-call waiting: a 429 would surface at once as a RateLimitError and fail the run.
      config: { retry: { maxDelaySeconds: 0, maxRetryAttempts: 0 } },
    });
    await h.adapter.start(async () => null);
    const people = 1000;
    const total = 10_000;
    const rate = 30 * scale * 0.85;
    // Per chat: 1.5 × the limit's spacing, a margin for the jitter of a loaded machine.
    const bucket = createBucket(rate, (1.5 * 1000) / scale);
    // Round-robin over people (as an engine would order a fan-out): 10 alerts each.
    const jobs = Array.from({ length: total }, (_, i) => ({ chat: 100_000 + (i % people), n: i }));
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as (typeof jobs)[number];
        await bucket.take(String(job.chat));
        const result = await h?.adapter.send(`telegram:${job.chat}`, alert(job.n));
        if (!result?.ok) throw new Error(`send failed: ${JSON.stringify(result)}`);
      }
    };
    await Promise.all(Array.from({ length: 24 }, worker));
    const seconds = (Date.now() - started) / 1000;
    expect(h.fake.sent).toHaveLength(total);
    expect(h.fake.floodRefusals()).toBe(0);
    // One busy chat: the per-chat limit is the one that binds.
    const busy = Date.now();
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          await bucket.take('77');
          expect((await h?.adapter.send('telegram:77', alert(w * 10 + i)))?.ok).toBe(true);
        }
      }),
    );
    expect(h.fake.sentTo(77)).toHaveLength(40);
    expect(h.fake.floodRefusals()).toBe(0);
    expect(Date.now() - busy).toBeGreaterThanOrEqual(39 * (1000 / scale));
    console.info(
      `telegram fan-out: ${total} alerts in ${seconds.toFixed(1)} s = ${Math.round(total / seconds)}/s ` +
        `(bucket ${Math.round(rate)}/s, fake limit ${30 * scale}/s; real-time equivalent ${(total / seconds / scale).toFixed(1)}/s of 30/s)`,
    );
  }, 60_000);
});

/** A token bucket without burst: one slot every 1/rate s overall, and per chat at least `perChatMs` apart. */
function createBucket(ratePerSecond: number, perChatMs: number) {
  const interval = 1000 / ratePerSecond;
  let nextGlobal = Date.now();
  const nextChat = new Map<string, number>();
  return {
    async take(chat: string): Promise<void> {
      const now = Date.now();
      const at = Math.max(now, nextGlobal, nextChat.get(chat) ?? 0);
      nextGlobal = Math.max(nextGlobal, now) + interval;
      nextChat.set(chat, at + perChatMs);
      if (at > now) await new Promise((r) => setTimeout(r, at - now));
    },
  };
}
