import { afterEach, describe, expect, it } from 'vitest';
import { isKestrelError, RateLimitError } from '../../src/errors.js';
import { adapterContract } from '../chat/adapter-contract.js';
import { validateBlocks } from '../fakes/slack/block-kit.js';
import { CHANNEL, MEMBER, type SlackHarness, startHarness } from './harness.js';
import { hugeDigest } from './huge-digest.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('slack adapter', () => {
  adapterContract('slack', async () => {
    const h = await startHarness();
    const dm = `D${MEMBER.slice(1)}`;
    h.slack.addChannel(dm);
    return {
      adapter: h.adapter,
      chatId: `slack:${h.slack.team}:${dm}`,
      deliver: async (text: string) => {
        const { status } = await h.event({
          type: 'message',
          channel: dm,
          channel_type: 'im',
          user: MEMBER,
          text,
          ts: `${Date.now() / 1000}`,
        });
        expect(status).toBe(200);
      },
      delivered: async () => h.slack.visibleTexts(dm),
      close: () => h.close(),
    };
  });
});

describe('slack adapter: send', () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h.close();
  });

  it('sends a huge digest as valid messages: the first in the channel, the rest in its thread, nothing lost', async () => {
    h = await startHarness();
    const result = await h.adapter.send(`slack:${h.slack.team}:${CHANNEL}`, hugeDigest());
    expect(result.ok).toBe(true);
    const posted = h.slack.messages.filter((m) => m.channel === CHANNEL);
    expect(posted.length).toBeGreaterThan(5);
    expect(result.ok && result.ids).toEqual(posted.map((m) => m.ts));
    const [first, ...rest] = posted;
    expect(first?.threadTs).toBeUndefined();
    for (const m of rest) expect(m.threadTs).toBe(first?.ts);
    for (const m of posted) {
      expect(validateBlocks(m.blocks)).toEqual([]);
      expect(m.text).not.toBe('');
    }
    const all = h.slack.visibleTexts(CHANNEL).join('\n');
    for (let i = 0; i < 300; i++) expect(all).toContain(`item-${i} `);
  });

  it('surfaces a 429 with Retry-After as a RateLimitError at once, without retrying', async () => {
    h = await startHarness();
    h.slack.failNext('chat.postMessage', { kind: 'ratelimited' });
    const error = await h.adapter
      .send(`slack:${h.slack.team}:${CHANNEL}`, { title: 't', blocks: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1000);
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('reports archived, unknown and not-joined channels as permanently gone', async () => {
    h = await startHarness();
    h.slack.addChannel('C0ARCHIVE', { archived: true });
    h.slack.addChannel('C0NOTJOIN', { member: false });
    const reply = { title: 'Alert', blocks: [] };
    expect(await h.adapter.send(`slack:${h.slack.team}:C0ARCHIVE`, reply)).toEqual({
      ok: false,
      permanent: true,
      reason: 'is_archived',
    });
    expect(await h.adapter.send(`slack:${h.slack.team}:C0MISSING`, reply)).toEqual({
      ok: false,
      permanent: true,
      reason: 'channel_not_found',
    });
    expect(await h.adapter.send(`slack:${h.slack.team}:C0NOTJOIN`, reply)).toEqual({
      ok: false,
      permanent: true,
      reason: 'not_in_channel',
    });
    h.slack.failNext('chat.postMessage', { kind: 'error', error: 'account_inactive' });
    expect(await h.adapter.send(`slack:${h.slack.team}:${CHANNEL}`, reply)).toMatchObject({
      permanent: true,
      reason: 'account_inactive',
    });
  });

  it('treats a 5xx as transient (thrown), not as a gone target', async () => {
    h = await startHarness();
    h.slack.failNext('chat.postMessage', { kind: 'http', status: 503 });
    const error = await h.adapter
      .send(`slack:${h.slack.team}:${CHANNEL}`, { title: 't', blocks: [] })
      .catch((e: unknown) => e);
    expect(isKestrelError(error, 'UPSTREAM_UNAVAILABLE')).toBe(true);
  });

  it('sends a job alert to a person through the DM that conversations.open gives', async () => {
    h = await startHarness();
    const result = await h.adapter.send(`slack:${h.slack.team}:${MEMBER}`, {
      title: 'New vacancy',
      blocks: [{ type: 'text', text: 'Go & TS' }],
    });
    expect(result.ok).toBe(true);
    expect(h.slack.calls.filter((c) => c.method === 'conversations.open')[0]?.params.users).toBe(MEMBER);
    expect(h.slack.visibleTexts(`D${MEMBER.slice(1)}`).join('\n')).toContain('Go & TS');
    const gone = await h.adapter.send(`slack:${h.slack.team}:U0NOBODY`, { title: 'x', blocks: [] });
    expect(gone).toEqual({ ok: false, permanent: true, reason: 'user_not_found' });
  });

  it('uploads charts with files.uploadV2 (URL, upload, complete) into the channel, with their alt text', async () => {
    h = await startHarness();
    const chart = {
      title: 'Mentions',
      alt: 'Yandex mentions over 7 days',
      png: PNG,
      svg: '<svg/>',
      filename: 'mentions.png',
    };
    const result = await h.adapter.send(`slack:${h.slack.team}:${CHANNEL}`, {
      title: 'Chart',
      blocks: [{ type: 'chart', chart }],
    });
    expect(result.ok).toBe(true);
    expect(h.slack.calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const [file] = h.slack.files;
    expect(file).toMatchObject({
      channel: CHANNEL,
      filename: 'mentions.png',
      title: 'Mentions',
      altText: chart.alt,
    });
    expect(file?.bytes.includes(Buffer.from(PNG))).toBe(true);
    expect(result.ok && result.ids).toContain(file?.id);
    expect(h.slack.visibleTexts(CHANNEL).join('\n')).toContain('Yandex mentions over 7 days');
  });

  it('refuses chat ids that are not Slack ones', async () => {
    h = await startHarness();
    await expect(h.adapter.send('telegram:1', { title: 'x', blocks: [] })).rejects.toThrow(
      /Not a Slack chat id/,
    );
  });
});
