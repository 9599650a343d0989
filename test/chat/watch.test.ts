import { beforeEach, describe, expect, it } from 'vitest';
import { createWatchCommand } from '../../commands/watch.js';
import type { CommandContext } from '../../src/chat/context.js';
import { type CommandRegistry, createRegistry } from '../../src/chat/registry.js';
import type { Reply } from '../../src/chat/reply.js';
import { loadConfigFile } from '../../src/config/load.js';
import { silentLogger } from '../../src/logger.js';
import { clausesOf } from '../../src/planner/atoms.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createWatchStore, type WatchStore } from '../../src/store/watch-store.js';
import { watchSpecsFromConfig } from '../../src/watch/from-config.js';
import { DEMO_NOW, makeContext } from './demo-store.js';

function textOf(reply: Reply | null): string {
  if (!reply) return '';
  const blocks = reply.blocks.map((b) =>
    b.type === 'text'
      ? `${b.heading ?? ''}\n${b.text}`
      : b.type === 'items'
        ? `${b.heading ?? ''}\n${b.items.map((i) => `${i.text} ${i.note ?? ''}`).join('\n')}`
        : '',
  );
  return [...blocks, reply.footer ?? ''].join('\n');
}

const config = loadConfigFile('kestrel.config.yaml');
let db: Db;
let watches: WatchStore;
let registry: CommandRegistry;
const team = makeContext({ chat: { id: 'telegram:-100', kind: 'group' }, isAdmin: true });
const member = { ...team, user: { id: 'telegram:7', name: 'member' }, isAdmin: false };
const other = makeContext({ chat: { id: 'telegram:-200', kind: 'group' } });
const ru = (ctx: CommandContext): CommandContext => ({ ...ctx, lang: 'ru' });

async function send(
  text: string,
  ctx: CommandContext = team,
  reg: CommandRegistry = registry,
): Promise<Reply> {
  const reply = await reg.dispatch(text, ctx);
  if (!reply) throw new Error(`${text} was not a command`);
  return reply;
}

interface WatchRow {
  id: number;
  kind: string;
  name: string;
  spec: string;
  chat_id: string;
  origin: string;
  created_at: number;
  removed_at: number | null;
}
const chatRows = (chatId = team.chat.id) =>
  db.prepare('SELECT * FROM watches WHERE chat_id = ? ORDER BY id').all(chatId) as WatchRow[];
const configIds = () =>
  (db.prepare("SELECT id FROM watches WHERE origin = 'config' ORDER BY id").all() as { id: number }[]).map(
    (r) => r.id,
  );

/** A clause X cannot read as anything but words: bare words, "phrases", or a parenthesised AND of them. */
const SAFE_PART = '(?:[\\p{L}\\p{N}_]+|"[\\p{L}\\p{N}_ ]+")';
const SAFE_CLAUSE = new RegExp(`^(?:${SAFE_PART}|\\(${SAFE_PART}(?: ${SAFE_PART})+\\))$`, 'u');

beforeEach(() => {
  db = openDatabase(':memory:');
  watches = createWatchStore(db);
  watches.syncConfig(watchSpecsFromConfig(config), DEMO_NOW - 86_400_000);
  registry = createRegistry([createWatchCommand({ watches, queryMaxLength: 512 })], {
    logger: silentLogger(),
  });
});

