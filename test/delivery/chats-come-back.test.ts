import { afterEach, describe, expect, it } from 'vitest';
import { createStatsCommand } from '../../commands/stats.js';
import type { ChatAdapter } from '../../src/chat/adapter.js';
import { createChatMembership, withSignsOfLife } from '../../src/chat/membership.js';
import { textReply } from '../../src/chat/reply.js';
import { systemClock } from '../../src/clock.js';
import { createDispatcher, type Dispatcher } from '../../src/delivery/dispatcher.js';
import type { Platform } from '../../src/delivery/platform-limits.js';
import { silentLogger } from '../../src/logger.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createOutboxStore, type OutboxStore } from '../../src/store/outbox-store.js';
import { readStoreStats } from '../../src/store/stats-store.js';
import { createWatchStore } from '../../src/store/watch-store.js';
import { makeContext } from '../chat/demo-store.js';
import { migrationMessages, myChatMember, privateChatOf } from '../fakes/telegram/updates.js';
import { ADMIN, startHarness as slackHarness } from '../slack/harness.js';
import { kate, telegramHarness, until } from '../telegram/harness.js';

const HOUR = 3_600_000;
const UNPACED = { global: null, perTarget: null, perGroup: null };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A dispatcher over the adapters, whose membership service rescans it when messages come back. */
function sender(db: Db, adapters: Partial<Record<Platform, ChatAdapter>>) {
  const outbox = createOutboxStore(db);
  let dispatcher: Dispatcher | null = null;
  const membership = createChatMembership({
    store: createMembershipStore(db),
    now: systemClock.now,
    logger: silentLogger(),
    onPending: () => dispatcher?.rescan(),
  });
  dispatcher = createDispatcher({
    outbox,
    chats: createChatStore(db),
    membership,
    adapters,
    clock: systemClock,
    logger: silentLogger(),
    // Pacing is the dispatcher tests' subject; here every message may go at once.
    limits: { telegram: UNPACED, slack: UNPACED },
  });
  return { outbox, membership, dispatcher };
}

/** `/stats` as the console would show it, over this database. */
async function statsText(db: Db, chatId = 'console:tester'): Promise<string> {
  const stores = createPollStores(db);
  const stats = createStatsCommand({
    storeStats: () => readStoreStats(db, ':memory:'),
    watches: stores.watches,
    usage: stores.usage,
    runs: stores.runs,
    monthlyReadBudget: 10_000,
    nextPoll: () => null,
    demo: true,
    inactiveChats: createMembershipStore(db).inactive,
  });
  const reply = await stats.run(makeContext({ now: Date.now(), chat: { id: chatId, kind: 'group' } }), '');
  return reply.blocks
    .map((b) =>
      b.type === 'figures'
        ? `${b.heading ?? ''}\n${b.figures.map((f) => `${f.label}: ${f.value}`).join('\n')}`
        : b.type === 'text'
          ? `${b.heading ?? ''}\n${b.text}`
          : '',
    )
    .join('\n');
}

/** A Slack adapter (not started) over the fake and a database, with a dispatcher its membership rescans. */
async function slackSender() {
  const db = openDatabase(':memory:');
  let rescan = () => {};
  const h = await slackHarness({ db, onPending: () => rescan() });
  closers.push(async () => {
    db.close();
  });
  closers.push(() => h.close());
  const parts = sender(db, { slack: h.adapter });
  rescan = () => parts.dispatcher.rescan();
  return { db, h, ...parts };
}

/** A started Telegram adapter over the fake, with a dispatcher that its membership service rescans. */
async function telegramSender() {
  let rescan = () => {};
  const h = await telegramHarness({ onPending: () => rescan() });
  closers.push(() => h.close());
  await h.adapter.start(async () => null);
  const { outbox, dispatcher } = sender(h.db, { telegram: h.adapter });
  rescan = () => dispatcher.rescan();
  return { h, outbox, dispatcher };
}

const enqueue = (outbox: OutboxStore, key: string, target: string) =>
  outbox.enqueue({ key, target, reply: textReply(key, `body of ${key}`), notBefore: 0 }, Date.now());

