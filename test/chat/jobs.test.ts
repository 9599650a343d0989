import { beforeEach, describe, expect, it } from 'vitest';
import { createJobsCommand } from '../../commands/jobs.js';
import type { CommandContext } from '../../src/chat/context.js';
import { type CommandRegistry, createRegistry } from '../../src/chat/registry.js';
import type { Reply } from '../../src/chat/reply.js';
import { silentLogger } from '../../src/logger.js';
import { createAlertQueries } from '../../src/store/alert-queries.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createSubscriptionStore, type SubscriptionStore } from '../../src/store/subscription-store.js';
import { DEMO_NOW, makeContext } from './demo-store.js';

function textOf(reply: Reply | null): string {
  if (!reply) return '';
  const blocks = reply.blocks.map((b) =>
    b.type === 'text' ? b.text : b.type === 'items' ? b.items.map((i) => i.text).join('\n') : '',
  );
  return [...blocks, reply.footer ?? ''].join('\n');
}

let db: Db;
let store: SubscriptionStore;
let registry: CommandRegistry;
const alice = makeContext({
  user: { id: 'telegram:1', name: 'alice' },
  chat: { id: 'telegram:1', kind: 'private' },
});
const bob = makeContext({
  user: { id: 'telegram:2', name: 'bob' },
  chat: { id: 'telegram:2', kind: 'private' },
});
const ru = (ctx: CommandContext): CommandContext => ({ ...ctx, lang: 'ru' });

async function send(text: string, ctx: CommandContext = alice): Promise<Reply> {
  const reply = await registry.dispatch(text, ctx);
  if (!reply) throw new Error(`${text} was not a command`);
  return reply;
}

const jobRows = () =>
  db.prepare('SELECT * FROM job_subscriptions ORDER BY id').all() as Record<string, unknown>[];
/** The live alerts the sender would match (not paused, not removed). */
const live = () => createAlertQueries(db).subscriptions();
const subscriberRows = () =>
  db.prepare('SELECT * FROM subscribers ORDER BY user_id').all() as Record<string, unknown>[];

beforeEach(() => {
  db = openDatabase(':memory:');
  store = createSubscriptionStore(db);
  registry = createRegistry([createJobsCommand({ subscriptions: store, maxPerPerson: 3 })], {
    logger: silentLogger(),
  });
});

describe('/jobs add', () => {
  it('adds an alert and registers the person with this private chat and its timezone', async () => {
    const reply = await send('/jobs add golang remote salary>=200k RUB in Berlin');
    expect(reply.tone).toBe('normal');
    expect(textOf(reply)).toContain('Alert #1 added: golang · remote · salary ≥ 200,000 RUB · in Berlin.');
    expect(subscriberRows()).toEqual([
      {
        user_id: 'telegram:1',
        chat_id: 'telegram:1',
        paused: 0,
        timezone: 'Europe/Moscow',
        quiet_start: null,
        quiet_end: null,
        created_at: DEMO_NOW,
      },
    ]);
    expect(jobRows()).toEqual([
      {
        id: 1,
        user_id: 'telegram:1',
        keywords: '["golang"]',
        remote_only: 1,
        min_salary: 200000,
        salary_currency: 'RUB',
        location: 'Berlin',
        created_at: DEMO_NOW,
        removed_at: null,
      },
    ]);
  });

  it('answers in Russian', async () => {
    const reply = await send('/jobs add "product manager" удалёнка зп>=250к ₽', ru(alice));
    expect(textOf(reply)).toContain(
      'Подписка #1 добавлена: "product manager" · удалённо · зарплата от 250 000 RUB.',
    );
    expect(jobRows()[0]).toMatchObject({ keywords: '["product manager"]', min_salary: 250000 });
  });

  it('keeps the subscriber once, with their first timezone', async () => {
    await send('/jobs add golang');
    await send('/jobs add rust', { ...alice, timezone: 'Asia/Almaty' });
    expect(subscriberRows()).toHaveLength(1);
    expect(subscriberRows()[0]).toMatchObject({ timezone: 'Europe/Moscow' });
    expect(jobRows().map((r) => r.keywords)).toEqual(['["golang"]', '["rust"]']);
  });

  it.each([
    ['/jobs add golang salary>=abc', 'Cannot read the filter "salary>=abc"'],
    ['/jobs add golang salary>=200k XYZ', '"XYZ" is not a currency'],
    ['/jobs add golang in', '"in" needs a location'],
    ['/jobs add golang foo=bar', 'Unknown filter "foo=bar"'],
    ['/jobs add remote', 'No keywords'],
    ['/jobs add', 'What should the alert look for?'],
  ])('refuses %s, naming the problem, with the usage', async (command, fragment) => {
    const reply = await send(command);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain(fragment);
    expect(textOf(reply)).toContain('Usage: /jobs add <keywords>');
    expect(jobRows()).toEqual([]);
    expect(subscriberRows()).toEqual([]);
  });

  it('refuses in Russian with the Russian usage', async () => {
    const reply = await send('/jobs add golang salary>=200k XYZ', ru(alice));
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain('«XYZ» — не валюта');
    expect(textOf(reply)).toContain('Как писать: /jobs add <слова>');
  });

  it('refuses the same alert twice and more than the limit', async () => {
    await send('/jobs add golang remote');
    const again = await send('/jobs add Golang  remote');
    expect(again.tone).toBe('refusal');
    expect(textOf(again)).toContain('You already have this alert: #1.');
    await send('/jobs add rust');
    await send('/jobs add zig');
    const over = await send('/jobs add elixir');
    expect(over.tone).toBe('refusal');
    expect(textOf(over)).toContain('You have 3 alerts');
    expect(jobRows()).toHaveLength(3);
  });

  it('refuses X operators in keywords, naming the operator and its position', async () => {
    const reply = await send('/jobs add golang from:elon -java');
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain('"from:elon" at position 8: /jobs add takes words and "phrases" only.');
    const ru = await send('/jobs add golang OR rust', { ...alice, lang: 'ru' });
    expect(textOf(ru)).toContain('«OR» (позиция 8): /jobs add принимает только слова и «фразы».');
    expect(jobRows()).toEqual([]);
    await send('/jobs add golang "NEAR(x)" c++');
    expect(jobRows()[0]?.keywords).toBe('["golang","near x","c"]');
  });
});

