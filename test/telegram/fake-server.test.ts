import { afterEach, describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../fakes/telegram/html-parse.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram/server.js';
import { fixture } from './harness.js';

let fake: FakeTelegram | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function call(method: string, params: Record<string, unknown> = {}) {
  if (!fake) throw new Error('no fake');
  const response = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake Telegram Bot API', () => {
  it('answers errors with the bodies Telegram sends (checked against the recorded ones)', async (ctx) => {
    const blocked = fixture('error_403_bot_blocked_by_user.json');
    const flood = fixture('error_429_too_many_requests.json');
    if (!blocked || !flood) return ctx.skip();
    fake = await startFakeTelegram({
      limits: { perChat: { count: 1, windowMs: 60_000 }, global: { count: 100, windowMs: 1000 } },
    });
    fake.block(42);
    expect(await call('sendMessage', { chat_id: 42, text: 'hi' })).toEqual({ status: 403, body: blocked });
    expect((await call('sendMessage', { chat_id: 43, text: 'hi' })).status).toBe(200);
    const refused = await call('sendMessage', { chat_id: 43, text: 'again' });
    expect(refused.status).toBe(429);
    expect(Object.keys(refused.body).sort()).toEqual(Object.keys(flood).sort());
    expect(refused.body.description).toMatch(/^Too Many Requests: retry after \d+$/);
    expect((refused.body.parameters as { retry_after: number }).retry_after).toBeGreaterThanOrEqual(59);
    expect(fake.floodRefusals()).toBe(1);
    expect((await fetch(`${fake.apiRoot}/bot1:wrong/getMe`, { method: 'POST' })).status).toBe(401);
  });

  it('long polls: waits for updates, honours offsets (confirmation) and allowed_updates', async (ctx) => {
    const recorded = fixture('autogram_getUpdates_private_messages.json');
    if (!recorded) return ctx.skip();
    fake = await startFakeTelegram({ limits: false });
    const waiting = call('getUpdates', { timeout: 5, allowed_updates: ['message'] });
    await new Promise((r) => setTimeout(r, 50));
    const updates = recorded.result as Record<string, unknown>[];
    const [head, ...tail] = updates.map(({ update_id: _, ...body }) => body);
    fake.push(head as Record<string, unknown>);
    // A waiting poll is answered as soon as an update arrives.
    expect(((await waiting).body.result as unknown[]).length).toBe(1);
    for (const body of tail) fake.push(body);
    fake.push({ my_chat_member: {} });
    const got = (await call('getUpdates', { timeout: 5 })).body.result as Record<string, unknown>[];
    expect(got.map(({ update_id: _, ...rest }) => rest)).toEqual(
      updates.map(({ update_id: _, ...rest }) => rest),
    );
    const last = got.at(-1)?.update_id as number;
    // Not confirmed yet: asked again, the same updates come back.
    expect(((await call('getUpdates', { timeout: 0 })).body.result as unknown[]).length).toBe(updates.length);
    expect((await call('getUpdates', { offset: last + 1, timeout: 0 })).body.result).toEqual([]);
    const started = Date.now();
    expect((await call('getUpdates', { offset: last + 1, timeout: 1 })).body.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await call('setWebhook', { url: 'https://example.com/hook' });
    expect((await call('getUpdates', {})).status).toBe(409);
  });

  it('parses HTML by Telegram’s rules and refuses the rest with 400 "can\'t parse entities"', async () => {
    expect(
      parseTelegramHtml('<b>a</b> &lt;&gt;&amp;&quot;&#33;&#x21; <a href="https://x.com/?a=1&amp;b=2">l</a>'),
    ).toEqual({
      ok: true,
      text: 'a <>&"!! l',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'text_link', offset: 9, length: 1, url: 'https://x.com/?a=1&b=2' },
      ],
    });
    for (const bad of [
      '<script>x</script>',
      '<b>x',
      'x</b>',
      '<b><i>x</b></i>',
      'a & b',
      'a > b',
      '&nbsp;',
      '<a href="javascript:x">y</a>',
      '<code><b>x</b></code>',
    ]) {
      const parsed = parseTelegramHtml(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/^Bad Request: can't parse entities: /);
    }
    fake = await startFakeTelegram({ limits: false });
    const refused = await call('sendMessage', { chat_id: 1, text: '<b>unclosed', parse_mode: 'HTML' });
    expect(refused.status).toBe(400);
    expect(refused.body.description).toBe(
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect((await call('sendMessage', { chat_id: 1, text: 'x'.repeat(4097) })).body.description).toBe(
      'Bad Request: message is too long',
    );
    // Telegram counts the text after parsing: 4096 visible characters in more HTML are fine.
    expect(
      (await call('sendMessage', { chat_id: 1, text: `<b>${'&amp;'.repeat(4096)}</b>`, parse_mode: 'HTML' }))
        .status,
    ).toBe(200);
    expect(fake.sent).toHaveLength(1);
  });
});
