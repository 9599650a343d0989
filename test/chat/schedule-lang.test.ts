import { beforeEach, describe, expect, it } from 'vitest';
import { createLangCommand } from '../../commands/lang.js';
import { createScheduleCommand } from '../../commands/schedule.js';
import type { CommandContext } from '../../src/chat/context.js';
import { type CommandRegistry, createRegistry } from '../../src/chat/registry.js';
import type { Reply } from '../../src/chat/reply.js';
import { silentLogger } from '../../src/logger.js';
import { type ChatStore, createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { nextRunAt, parseTime } from '../../src/time/daily.js';
import { canonicalTimezone } from '../../src/time/timezone.js';
import { DEMO_NOW, makeContext } from './demo-store.js';

function textOf(reply: Reply | null): string {
  return (reply?.blocks ?? []).map((b) => (b.type === 'text' ? b.text : '')).join('\n');
}

let db: Db;
let chats: ChatStore;
let registry: CommandRegistry;
const team = makeContext({ chat: { id: 'slack:T1:C1', kind: 'group', title: 'Team' } });
const member = { ...team, user: { id: 'slack:U9', name: 'member' }, isAdmin: false };
const ru = (ctx: CommandContext): CommandContext => ({ ...ctx, lang: 'ru' });

async function send(text: string, ctx: CommandContext = team): Promise<Reply> {
  const reply = await registry.dispatch(text, ctx);
  if (!reply) throw new Error(`${text} was not a command`);
  return reply;
}

const chatRow = (id = team.chat.id) =>
  db.prepare('SELECT * FROM chats WHERE id = ?').get(id) as Record<string, unknown> | undefined;

beforeEach(() => {
  db = openDatabase(':memory:');
  chats = createChatStore(db);
  registry = createRegistry([createScheduleCommand({ chats }), createLangCommand({ chats })], {
    logger: silentLogger(),
  });
});

describe('nextRunAt', () => {
  // DEMO_NOW is 2026-11-26 12:00 UTC: 15:00 in Moscow (UTC+3 all year), 17:00 in Almaty (UTC+5).
  it('finds the next wall-clock time in the timezone', () => {
    expect(nextRunAt('18:30', 'Europe/Moscow', DEMO_NOW)).toBe(Date.UTC(2026, 10, 26, 15, 30));
    expect(nextRunAt('09:00', 'Europe/Moscow', DEMO_NOW)).toBe(Date.UTC(2026, 10, 27, 6, 0));
    expect(nextRunAt('15:00', 'Europe/Moscow', DEMO_NOW)).toBe(Date.UTC(2026, 10, 27, 12, 0));
    expect(nextRunAt('00:00', 'UTC', DEMO_NOW)).toBe(Date.UTC(2026, 10, 27, 0, 0));
    expect(nextRunAt('23:59', 'Asia/Almaty', DEMO_NOW)).toBe(Date.UTC(2026, 10, 26, 18, 59));
  });

  it('follows daylight saving changes', () => {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
    expect(nextRunAt('09:00', 'Europe/Berlin', Date.UTC(2026, 2, 28, 6, 0))).toBe(
      Date.UTC(2026, 2, 28, 8, 0),
    );
    expect(nextRunAt('09:00', 'Europe/Berlin', Date.UTC(2026, 2, 28, 12, 0))).toBe(
      Date.UTC(2026, 2, 29, 7, 0),
    );
    // New York moves from UTC-4 to UTC-5 on Sunday 1 November 2026.
    expect(nextRunAt('09:00', 'America/New_York', Date.UTC(2026, 9, 31, 14, 0))).toBe(
      Date.UTC(2026, 10, 1, 14, 0),
    );
    // 02:30 does not exist in Berlin on 29 March 2026: the run still falls early that morning.
    const gap = nextRunAt('02:30', 'Europe/Berlin', Date.UTC(2026, 2, 28, 12, 0));
    expect(gap).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 29, 0, 0));
    expect(gap).toBeLessThanOrEqual(Date.UTC(2026, 2, 29, 2, 0));
  });
});