describe('/jobs is private only', () => {
  it.each(['group', 'channel'] as const)('refuses in a %s and points to the private chat', async (kind) => {
    const ctx = makeContext({ chat: { id: 'telegram:-100', kind } });
    const reply = await send('/jobs add golang', ctx);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain('only in a private chat');
    expect(textOf(await send('/jobs list', ru(ctx)))).toContain('только в личном чате');
    expect(subscriberRows()).toEqual([]);
  });
});

describe('/jobs list', () => {
  it('says there is nothing yet', async () => {
    expect(textOf(await send('/jobs list'))).toContain('You have no job alerts.');
    expect(textOf(await send('/jobs', ru(alice)))).toContain('Подписок на вакансии нет.');
  });

  it("lists the person's own alerts with ids and filters", async () => {
    await send('/jobs add golang remote');
    await send('/jobs add rust', bob);
    await send('/jobs add "data engineer" salary>=$5000 in Berlin');
    const reply = await send('/jobs list');
    expect(reply.blocks[0]).toEqual({
      type: 'items',
      items: [
        { text: '#1 golang · remote' },
        { text: '#3 "data engineer" · salary ≥ 5,000 USD · in Berlin' },
      ],
    });
    const inRussian = await send('/jobs list', ru(alice));
    expect(textOf(inRussian)).toContain('#3 "data engineer" · зарплата от 5 000 USD · место: Berlin');
  });

  it('refuses arguments', async () => {
    expect((await send('/jobs list all')).tone).toBe('refusal');
  });
});

describe('/jobs remove', () => {
  it("removes one of the person's alerts", async () => {
    await send('/jobs add golang');
    const reply = await send('/jobs remove #1');
    expect(textOf(reply)).toContain('Alert #1 removed.');
    expect(jobRows()[0]?.removed_at).toBe(DEMO_NOW);
    expect(textOf(await send('/jobs list'))).toContain('You have no job alerts.');
  });

  it("refuses someone else's alert and leaves it alone", async () => {
    await send('/jobs add golang', bob);
    const reply = await send('/jobs remove 1');
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain('You have no alert #1.');
    expect(jobRows()[0]?.removed_at).toBeNull();
    const inRussian = await send('/jobs remove 1', ru(alice));
    expect(textOf(inRussian)).toContain('У вас нет подписки #1.');
  });

  it.each(['', 'abc', '1 2', '-1', '1.5'])('refuses the id "%s"', async (id) => {
    await send('/jobs add golang');
    const reply = await send(`/jobs remove ${id}`);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain('Usage: /jobs');
    expect(jobRows()[0]?.removed_at).toBeNull();
  });
});

describe('/jobs pause and resume', () => {
  it('toggles all alerts of the person', async () => {
    await send('/jobs add golang');
    await send('/jobs add rust', bob);
    expect(textOf(await send('/jobs pause'))).toContain('Job alerts paused.');
    expect(subscriberRows().map((r) => [r.user_id, r.paused])).toEqual([
      ['telegram:1', 1],
      ['telegram:2', 0],
    ]);
    expect(live().map((s) => s.userId)).toEqual(['telegram:2']);
    expect(textOf(await send('/jobs pause'))).toContain('already paused');
    expect(textOf(await send('/jobs list'))).toContain('Paused');
    expect(textOf(await send('/jobs add zig'))).toContain('Your alerts are paused');
    expect(textOf(await send('/jobs resume', ru(alice)))).toContain('Подписки снова включены.');
    expect(subscriberRows()[0]?.paused).toBe(0);
    expect(live().map((s) => [s.userId, s.chatId])).toEqual([
      ['telegram:1', 'telegram:1'],
      ['telegram:2', 'telegram:2'],
      ['telegram:1', 'telegram:1'],
    ]);
  });

  it('refuses without any alert, and with arguments', async () => {
    const none = await send('/jobs pause');
    expect(none.tone).toBe('refusal');
    expect(textOf(none)).toContain('You have no job alerts yet.');
    expect(textOf(await send('/jobs resume', ru(alice)))).toContain('Подписок на вакансии ещё нет.');
    await send('/jobs add golang');
    expect((await send('/jobs pause now')).tone).toBe('refusal');
  });
});

it('refuses an unknown subcommand in both languages', async () => {
  const reply = await send('/jobs subscribe golang');
  expect(reply.tone).toBe('refusal');
  expect(textOf(reply)).toContain('Unknown subcommand "subscribe"');
  expect(textOf(await send('/jobs subscribe', ru(alice)))).toContain('Неизвестная подкоманда «subscribe»');
});
