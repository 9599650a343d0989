import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/chat/command.js';
import { createCommandSet } from '../../src/chat/command-set.js';
import { createRegistry } from '../../src/chat/registry.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { DEMO_NOW, demoStore } from '../chat/demo-store.js';
import type { SentMessage } from '../fakes/telegram/server.js';
import { type FakeChat, type FakeUser, privateChatOf, textMessage } from '../fakes/telegram/updates.js';
import { ivan, kate, telegramHarness, until } from './harness.js';

type Harness = Awaited<ReturnType<typeof telegramHarness>>;
let h: Harness;
let demo: Awaited<ReturnType<typeof demoStore>>;
let commands: Command[];
let offset = 0;
const group: FakeChat = { id: -1001234567890, type: 'supergroup', title: 'Team <Backend> & Co' };

beforeAll(async () => {
  demo = await demoStore();
  const { db } = demo;
  commands = createCommandSet({ ...demo, dbPath: ':memory:', source: null, nextPoll: () => null });
  const registry = createRegistry(commands, { logger: silentLogger() });
  h = await telegramHarness({
    db,
    commands,
    clock: { now: () => DEMO_NOW + offset, sleep: systemClock.sleep },
  });
  await h.adapter.start((m) => registry.dispatch(m.text, m.context));
}, 60_000);

afterAll(async () => {
  await h?.close();
  demo?.db.close();
});

/** Sends a text as `from` in `chat` through long polling and returns the messages the bot answered with. */
async function ask(chat: FakeChat, from: FakeUser, text: string): Promise<SentMessage[]> {
  const before = h.fake.sentTo(chat.id).length;
  const sentinel = h.fake.calls.length;
  h.fake.push(textMessage(chat, from, text));
  await until(() => h.fake.sentTo(chat.id).length > before, 10_000);
  // Let the remaining parts of a multi-part answer arrive.
  let count = -1;
  while (count !== h.fake.calls.length) {
    count = h.fake.calls.length;
    await new Promise((r) => setTimeout(r, 120));
  }
  expect(h.fake.calls.slice(sentinel).filter((c) => c.status === 400)).toEqual([]);
  return h.fake.sentTo(chat.id).slice(before);
}

const textOf = (messages: SentMessage[]) => messages.map((m) => m.text).join('\n');

describe('telegram commands end to end (long polling, real registry over the demo store)', () => {
  it('registers the command menus per scope in Russian and English', () => {
    expect([...h.fake.menus.keys()].sort()).toEqual(
      ['all_chat_administrators', 'all_group_chats', 'all_private_chats']
        .flatMap((s) => [`${s}:`, `${s}:en`, `${s}:ru`])
        .sort(),
    );
    const privateRu = h.fake.menus.get('all_private_chats:ru') ?? [];
    expect(privateRu.map((c) => c.command)).toContain('jobs');
    expect(privateRu.find((c) => c.command === 'help')?.description).toBe('что умеет Kestrel');
    const groupEn = h.fake.menus.get('all_group_chats:en') ?? [];
    expect(groupEn.map((c) => c.command)).not.toContain('jobs');
    expect(groupEn.find((c) => c.command === 'help')?.description).toBe('what Kestrel can do');
  });

  it('answers every command in a private chat with valid HTML', async () => {
    for (const command of commands) {
      const answer = await ask(privateChatOf(kate), kate, `/${command.name}`);
      expect(answer.length, `/${command.name}`).toBeGreaterThan(0);
      expect(answer.every((m) => m.parseMode === 'HTML')).toBe(true);
    }
  });

  it('/help, /mentions (with a chart photo), /jobs add and list, in the person’s language', async () => {
    expect(textOf(await ask(privateChatOf(kate), kate, '/help'))).toContain('/mentions');
    expect(textOf(await ask(privateChatOf(ivan), ivan, '/help'))).toContain('что умеет Kestrel');
    const mentions = await ask(privateChatOf(kate), kate, '/mentions yandex 7d');
    expect(textOf(mentions)).toMatch(/Yandex/i);
    expect(mentions.some((m) => m.method === 'sendPhoto' && (m.photo?.bytes ?? 0) > 1000)).toBe(true);
    expect(textOf(await ask(privateChatOf(kate), kate, '/jobs add golang remote'))).toContain('added');
    expect(textOf(await ask(privateChatOf(kate), kate, '/jobs list'))).toContain('golang');
    expect(textOf(await ask(privateChatOf(kate), kate, 'hello there'))).toContain('/help');
  });

  it('/lang switches a chat from the user’s language_code to the chosen one', async () => {
    const anna: FakeUser = { id: 99001, first_name: 'Anna', language_code: 'en-GB' };
    expect(textOf(await ask(privateChatOf(anna), anna, '/help'))).toContain('what Kestrel can do');
    await ask(privateChatOf(anna), anna, '/lang ru');
    expect(textOf(await ask(privateChatOf(anna), anna, '/help'))).toContain('что умеет Kestrel');
  });

  it('in a group only admins (getChatMember, cached 60 s) may change watches; /cmd@us works, /cmd@other is ignored', async () => {
    h.fake.setMember(group.id, kate.id, 'administrator');
    h.fake.setMember(group.id, ivan.id, 'member');
    const refused = await ask(group, ivan, '/watch add brand Tinkoff');
    expect(textOf(refused)).toContain('только администраторы');
    expect(refused[0]?.params.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
    const added = await ask(group, kate, '/watch@kestrel_test_bot add brand Tinkoff');
    expect(textOf(added)).toContain('Now watching');
    expect(demo.stores.watches.list(`telegram:${group.id}`).map((w) => w.spec.name)).toContain('Tinkoff');

    const asked = () => h.fake.callsOf('getChatMember').filter((c) => c.params.user_id === ivan.id).length;
    expect(asked()).toBe(1);
    h.fake.push(textMessage(group, ivan, '/help@another_bot'));
    const list = await ask(group, ivan, '/watch list');
    expect(textOf(list)).toContain('Tinkoff');
    expect(list).toHaveLength(1);
    expect(asked()).toBe(1);
    offset += 61_000;
    await ask(group, ivan, '/watch list');
    expect(asked()).toBe(2);

    // Plain talk in a group is not for the bot.
    const before = h.fake.sentTo(group.id).length;
    h.fake.push(textMessage(group, kate, 'just chatting about /watch'));
    await ask(group, kate, '/help');
    expect(h.fake.sentTo(group.id).length).toBe(before + 1);
  });
});