describe('time and timezone parsing', () => {
  it.each([
    ['09:00', '09:00'],
    ['9:05', '09:05'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    ['24:00', null],
    ['12:60', null],
    ['0900', null],
    ['9am', null],
    ['09:00:00', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it.each([
    ['Europe/Moscow', 'Europe/Moscow'],
    ['europe/moscow', 'Europe/Moscow'],
    ['UTC', 'UTC'],
    ['Asia/Almaty', 'Asia/Almaty'],
    ['Mars/Olympus', null],
    ['+03:00', null],
    ['../etc/passwd', null],
    ['Moscow', null],
  ])('%s → %s', (input, expected) => {
    expect(canonicalTimezone(input)).toBe(expected);
  });
});

describe('/schedule', () => {
  it('sets the daily digest in the chat timezone and says when it comes next', async () => {
    const reply = await send('/schedule digest 09:00');
    expect(reply.tone).toBe('normal');
    expect(textOf(reply)).toBe(
      'The digest comes to this chat daily at 09:00 (Europe/Moscow). Next: Fri 27 Nov, 09:00.',
    );
    expect(chatRow()).toMatchObject({
      id: 'slack:T1:C1',
      kind: 'group',
      title: 'Team',
      lang: null,
      timezone: 'Europe/Moscow',
      digest_time: '09:00',
      active: 1,
      created_at: DEMO_NOW,
      updated_at: DEMO_NOW,
    });
    expect(chats.withDigest().map((c) => [c.id, c.digestTime])).toEqual([['slack:T1:C1', '09:00']]);
  });

  it('answers in Russian', async () => {
    const reply = await send('/schedule digest 9:00', ru(team));
    expect(textOf(reply)).toBe(
      'Дайджест приходит в этот чат ежедневно в 09:00 (Europe/Moscow). Следующий: пт, 27 нояб., 09:00.',
    );
  });

  it('takes a timezone, which becomes the chat timezone', async () => {
    const reply = await send('/schedule digest 18:30 asia/almaty');
    expect(textOf(reply)).toContain('daily at 18:30 (Asia/Almaty). Next: Thu 26 Nov, 18:30.');
    expect(textOf(reply)).toContain("This chat's timezone is now Asia/Almaty.");
    expect(chatRow()).toMatchObject({ timezone: 'Asia/Almaty', digest_time: '18:30' });
    // Later changes keep it.
    await send('/schedule digest 08:00');
    expect(chatRow()).toMatchObject({ timezone: 'Asia/Almaty', digest_time: '08:00' });
    expect(textOf(await send('/schedule', member))).toContain(
      'daily at 08:00 (Asia/Almaty). Next: Fri 27 Nov, 08:00.',
    );
  });

  it('shows and turns off the digest', async () => {
    expect(textOf(await send('/schedule'))).toContain('This chat gets no daily digest.');
    await send('/schedule digest 09:00');
    expect(textOf(await send('/schedule off'))).toBe('Daily digest turned off for this chat.');
    expect(chatRow()).toMatchObject({ digest_time: null, timezone: 'Europe/Moscow' });
    expect(chats.withDigest()).toEqual([]);
    expect(textOf(await send('/schedule off', ru(team)))).toContain(
      'Ежедневного дайджеста в этом чате и не было.',
    );
  });

  it.each([
    ['/schedule digest', 'At what time?'],
    ['/schedule digest 24:00', '"24:00" is not a time of day'],
    ['/schedule digest 12:60', '"12:60" is not a time of day'],
    ['/schedule digest noon', '"noon" is not a time of day'],
    ['/schedule digest 09:00 Mars/Olympus', '"Mars/Olympus" is not an IANA timezone'],
    ['/schedule digest 09:00 Europe/Moscow now', 'Unexpected "now"'],
    ['/schedule off please', '/schedule off takes no arguments.'],
    ['/schedule weekly 09:00', 'Unknown subcommand "weekly"'],
  ])('refuses %s', async (command, fragment) => {
    const reply = await send(command);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain(fragment);
    expect(textOf(reply)).toContain('Usage: /schedule digest HH:MM [timezone] | off');
    expect(chatRow()).toBeUndefined();
  });

  it('refuses in Russian', async () => {
    const reply = await send('/schedule digest 25:00 Europe/Moscow', ru(team));
    expect(textOf(reply)).toContain('«25:00» — не время');
    expect(textOf(reply)).toContain('Как писать: /schedule digest ЧЧ:ММ [часовой пояс] | off');
    expect(textOf(await send('/schedule digest 10:00 Луна', ru(team)))).toContain(
      '«Луна» — не часовой пояс IANA',
    );
  });

  it('lets only admins change it in groups and channels', async () => {
    for (const ctx of [member, { ...member, chat: { id: 'telegram:-5', kind: 'channel' as const } }]) {
      const reply = await send('/schedule digest 09:00', ctx);
      expect(reply.tone).toBe('refusal');
      expect(textOf(reply)).toContain('Only admins of this chat can change its digest schedule.');
      expect(chatRow(ctx.chat.id)).toBeUndefined();
    }
    await send('/schedule digest 09:00');
    const off = await send('/schedule off', ru(member));
    expect(textOf(off)).toContain('только администраторы');
    expect(chatRow()).toMatchObject({ digest_time: '09:00' });
    expect((await send('/schedule', member)).tone).toBe('normal');
  });
});

describe('/lang', () => {
  it('stores the language and answers in it', async () => {
    const reply = await send('/lang ru');
    expect(reply.tone).toBe('normal');
    expect(textOf(reply)).toBe('Готово: теперь в этом чате я говорю по-русски.');
    expect(chatRow()).toMatchObject({ lang: 'ru', kind: 'group', title: 'Team' });
    const back = await send('/lang EN', ru(team));
    expect(textOf(back)).toBe('Done: I speak English in this chat now.');
    expect(chatRow()).toMatchObject({ lang: 'en' });
  });

  it('keeps the other settings', async () => {
    await send('/schedule digest 07:15 UTC');
    await send('/lang ru');
    expect(chatRow()).toMatchObject({ lang: 'ru', timezone: 'UTC', digest_time: '07:15' });
    expect(chats.get(team.chat.id)).toMatchObject({
      lang: 'ru',
      timezone: 'UTC',
      digestTime: '07:15',
      active: true,
    });
  });

  it.each([
    ['/lang de', '"de" is not a language I speak.'],
    ['/lang', 'Which language?'],
    ['/lang ru en', '"ru en" is not a language I speak.'],
    ['/lang english', '"english" is not a language I speak.'],
  ])('refuses %s', async (command, fragment) => {
    const reply = await send(command);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain(fragment);
    expect(textOf(reply)).toContain('Usage: /lang ru | en');
    expect(chatRow()).toBeUndefined();
  });

  it('refuses in Russian', async () => {
    const reply = await send('/lang de', ru(team));
    expect(textOf(reply)).toContain(
      '«de» — не мой язык. Выберите ru (русский) или en (английский); сейчас ru.',
    );
    expect(textOf(reply)).toContain('Как писать: /lang ru | en');
  });

  it('lets only admins change it in groups', async () => {
    const reply = await send('/lang ru', member);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toBe('Only admins of this chat can change its language.');
    expect(chatRow()).toBeUndefined();
    const mine = makeContext({ isAdmin: true });
    await send('/lang ru', mine);
    expect(chatRow(mine.chat.id)).toMatchObject({ kind: 'private', lang: 'ru' });
  });
});
