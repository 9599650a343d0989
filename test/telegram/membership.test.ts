import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/chat/adapter.js';
import type { FakeChat } from '../fakes/telegram/updates.js';
import { myChatMember, privateChatOf, textMessage } from '../fakes/telegram/updates.js';
import { fixture, ivan, kate, telegramHarness, until } from './harness.js';

type Harness = Awaited<ReturnType<typeof telegramHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const echo = (seen: IncomingMessage[]) => async (m: IncomingMessage) => {
  seen.push(m);
  return {
    title: 'ok',
    blocks: [{ type: 'text' as const, text: `${m.context.isAdmin ? 'admin' : 'member'} ${m.text}` }],
  };
};

describe('telegram membership, /start and origins', () => {
  it('records the bot added to and removed from a group: a removed chat is inactive', async () => {
    h = await telegramHarness();
    await h.adapter.start(async () => null);
    const group: FakeChat = { id: -1009876543210, type: 'supergroup', title: 'Team' };
    h.fake.push(myChatMember(group, kate, h.fake.bot, 'left', 'member'));
    await until(() => h?.chats.get(`telegram:${group.id}`)?.active === true);
    expect(h.chats.get(`telegram:${group.id}`)).toMatchObject({ kind: 'group', title: 'Team', active: true });
    h.fake.push(myChatMember(group, kate, h.fake.bot, 'member', 'left'));
    await until(() => h?.chats.get(`telegram:${group.id}`)?.active === false);
  });

  it('handles the recorded my_chat_member updates: channel added/removed, private chat blocked/unblocked', async (ctx) => {
    const added = fixture('autogram_update_my_chat_member_channel_added.json');
    const removed = fixture('autogram_update_my_chat_member_channel_removed.json');
    const blocked = fixture('autogram_my_chat_member_private_blocked.json');
    const unblocked = fixture('autogram_my_chat_member_private_unblocked.json');
    if (!added || !removed || !blocked || !unblocked) return ctx.skip();
    h = await telegramHarness();
    await h.adapter.start(async () => null);
    const strip = ({ update_id: _, ...rest }: Record<string, unknown>) => rest;
    h.fake.push(strip(added));
    await until(() => h?.chats.get('telegram:-1001658651810')?.active === true);
    expect(h.chats.get('telegram:-1001658651810')).toMatchObject({ kind: 'channel', title: 'Geez' });
    h.fake.push(strip(removed));
    await until(() => h?.chats.get('telegram:-1001658651810')?.active === false);
    h.fake.push(strip(blocked));
    await until(() => h?.chats.get('telegram:5342492667')?.active === false);
    expect(h.chats.get('telegram:5342492667')?.kind).toBe('private');
    h.fake.push(strip(unblocked));
    await until(() => h?.chats.get('telegram:5342492667')?.active === true);
  });

  it('/start in a private chat (the recorded update) records the chat and welcomes with /jobs', async (ctx) => {
    const start = fixture('autogram_update_bot_command_start.json');
    if (!start) return ctx.skip();
    h = await telegramHarness();
    const seen: IncomingMessage[] = [];
    await h.adapter.start(echo(seen));
    const { update_id: _, ...body } = start;
    h.fake.push(body);
    await until(() => (h?.fake.sentTo(5342492667).length ?? 0) > 0);
    expect(seen).toEqual([]);
    const welcome = h.fake.sentTo(5342492667)[0]?.text ?? '';
    expect(welcome).toContain('/jobs add');
    expect(h.chats.get('telegram:5342492667')).toMatchObject({ kind: 'private', active: true });

    // Someone who already has alerts is told how to see them, in their language.
    h.subscriptions.subscribe(
      { userId: `telegram:${ivan.id}`, chatId: `telegram:${ivan.id}`, timezone: 'Europe/Moscow' },
      { keywords: ['go'], remoteOnly: false, minSalary: null, salaryCurrency: null, location: null },
      Date.now(),
    );
    h.fake.push(textMessage(privateChatOf(ivan), ivan, '/start'));
    await until(() => (h?.fake.sentTo(ivan.id).length ?? 0) > 0);
    expect(h.fake.sentTo(ivan.id)[0]?.text).toContain('/jobs list');
    expect(h.fake.sentTo(ivan.id)[0]?.text).toContain('С возвращением');
  });

  it('passes recorded messages through with who, where and language; /start in a group shows /help', async (ctx) => {
    const message = fixture('aiogram_message.json');
    if (!message) return ctx.skip();
    h = await telegramHarness();
    const seen: IncomingMessage[] = [];
    await h.adapter.start(echo(seen));
    h.fake.push({ message: { ...message, text: '/help me' } });
    await until(() => seen.length === 1);
    expect(seen[0]?.context).toMatchObject({
      user: { id: 'telegram:12345678', name: '@username' },
      chat: { id: 'telegram:12345678', kind: 'private' },
      lang: 'ru',
      isAdmin: true,
    });
    const group: FakeChat = { id: -100555, type: 'group', title: 'G' };
    h.fake.push(textMessage(group, kate, '/start@kestrel_test_bot'));
    await until(() => seen.length === 2);
    expect(seen[1]?.text).toBe('/help');
    expect(seen[1]?.context.chat).toEqual({ id: 'telegram:-100555', kind: 'group', title: 'G' });
    expect(seen[1]?.context.isAdmin).toBe(false);
  });

  it('anonymous group admins and channel posts count as admins', async () => {
    h = await telegramHarness();
    const seen: IncomingMessage[] = [];
    await h.adapter.start(echo(seen));
    const group: FakeChat = { id: -100666, type: 'supergroup', title: 'Anon' };
    const anonymousBot = { id: 1087968824, first_name: 'Group', username: 'GroupAnonymousBot', is_bot: true };
    h.fake.push(textMessage(group, anonymousBot, '/watch list', { sender_chat: group }));
    const channel: FakeChat = { id: -100777, type: 'channel', title: 'News' };
    h.fake.push(textMessage(channel, null, '/digest', { sender_chat: channel, author_signature: 'Editor' }));
    await until(() => seen.length === 2);
    expect(seen.map((m) => [m.context.chat.kind, m.context.isAdmin, m.context.user.name])).toEqual([
      ['group', true, 'Anon'],
      ['channel', true, 'Editor'],
    ]);
    expect(h.fake.callsOf('getChatMember')).toHaveLength(0);
    await until(() => h?.fake.sentTo(channel.id).length === 1);
  });
});