describe('chats come back', () => {
  it('slack: a channel the bot was not in gets its digests once it is invited (member_joined_channel), in order, once', async () => {
    const { db, h, outbox, dispatcher } = await slackSender();
    await h.adapter.start(async () => null);
    const chatId = `slack:${h.slack.team}:C0LATE`;
    h.slack.addChannel('C0LATE', { member: false });
    for (const key of ['digest:1', 'digest:2', 'digest:3']) enqueue(outbox, key, chatId);

    await dispatcher.runOnce();
    expect(createChatStore(db).get(chatId)?.active).toBe(false);
    expect(outbox.counts()).toMatchObject({ pending: 0, failed: 3, sent: 0 });
    expect(createMembershipStore(db).inactive()).toEqual([
      expect.objectContaining({ id: chatId, reason: expect.stringContaining('not_in_channel') }),
    ]);
    expect(await statsText(db)).toMatch(new RegExp(`Inactive chats: 1[^]*${chatId}: .*not_in_channel`));
    // Another team's chat learns that one chat is inactive, not which one.
    const elsewhere = await statsText(db, 'telegram:-100200');
    expect(elsewhere).toContain('Inactive chats: 1');
    expect(elsewhere).not.toContain('C0LATE');

    h.slack.addChannel('C0LATE', { member: true });
    const invited = {
      type: 'member_joined_channel',
      user: h.slack.botUserId,
      channel: 'C0LATE',
      channel_type: 'C',
      team: h.slack.team,
    };
    await h.event(invited);
    await until(() => createChatStore(db).get(chatId)?.active === true);
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    const posted = h.slack.messages.filter((m) => m.channel === 'C0LATE' && !m.user).map((m) => m.text);
    expect(posted).toHaveLength(3);
    expect(posted.map((text) => /digest:(\d)/.exec(text)?.[1])).toEqual(['1', '2', '3']);
    expect(outbox.counts()).toMatchObject({ pending: 0, failed: 0, sent: 3 });
    expect(createMembershipStore(db).inactive()).toEqual([]);
    expect(await statsText(db)).not.toContain('Inactive chats');

    // Joining again revives nothing: what went out stays sent.
    await h.event(invited);
    await dispatcher.runOnce();
    expect(h.slack.messages.filter((m) => m.channel === 'C0LATE' && !m.user)).toHaveLength(3);
  });

  it('slack: a channel the bot was removed from (member_left_channel) comes back with a command from it', async () => {
    const { db, h, outbox, dispatcher, membership } = await slackSender();
    await h.adapter.start(withSignsOfLife(async () => textReply('ok', 'ok'), membership));
    const chatId = `slack:${h.slack.team}:C0GONE`;
    h.slack.addChannel('C0GONE');
    await h.event({
      type: 'member_left_channel',
      user: h.slack.botUserId,
      channel: 'C0GONE',
      channel_type: 'C',
      team: h.slack.team,
    });
    await until(() => createChatStore(db).get(chatId)?.active === false);
    expect(createMembershipStore(db).inactive()[0]).toMatchObject({
      id: chatId,
      reason: 'the bot was removed from the channel',
    });
    enqueue(outbox, 'spike:1', chatId);
    enqueue(outbox, 'spike:2', chatId);
    await dispatcher.runOnce();
    expect(outbox.counts()).toMatchObject({ failed: 2, sent: 0 });

    await h.slash('/kestrel', 'help', { channel: 'C0GONE', user: ADMIN });
    await until(() => createChatStore(db).get(chatId)?.active === true);
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    const posted = h.slack.messages.filter((m) => m.channel === 'C0GONE' && /spike:\d/.test(m.text));
    expect(posted.map((m) => /spike:(\d)/.exec(m.text)?.[1])).toEqual(['1', '2']);
    expect(outbox.counts()).toMatchObject({ failed: 0, sent: 2 });
  });

  it('telegram: a person who unblocks the bot gets the alerts they missed, once', async () => {
    const { h, outbox, dispatcher } = await telegramSender();
    h.fake.block(kate.id);
    const chatId = `telegram:${kate.id}`;
    enqueue(outbox, 'alert:1', chatId);
    enqueue(outbox, 'alert:2', chatId);
    await dispatcher.runOnce();
    expect(h.chats.get(chatId)?.active).toBe(false);
    expect(h.fake.sentTo(kate.id)).toHaveLength(0);

    h.fake.unblock(kate.id);
    h.fake.push(myChatMember(privateChatOf(kate), kate, h.fake.bot, 'kicked', 'member'));
    await until(() => h.chats.get(chatId)?.active === true);
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(h.fake.sentTo(kate.id).map((m) => m.text?.match(/alert:\d/)?.[0])).toEqual(['alert:1', 'alert:2']);
    expect(outbox.counts()).toMatchObject({ sent: 2, failed: 0, pending: 0 });
  });

  it('revives only what failed within delivery.reviveWithinHours, and only once', () => {
    const db = openDatabase(':memory:');
    closers.push(async () => {
      db.close();
    });
    const outbox = createOutboxStore(db);
    let now = 1_000 * HOUR;
    const membership = createChatMembership({
      store: createMembershipStore(db),
      now: () => now,
      logger: silentLogger(),
      reviveWithinMs: 24 * HOUR,
    });
    const chat = { id: 'slack:T1:C1', kind: 'channel' as const };
    enqueue(outbox, 'old', chat.id);
    expect(membership.gone(chat, 'not_in_channel')).toBe(1);
    now += 25 * HOUR;
    enqueue(outbox, 'recent', chat.id);
    expect(membership.gone(chat, 'not_in_channel')).toBe(1);
    now += HOUR;
    expect(membership.seen(chat)).toBe(1);
    expect(outbox.get('recent')?.status).toBe('pending');
    expect(outbox.get('old')?.status).toBe('failed');
    expect(membership.gone(chat, 'archived')).toBe(1);
    expect(membership.joined(chat)).toBe(1);
    expect(membership.gone(chat, 'archived')).toBe(1);
    // The old one stopped being revivable when the chat first came back.
    expect(membership.joined(chat)).toBe(1);
    expect(outbox.get('old')?.status).toBe('failed');
    // A sign of life from an active or unknown chat changes nothing.
    expect(membership.seen({ id: 'slack:T1:C9', kind: 'channel' })).toBe(0);
    expect(createChatStore(db).get('slack:T1:C9')).toBeNull();
  });

  it('telegram: a group upgraded to a supergroup moves watches, schedule, language and pending messages, once', async () => {
    const { h, outbox, dispatcher } = await telegramSender();
    const watches = createWatchStore(h.db);
    const group = { id: -500, type: 'group' as const, title: 'Team' };
    const oldId = `telegram:${group.id}`;
    const newId = 'telegram:-100500';
    h.chats.save(
      { id: oldId, kind: 'group', title: 'Team' },
      { lang: 'ru', timezone: 'Asia/Tokyo', digestTime: '09:30' },
      Date.now(),
    );
    watches.add(
      { kind: 'brand', name: 'Yandex', aliases: ['yandex'], exclude: [], competitor: false },
      oldId,
      Date.now(),
    );
    h.fake.upgrade(group.id, -100500);
    enqueue(outbox, 'digest:a', oldId);
    enqueue(outbox, 'digest:b', oldId);
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(h.fake.sentTo(group.id)).toHaveLength(0);
    expect(h.fake.sentTo(-100500).map((m) => m.text?.match(/digest:\w/)?.[0])).toEqual([
      'digest:a',
      'digest:b',
    ]);
    expect(outbox.counts()).toMatchObject({ sent: 2, pending: 0, failed: 0, sending: 0 });
    expect(h.chats.get(newId)).toMatchObject({
      lang: 'ru',
      timezone: 'Asia/Tokyo',
      digestTime: '09:30',
      active: true,
    });
    expect(h.chats.get(oldId)?.active).toBe(false);
    expect(watches.list(newId).map((w) => w.spec.name)).toEqual(['Yandex']);
    expect(watches.list(oldId)).toEqual([]);

    // The service messages that announce the move come too: nothing moves twice, the new chat keeps its changes.
    h.chats.save({ id: newId, kind: 'group' }, { lang: 'en' }, Date.now());
    for (const update of migrationMessages(group, -100500, kate)) h.fake.push(update);
    await until(() => h.fake.pendingUpdates() === 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.chats.get(newId)?.lang).toBe('en');
    expect(h.chats.get(oldId)?.active).toBe(false);
    expect(h.membership.seen({ id: oldId, kind: 'group' })).toBe(0);
    expect(h.chats.get(oldId)?.active).toBe(false);
  });

  it('telegram: the migrate_to_chat_id service message alone moves the chat', async () => {
    const h = await telegramHarness();
    closers.push(() => h.close());
    await h.adapter.start(async () => null);
    const group = { id: -600, type: 'group' as const, title: 'Ops' };
    h.chats.save({ id: 'telegram:-600', kind: 'group', title: 'Ops' }, { digestTime: '08:00' }, Date.now());
    h.outbox.enqueue(
      { key: 'spike:x', target: 'telegram:-600', reply: textReply('x', 'y'), notBefore: 0 },
      Date.now(),
    );
    const [toUpdate] = migrationMessages(group, -100600, kate);
    h.fake.push(toUpdate as Record<string, unknown>);
    await until(() => h.chats.get('telegram:-100600')?.digestTime === '08:00');
    expect(h.outbox.get('spike:x')).toMatchObject({ target: 'telegram:-100600', status: 'pending' });
    expect(h.chats.get('telegram:-600')?.active).toBe(false);
  });
});
