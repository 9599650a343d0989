import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandSet } from '../../src/chat/command-set.js';
import { createContextBuilder } from '../../src/chat/context-builder.js';
import { createRegistry } from '../../src/chat/registry.js';
import { silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { DEMO_NOW, demoStore } from '../chat/demo-store.js';
import { validateBlocks } from '../fakes/slack/block-kit.js';
import { visibleText } from '../fakes/slack/server.js';
import { ADMIN, CHANNEL, MEMBER, RUSSIAN, SECRET, type SlackHarness, startHarness } from './harness.js';
import { postSigned, slackSignature } from './signing.js';

const CONFIG_ADMIN = 'U0CONFIGD';
let h: SlackHarness;
let executed = 0;

beforeAll(async () => {
  const demo = await demoStore();
  // createCommandSet takes a whole Kestrel; the demo store has what the commands use (no X source: demo).
  const registry = createRegistry(
    createCommandSet({ ...demo, dbPath: ':memory:', source: null, nextPoll: () => null }),
    {
      logger: silentLogger(),
    },
  );
  const context = createContextBuilder({
    chats: createChatStore(demo.db),
    defaultTimezone: 'Europe/Moscow',
    now: () => DEMO_NOW,
  });
  h = await startHarness({ context, now: () => DEMO_NOW, config: { admins: [CONFIG_ADMIN] } });
  h.slack.addUser({ id: CONFIG_ADMIN, name: 'cfg', locale: 'en-US' });
  await h.adapter.start(async (message) => {
    executed++;
    return registry.dispatch(message.text, message.context);
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** Waits for the response_url post of a slash command and returns its visible text and body. */
async function answer(responseId: string) {
  await expect.poll(() => h.slack.responses.some((r) => r.id === responseId), { timeout: 10_000 }).toBe(true);
  const response = h.slack.responses.find((r) => r.id === responseId);
  const body = response?.body ?? {};
  const blocks = (body.blocks as unknown[] | undefined) ?? [];
  expect(validateBlocks(blocks)).toEqual([]);
  return { body, text: blocks.length ? visibleText(blocks) : String(body.text ?? '') };
}

async function slash(command: string, text: string, options: Parameters<SlackHarness['slash']>[2] = {}) {
  const sent = await h.slash(command, text, options);
  expect(sent.status).toBe(200);
  return answer(sent.responseId);
}

describe('slack slash commands, end to end (real Bolt, real commands, fake Slack)', () => {
  it('/help answers the asker only, listing the commands', async () => {
    const { body, text } = await slash('/help', '');
    expect(body.response_type).toBe('ephemeral');
    for (const name of ['/mentions', '/jobs', '/watch', '/digest']) expect(text).toContain(name);
  });

  it('/mentions yandex answers from the store; "public" posts it for the channel', async () => {
    // The answer has a chart, which an ephemeral response cannot carry: it goes to the asker's DM.
    const dm = `D${MEMBER.slice(1)}`;
    h.slack.addChannel(dm);
    const { body, text } = await slash('/mentions', 'yandex 7d');
    expect(body.response_type).toBe('ephemeral');
    expect(text).toContain('in your DM');
    expect(h.slack.visibleTexts(dm).join('\n')).toMatch(/Yandex/i);
    expect(h.slack.files.some((f) => f.channel === dm && f.bytes.length > 100)).toBe(true);
    // With "public" it is posted in the channel, chart included.
    const before = h.slack.messages.length;
    const sent = await h.slash('/mentions', 'yandex 7d public');
    await expect.poll(() => h.slack.files.some((f) => f.channel === CHANNEL), { timeout: 10_000 }).toBe(true);
    const posted = h.slack.messages.slice(before).filter((m) => m.channel === CHANNEL);
    expect(visibleText(posted[0]?.blocks ?? [])).toMatch(/Yandex/i);
    expect(h.slack.responses.some((r) => r.id === sent.responseId)).toBe(false);
  });

  it('/kestrel <command …> is the same as the command itself', async () => {
    const direct = await slash('/jobs', '');
    const umbrella = await slash('/kestrel', 'jobs');
    expect(umbrella.text).toBe(direct.text);
    const help = await slash('/kestrel', '');
    expect(help.text).toContain('/mentions');
  });

  it('/watch: members may list but not change; workspace admins and configured admins may', async () => {
    const listed = await slash('/watch', 'list', { user: MEMBER });
    expect(listed.text).toContain('Yandex');
    const refused = await slash('/watch', 'add topic memberword', { user: MEMBER });
    expect(refused.text).toContain('Only admins of this chat can change what it watches');
    const byAdmin = await slash('/watch', 'add topic adminword', { user: ADMIN });
    expect(byAdmin.text).not.toContain('Only admins');
    const byConfig = await slash('/watch', 'add topic configword', { user: CONFIG_ADMIN });
    expect(byConfig.text).not.toContain('Only admins');
    const after = await slash('/watch', 'list', { user: MEMBER });
    expect(after.text).toContain('adminword');
    expect(after.text).toContain('configword');
    expect(after.text).not.toContain('memberword');
  });

  it("answers in the person's Slack language until /lang sets the chat's", async () => {
    const dm = `D${RUSSIAN.slice(1)}`;
    const ru = await slash('/help', '', { user: RUSSIAN, channel: dm, channelName: 'directmessage' });
    expect(ru.text).toMatch(/[а-я]{4}/);
    await slash('/lang', 'en', { user: RUSSIAN, channel: dm, channelName: 'directmessage' });
    const en = await slash('/help', '', { user: RUSSIAN, channel: dm, channelName: 'directmessage' });
    expect(en.text).not.toMatch(/[а-я]{4}/);
  });

  it('a long public answer (a digest) goes to the channel with chat.postMessage, continued in a thread', async () => {
    const before = h.slack.messages.length;
    const sent = await h.slash('/digest', 'public', { user: ADMIN });
    expect(sent.status).toBe(200);
    await expect
      .poll(
        () => h.slack.messages.length > before || h.slack.responses.some((r) => r.id === sent.responseId),
        { timeout: 10_000 },
      )
      .toBe(true);
    const posted = h.slack.messages.slice(before).filter((m) => m.channel === CHANNEL);
    if (posted.length === 0) {
      // The digest fitted one message: then respond() shows it in the channel.
      expect((await answer(sent.responseId)).body.response_type).toBe('in_channel');
      return;
    }
    for (const m of posted) expect(validateBlocks(m.blocks)).toEqual([]);
    for (const m of posted.slice(1)) expect(m.threadTs).toBe(posted[0]?.ts);
  });

  it('a mention of the bot in a channel is answered in its thread', async () => {
    const ts = '1767377000.000100';
    const { status } = await h.event({
      type: 'app_mention',
      user: MEMBER,
      text: `<@${h.slack.botUserId}> mentions yandex`,
      channel: CHANNEL,
      ts,
    });
    expect(status).toBe(200);
    await expect.poll(() => h.slack.messages.some((m) => m.threadTs === ts), { timeout: 10_000 }).toBe(true);
    const reply = h.slack.messages.find((m) => m.threadTs === ts);
    expect(visibleText(reply?.blocks ?? [])).toMatch(/Yandex/i);
  });

  it("Slack's redelivery of an event (same event_id) is answered once", async () => {
    const ts = '1767377000.000300';
    const mention = {
      type: 'app_mention',
      user: MEMBER,
      text: `<@${h.slack.botUserId}> help`,
      channel: CHANNEL,
      ts,
    };
    await h.event(mention, 'EvRETRY1');
    await h.event(mention, 'EvRETRY1');
    await expect.poll(() => h.slack.messages.some((m) => m.threadTs === ts), { timeout: 10_000 }).toBe(true);
    await h.event({ ...mention, ts: '1767377000.000301' }, 'EvRETRY2');
    await expect
      .poll(() => h.slack.messages.some((m) => m.threadTs === '1767377000.000301'), { timeout: 10_000 })
      .toBe(true);
    const inThread = (t: string) => h.slack.messages.filter((m) => m.threadTs === t).length;
    // The same command answered once for each delivery it got: the retry added nothing.
    expect(inThread(ts)).toBe(inThread('1767377000.000301'));
  });

  it('a DM with a command as plain text is answered in the DM', async () => {
    const dm = `D${MEMBER.slice(1)}`;
    h.slack.addChannel(dm);
    await h.event({
      type: 'message',
      channel: dm,
      channel_type: 'im',
      user: MEMBER,
      text: 'jobs',
      ts: '1767377001.000200',
    });
    await expect.poll(() => h.slack.visibleTexts(dm).length, { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('refuses unsigned, wrongly signed and stale requests with 401, executing nothing', async () => {
    const before = executed;
    const responses = h.slack.responses.length;
    const body = new URLSearchParams({
      team_id: h.slack.team,
      channel_id: CHANNEL,
      user_id: ADMIN,
      command: '/watch',
      text: 'add topic forged',
      response_url: h.slack.responseUrl('forged'),
    }).toString();
    const form = 'application/x-www-form-urlencoded';
    expect(
      (await postSigned(h.url, body, { secret: SECRET, contentType: form, signature: null })).status,
    ).toBe(401);
    expect((await postSigned(h.url, body, { secret: 'wrong-secret', contentType: form })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(
      (await postSigned(h.url, body, { secret: SECRET, contentType: form, timestamp: stale })).status,
    ).toBe(401);
    const now = String(Math.floor(Date.now() / 1000));
    const tampered = slackSignature(SECRET, now, body.replace('forged', 'other'));
    expect(
      (
        await postSigned(h.url, body, {
          secret: SECRET,
          contentType: form,
          timestamp: Number(now),
          signature: tampered,
        })
      ).status,
    ).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(executed).toBe(before);
    expect(h.slack.responses.length).toBe(responses);
  });
});