describe('/watch list', () => {
  it("shows the config's watches, marked, and nothing of the chat's own yet", async () => {
    const reply = await send('/watch list', member);
    expect(reply.tone).toBe('normal');
    const text = textOf(reply);
    expect(text).toContain('Nothing of its own yet');
    expect(text).toContain('For everyone, from the config (not removable here)');
    expect(text).toContain('brand Yandex: Яндекс, Yandex, @yandex, yandex.ru config');
    expect(text).toContain('expert @kate_backend config');
    expect(reply.blocks[1]?.type === 'items' && reply.blocks[1].items.length).toBe(configIds().length);
    expect(textOf(await send('/watch', ru(member)))).toContain('Для всех, из конфигурации');
  });

  it("shows this chat's watches and not other chats'", async () => {
    await send('/watch add topic rust');
    await send('/watch add topic zig', other);
    const text = textOf(await send('/watch list', member));
    expect(text).toMatch(/This chat\n#\d+ topic: rust/);
    expect(text).not.toContain('zig');
  });
});

describe('/watch add', () => {
  it('adds a brand with its aliases and inflected search terms', async () => {
    const reply = await send('/watch add brand Tinkoff Тинькофф @tinkoff tinkoff.ru "Т Банк"');
    expect(reply.tone).toBe('normal');
    const [row] = chatRows();
    expect(row).toMatchObject({
      kind: 'brand',
      name: 'Tinkoff',
      origin: 'chat',
      created_at: DEMO_NOW,
      removed_at: null,
    });
    expect(JSON.parse(row?.spec ?? '')).toEqual({
      kind: 'brand',
      name: 'Tinkoff',
      aliases: ['Tinkoff', 'Тинькофф', '@tinkoff', 'tinkoff.ru', 'Т Банк'],
      exclude: [],
      competitor: false,
    });
    const text = textOf(reply);
    expect(text).toContain(`Now watching brand "Tinkoff" (#${row?.id}) for this chat.`);
    expect(text).toContain('тинькоффом');
    expect(text).toContain('@tinkoff OR url:"tinkoff.ru"');
  });

  it('adds a jobs watch as one term whose words must all appear', async () => {
    await send('/watch add jobs вакансия "senior golang"');
    const watch = watches.list(team.chat.id)[0];
    expect(watch?.spec).toEqual({
      kind: 'jobs',
      name: 'вакансия "senior golang"',
      terms: ['вакансия "senior golang"'],
    });
    expect(watch && clausesOf(watch).clauses).toEqual([
      '((вакансия OR вакансии OR вакансию OR вакансией OR вакансий OR вакансиям OR вакансиях OR вакансиями) "senior golang")',
    ]);
  });

  it('adds a topic with one term per alternative, as X reads a query', async () => {
    await send('/watch add topic (Rust OR «code review» OR (zig compiler)) lang:en');
    const watch = watches.list(team.chat.id)[0];
    expect(watch?.spec).toMatchObject({
      kind: 'topic',
      terms: ['rust', '"code review"', 'zig compiler'],
      lang: 'en',
    });
    await send('/watch add topic rust zig');
    expect(watches.list(team.chat.id)[1]?.spec).toMatchObject({ kind: 'topic', terms: ['rust zig'] });
  });

  it('adds an expert by X username', async () => {
    const reply = await send('/watch add expert @Some_Dev', ru(team));
    expect(textOf(reply)).toContain('Теперь отслеживаю: эксперт «@Some_Dev»');
    expect(watches.list(team.chat.id)[0]?.spec).toEqual({
      kind: 'expert',
      name: '@Some_Dev',
      handle: 'Some_Dev',
    });
  });

  it('works in a private chat without admin rights from the platform', async () => {
    const me = makeContext();
    await send('/watch add topic rust', me);
    expect(chatRows(me.chat.id)).toHaveLength(1);
  });
});

describe('X operators cannot get into queries', () => {
  it.each([
    ['/watch add topic a OR from:elon', '"from:elon" at position 6: /watch add topic takes words'],
    ['/watch add topic -foo (x "x', 'The quote at position 9 is not closed.'],
    ['/watch add topic -foo x', '"-" at position 1'],
    ['/watch add topic "a OR b" c)', 'The ")" at position 11 closes nothing.'],
    ['/watch add topic lang:en is:retweet', '"is:retweet" at position 9'],
    ['/watch add jobs golang -from:elon (x', '"-" at position 8: /watch add jobs takes words'],
    ['/watch add topic golang url:x.com', '"url:" at position 8: Kestrel does not support this X operator'],
  ])('%s is refused, naming the operator and its position', async (command, message) => {
    const reply = await send(command);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain(message);
    expect(chatRows()).toEqual([]);
  });

  it.each([
    ['/watch add topic "a OR b" OR c', ['"a or b"', 'c']],
    ['/watch add topic "NEAR(x y)" OR "from:elon"', ['"near x y"', '"from elon"']],
    ['/watch add jobs golang "c++"', ['golang c']],
  ])('%s stores only words', async (command, terms) => {
    const reply = await send(command);
    expect(reply.tone).toBe('normal');
    const watch = watches.list(team.chat.id)[0];
    expect(watch?.spec.kind === 'topic' || watch?.spec.kind === 'jobs' ? watch.spec.terms : null).toEqual(
      terms,
    );
    for (const clause of watch ? clausesOf(watch).clauses : []) {
      expect(clause).toMatch(SAFE_CLAUSE);
      expect(clause).not.toMatch(/(^|[\s(])(OR|AND|NOT)(?=[\s)]|$)/u);
    }
  });

  it('refuses operators and odd characters where they cannot be neutralised', async () => {
    for (const command of [
      '/watch add brand Foo (x',
      '/watch add brand Foo @bad-handle',
      '/watch add brand Foo #a)b',
      '/watch add brand -Foo',
      '/watch add brand Foo OR',
      '/watch add jobs golang OR rust',
      '/watch add topic a NOT b',
      '/watch add expert from:elon',
    ]) {
      const reply = await send(command);
      expect(reply.tone, command).toBe('refusal');
    }
    expect(chatRows()).toEqual([]);
  });
});

describe('/watch add refusals', () => {
  it.each([
    ['/watch add', 'Add what?'],
    ['/watch add person bob', 'Unknown kind "person"'],
    ['/watch add brand', 'Give the brand name'],
    ['/watch add brand @foo', '"@foo" is not a brand name'],
    ['/watch add brand Foo @bad-handle', '"@bad-handle" is not an alias'],
    ['/watch add brand Foo a b c d e f g h i j', 'Too many words (11)'],
    ['/watch add jobs', 'No words to look for'],
    ['/watch add jobs - ( )', '"(" at position 3'],
    ['/watch add topic ""', 'No words to look for'],
    ['/watch add expert', 'Give one X username'],
    ['/watch add expert @a @b', 'Give one X username'],
    ['/watch add expert @this_is_too_long_1', 'Give one X username'],
    ['/watch add expert @bad-handle', 'Give one X username'],
  ])('%s', async (command, fragment) => {
    const reply = await send(command);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain(fragment);
    expect(textOf(reply)).toContain('Usage: /watch add brand <name>');
    expect(chatRows()).toEqual([]);
  });

  it('refuses in Russian', async () => {
    const reply = await send('/watch add expert @bad-handle', ru(team));
    expect(textOf(reply)).toContain('Укажите один ник в X');
    expect(textOf(reply)).toContain('Как писать: /watch add brand <название>');
  });

  it('refuses duplicates in this chat and of the config, but not of another chat', async () => {
    await send('/watch add topic rust OR "code review"');
    const again = await send('/watch add topic RUST OR "Code Review"');
    expect(again.tone).toBe('refusal');
    expect(textOf(again)).toMatch(/topic "rust, "code review"" is already watched \(#\d+\)/);
    const ofConfig = await send('/watch add expert @KATE_BACKEND');
    expect(textOf(ofConfig)).toContain('from the config, for everyone');
    expect(textOf(await send('/watch add brand yandex', ru(team)))).toContain('уже отслеживается');
    expect((await send('/watch add topic rust OR "code review"', other)).tone).toBe('normal');
    expect(chatRows()).toHaveLength(1);
  });

  it("refuses a watch whose search does not fit the tier's query length", async () => {
    const small = createRegistry([createWatchCommand({ watches, queryMaxLength: 64 })], {
      logger: silentLogger(),
    });
    const long = '/watch add jobs extraordinarily comprehensive internationalization opportunities available';
    const reply = await send(long, team, small);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain('does not fit the X query limit of 64 characters');
    expect(textOf(await send(long, ru(team), small))).toContain(
      'не помещается в лимит запроса X в 64 символов',
    );
    const many = await send(
      '/watch add brand Москва Сибирь Казань Самара Тверь Пермь Уфа Омск Чита Тула',
      team,
      createRegistry([createWatchCommand({ watches, queryMaxLength: 64, maxQueriesPerWatch: 3 })], {
        logger: silentLogger(),
      }),
    );
    expect(many.tone).toBe('refusal');
    expect(chatRows()).toEqual([]);
    expect((await send('/watch add jobs golang', team, small)).tone).toBe('normal');
  });
});

describe('/watch remove', () => {
  it("removes this chat's watch", async () => {
    await send('/watch add topic rust');
    const id = chatRows()[0]?.id;
    const reply = await send(`/watch remove ${id}`);
    expect(textOf(reply)).toContain(`Stopped watching topic "rust" (#${id}).`);
    expect(chatRows()[0]?.removed_at).toBe(DEMO_NOW);
  });

  it('refuses config watches, saying why', async () => {
    const id = configIds()[0];
    const reply = await send(`/watch remove #${id}`);
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain(`#${id} comes from the config file and applies to everyone`);
    expect(textOf(await send(`/watch remove ${id}`, ru(team)))).toContain('из чата его не удалить');
    expect(db.prepare('SELECT count(*) FROM watches WHERE removed_at IS NOT NULL').pluck().get()).toBe(0);
  });

  it("refuses another chat's watch and bad ids", async () => {
    await send('/watch add topic zig', other);
    const id = chatRows(other.chat.id)[0]?.id;
    expect(textOf(await send(`/watch remove ${id}`))).toContain(`This chat has no watch #${id}.`);
    expect(chatRows(other.chat.id)[0]?.removed_at).toBeNull();
    for (const bad of ['', 'abc', '1 2', '#']) {
      const reply = await send(`/watch remove ${bad}`);
      expect(reply.tone).toBe('refusal');
      expect(textOf(reply)).toContain('Usage: /watch');
    }
  });
});

describe('permissions in groups and channels', () => {
  it('lets a non-admin list but not add or remove', async () => {
    await send('/watch add topic rust');
    const id = chatRows()[0]?.id;
    const add = await send('/watch add topic zig', member);
    expect(add.tone).toBe('refusal');
    expect(textOf(add)).toContain('Only admins of this chat can change what it watches');
    const remove = await send(`/watch remove ${id}`, ru(member));
    expect(remove.tone).toBe('refusal');
    expect(textOf(remove)).toContain('только администраторы');
    expect(chatRows()).toHaveLength(1);
    expect(chatRows()[0]?.removed_at).toBeNull();
    expect(textOf(await send('/watch list', member))).toContain('topic: rust');
    const channel = { ...member, chat: { id: 'telegram:-300', kind: 'channel' as const } };
    expect((await send('/watch add topic zig', channel)).tone).toBe('refusal');
    expect(chatRows('telegram:-300')).toEqual([]);
  });

  it('refuses an unknown subcommand', async () => {
    const reply = await send('/watch follow rust');
    expect(reply.tone).toBe('refusal');
    expect(textOf(reply)).toContain('Unknown subcommand "follow"');
  });
});
