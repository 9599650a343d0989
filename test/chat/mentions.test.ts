import { beforeAll, describe, expect, it } from 'vitest';
import { createMentionsCommand } from '../../commands/mentions.js';
import type { CommandContext } from '../../src/chat/context.js';
import { type CommandRegistry, createRegistry } from '../../src/chat/registry.js';
import type { Reply, ReplyBlock } from '../../src/chat/reply.js';
import { silentLogger } from '../../src/logger.js';
import type { Db } from '../../src/store/database.js';
import { createMentionQueries } from '../../src/store/mention-queries.js';
import { DEMO_NOW, demoStore, makeContext } from './demo-store.js';

const DAY = 86_400_000;
const MSK = 3 * 3_600_000; // Europe/Moscow has no DST: UTC+3 all year.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let db: Db;
let registry: CommandRegistry;
let quiet: CommandRegistry;

beforeAll(async () => {
  const demo = await demoStore();
  db = demo.db;
  const deps = { queries: createMentionQueries(db), watches: demo.stores.watches };
  registry = createRegistry([createMentionsCommand(deps)], { logger: silentLogger() });
  quiet = createRegistry([createMentionsCommand({ ...deps, renderChart: false })], {
    logger: silentLogger(),
  });
});

async function ask(text: string, ctx: Partial<CommandContext> = {}, reg = quiet): Promise<Reply> {
  const reply = await reg.dispatch(text, makeContext(ctx));
  if (!reply) throw new Error(`not a command: ${text}`);
  return reply;
}

function figures(reply: Reply, heading?: string) {
  const block = reply.blocks.find(
    (b): b is Extract<ReplyBlock, { type: 'figures' }> => b.type === 'figures' && b.heading === heading,
  );
  if (!block) throw new Error(`no figures "${heading}" in ${JSON.stringify(reply)}`);
  return block.figures;
}

function items(reply: Reply, heading: string) {
  const block = reply.blocks.find(
    (b): b is Extract<ReplyBlock, { type: 'items' }> => b.type === 'items' && b.heading === heading,
  );
  if (!block) throw new Error(`no items "${heading}"`);
  return block.items;
}

function chartOf(reply: Reply) {
  const block = reply.blocks.find((b): b is Extract<ReplyBlock, { type: 'chart' }> => b.type === 'chart');
  if (!block) throw new Error('no chart');
  return block.chart;
}

/** Tweets mentioning a brand in [from, to), computed here with plain SQL. */
function brandTweets(brand: string, from: number, to: number) {
  return db
    .prepare(`
      SELECT t.seq, t.id, t.created_at AS at, t.likes + t.retweets + t.replies + t.quotes AS eng,
        t.retweet_of AS rt, b.sentiment, a.username
      FROM tweets t JOIN brand_mention_tweets b ON b.tweet_seq = t.seq AND b.brand = ? JOIN authors a ON a.id = t.author_id
      WHERE t.seq IN (SELECT tweet_seq FROM brand_mentions WHERE brand = ?) AND t.created_at >= ? AND t.created_at < ?`)
    .all(brand, brand, from, to) as {
    seq: number;
    id: string;
    at: number;
    eng: number;
    rt: string | null;
    sentiment: string;
    username: string;
  }[];
}

/** Every stored tweet's folded words, for independent full-text expectations. */
function allTweets() {
  return (
    db.prepare('SELECT seq, text, created_at AS at, mentions FROM tweets').all() as {
      seq: number;
      text: string;
      at: number;
      mentions: string;
    }[]
  ).map((r) => ({
    ...r,
    words:
      r.text
        .normalize('NFKC')
        .toLowerCase()
        .replaceAll('ё', 'е')
        .match(/[\p{L}\p{N}]+/gu) ?? ([] as string[]),
  }));
}

const pct = (n: number) => `${Math.round(n * 100)}%`;

describe('/mentions of a configured brand', () => {
  it('counts this period against the previous one, with Δ%', async () => {
    const now = brandTweets('Yandex', DEMO_NOW - 7 * DAY, DEMO_NOW);
    const before = brandTweets('Yandex', DEMO_NOW - 14 * DAY, DEMO_NOW - 7 * DAY);
    expect(now.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    const reply = await ask('/mentions yandex');
    expect(reply.tone).toBe('normal');
    expect(reply.title).toBe('Mentions of Yandex · 7 days');
    const [mentions] = figures(reply);
    expect(mentions?.value).toBe(String(now.length));
    const delta = Math.round(((now.length - before.length) / before.length) * 100);
    expect(mentions?.note).toBe(
      `${delta > 0 ? '+' : '−'}${Math.abs(delta)}% vs the previous 7 days (${before.length})`,
    );
  });

  it('splits by sentiment', async () => {
    const now = brandTweets('Yandex', DEMO_NOW - 7 * DAY, DEMO_NOW);
    const reply = await ask('/mentions yandex');
    const split = figures(reply, 'Sentiment');
    for (const [label, tone] of [
      ['Positive', 'positive'],
      ['Neutral', 'neutral'],
      ['Negative', 'negative'],
    ] as const) {
      const n = now.filter((r) => r.sentiment === tone).length;
      expect(split.find((f) => f.label === label)).toEqual({
        label,
        value: String(n),
        note: pct(n / now.length),
      });
    }
  });

  it('lists the most engaging original tweet first, with its link', async () => {
    const now = brandTweets('Yandex', DEMO_NOW - 7 * DAY, DEMO_NOW)
      .filter((r) => r.rt === null)
      .sort((a, b) => b.eng - a.eng || b.at - a.at);
    const best = now[0]!;
    const reply = await ask('/mentions yandex');
    const top = items(reply, 'Top mentions by engagement');
    expect(top.length).toBe(Math.min(5, now.length));
    expect(top[0]?.link).toBe(`https://x.com/${best.username}/status/${best.id}`);
    expect(top[0]?.metrics?.[0]).toMatch(/^♥ \d/);
    const authors = items(reply, 'Top authors by reach');
    expect(authors.length).toBeGreaterThan(0);
  });

  it('counts per Moscow day in the chart, and the previous period ghosted', async () => {
    const from = DEMO_NOW - 7 * DAY;
    const now = brandTweets('Yandex', from, DEMO_NOW);
    const perDay = new Map<string, number>();
    for (const r of now) {
      const d = new Date(r.at + MSK);
      const key = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    const reply = await ask('/mentions yandex', {}, registry);
    const chart = chartOf(reply);
    for (const [day, n] of perDay) {
      expect(chart.alt).toContain(`${day}: ${n}`);
      expect(chart.svg).toContain(`>${day}</text>`);
    }
    // The spike: the last Moscow day holds the most.
    const last = new Date(DEMO_NOW - 60_000 + MSK);
    const lastKey = `${last.getUTCDate()} ${MONTHS[last.getUTCMonth()]}`;
    expect(Math.max(...perDay.values())).toBe(perDay.get(lastKey));
    expect([...chart.png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(chart.png.length).toBeGreaterThan(2_000);
    expect(chart.png.length).toBeLessThan(500_000);
    expect(chart.filename).toBe('mentions-yandex-7d.png');
  });

  it('shows the hourly spike over 24h in Moscow hours', async () => {
    const now = brandTweets('Yandex', DEMO_NOW - DAY, DEMO_NOW);
    const perHour = new Map<string, number>();
    for (const r of now) {
      const key = `${String(new Date(r.at + MSK).getUTCHours()).padStart(2, '0')}:00`;
      perHour.set(key, (perHour.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perHour.values())).toBeGreaterThanOrEqual(10);
    const chart = chartOf(await ask('/mentions yandex 24h', {}, registry));
    for (const [hour, n] of perHour) expect(chart.alt).toContain(`${hour}: ${n}`);
  });

  it('gives the share of voice against the competitors', async () => {
    const from = DEMO_NOW - 7 * DAY;
    const n = (b: string) => brandTweets(b, from, DEMO_NOW).length;
    const total = n('Yandex') + n('Sber') + n('VK');
    const share = figures(await ask('/mentions yandex'), 'Share of voice');
    expect(share.map((f) => [f.label, f.value])).toEqual([
      ['Yandex', pct(n('Yandex') / total)],
      ['Sber', pct(n('Sber') / total)],
      ['VK', pct(n('VK') / total)],
    ]);
  });

  it('finds the brand by any alias, inflection or case; quotes and @ search the text and the account', async () => {
    const base = await ask('/mentions yandex 30d');
    for (const spelling of ['Яндекс', 'ЯНДЕКС', 'Яндексе', 'яндекса', 'Yandex.ru']) {
      const reply = await ask(`/mentions ${spelling} 30d`);
      expect(reply.title, spelling).toBe(base.title);
      expect(figures(reply)[0]?.value, spelling).toBe(figures(base)[0]?.value);
    }
    expect(base.footer).not.toContain('/watch add');
    expect((await ask('/mentions "Яндекс" 30d')).title).toBe('Mentions of "яндекс" · 30 days');
    expect((await ask('/mentions @yandex 30d')).title).toBe('Mentions of @yandex · 30 days');
  });

  it('answers in Russian', async () => {
    const reply = await ask('/mentions Яндекс 7д', { lang: 'ru' }, registry);
    expect(reply.title).toBe('Упоминания Yandex · 7 дней');
    expect(figures(reply)[0]?.label).toBe('Упоминаний');
    expect(figures(reply)[0]?.note).toMatch(/к предыдущим 7 дням \(\d+\)$/);
    expect(figures(reply, 'Тональность').map((f) => f.label)).toEqual([
      'Позитивных',
      'Нейтральных',
      'Негативных',
    ]);
    expect(figures(reply, 'Доля упоминаний')).toHaveLength(3);
    expect(chartOf(reply).svg).toContain('нояб');
    expect(reply.footer).toContain('Europe/Moscow');
  });
});

describe('/mentions of a word, phrase or account', () => {
  const inWindow = (at: number, days: number) => at >= DEMO_NOW - days * DAY && at < DEMO_NOW;

  it('searches a Russian word with its inflections', async () => {
    const tweets = allTweets().filter((t) => inWindow(t.at, 30));
    // Stem "ваканс" + at most 4 letters: вакансия, вакансии, вакансий, вакансию…
    const expected = tweets.filter((t) => t.words.some((w) => w.startsWith('ваканс') && w.length <= 10));
    const exact = tweets.filter((t) => t.words.includes('вакансия'));
    expect(expected.length).toBeGreaterThan(exact.length);
    for (const spelling of ['вакансия', 'вакансии', 'Вакансий']) {
      const reply = await ask(`/mentions ${spelling} 30d`);
      expect(figures(reply)[0]?.value, spelling).toBe(String(expected.length));
      expect(reply.footer).toContain('/watch add brand');
    }
  });

  it('searches an English word and a quoted phrase', async () => {
    const tweets = allTweets().filter((t) => inWindow(t.at, 30));
    const word = tweets.filter((t) => t.words.includes('typescript')).length;
    expect(word).toBeGreaterThan(0);
    expect(figures(await ask('/mentions TypeScript 30d'))[0]?.value).toBe(String(word));
    const phrase = tweets.filter((t) =>
      t.words.some((w, i) => w === 'code' && t.words[i + 1] === 'review'),
    ).length;
    expect(phrase).toBeGreaterThan(0);
    const reply = await ask('/mentions "Code Review" 30d');
    expect(figures(reply)[0]?.value).toBe(String(phrase));
    expect(reply.footer).toContain('/watch add brand "code review"');
  });

  it('searches mentions of an @handle', async () => {
    const expected = allTweets().filter(
      (t) =>
        inWindow(t.at, 30) &&
        (t.text.toLowerCase().includes('@kate_backend') ||
          (JSON.parse(t.mentions) as string[]).some((m) => m.toLowerCase() === 'kate_backend')),
    );
    expect(expected.length).toBeGreaterThan(0);
    const reply = await ask('/mentions @Kate_Backend 30d');
    expect(reply.title).toBe('Mentions of @kate_backend · 30 days');
    expect(figures(reply)[0]?.value).toBe(String(expected.length));
  });

  it('answers zero results briefly, offering to watch it', async () => {
    const reply = await ask('/mentions qwertyuiop');
    expect(reply.tone).toBe('normal');
    expect(reply.blocks).toEqual([
      {
        type: 'text',
        text: 'No mentions of "qwertyuiop" in the last 7 days. Try a longer period: /mentions qwertyuiop 30d',
      },
    ]);
    expect(reply.footer).toContain('/watch add brand qwertyuiop');
    const ru = await ask('/mentions абвгдейка', { lang: 'ru' });
    expect(ru.blocks[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('упоминаний «абвгдейка» нет'),
    });
    expect(ru.footer).toContain('не отслеживается');
  });
});

describe('/mentions input checks', () => {
  it('refuses an unknown period, naming it, with the usage', async () => {
    for (const [args, bad] of [
      ['yandex 14d', '14d'],
      ['yandex 2w', '2w'],
      ['yandex 48h', '48h'],
    ]) {
      const reply = await ask(`/mentions ${args}`);
      expect(reply.tone, args).toBe('refusal');
      const text = reply.blocks[0]?.type === 'text' ? reply.blocks[0].text : '';
      expect(text).toContain(`"${bad}"`);
      expect(text).toContain('at position 8');
      expect(text).toContain('Usage: /mentions <query> [24h | 7d | 30d | 90d');
    }
    const ru = await ask('/mentions яндекс 14д', { lang: 'ru' });
    expect(ru.tone).toBe('refusal');
    expect(ru.blocks[0]).toMatchObject({
      text: expect.stringContaining('«14д» (позиция 8) — непонятный период'),
    });
    expect(ru.blocks[0]).toMatchObject({ text: expect.stringContaining('Как писать: /mentions') });
  });

  it('refuses an empty target or a bare period', async () => {
    for (const args of ['', '7d', '🙂', '"" 7d', '@', '*']) {
      const reply = await ask(`/mentions ${args}`);
      expect(reply.tone, args).toBe('refusal');
    }
  });

  it('accepts every period spelling', async () => {
    for (const [p, title] of [
      ['24h', '24 hours'],
      ['1d', '24 hours'],
      ['7D', '7 days'],
      ['1w', '7 days'],
      ['30d', '30 days'],
      ['30д', '30 days'],
      ['90d', '90 days'],
      ['from 2026-11-01 to 2026-11-20', '2026-11-01 – 2026-11-20'],
    ]) {
      expect((await ask(`/mentions yandex ${p}`)).title).toBe(`Mentions of Yandex · ${title}`);
    }
  });

  it('never crashes on hostile input', async () => {
    const hostile = [
      '"',
      '"*"',
      '(',
      'NEAR(a b)',
      '"NEAR(a b)"',
      '"a OR b"',
      '"-yandex"',
      'yandex*',
      '"yandex*" 30d',
      'from:yandex',
      '"from:yandex lang:ru" 30d',
      '"unbalanced',
      'a"b',
      '"a""b"',
      '"x\u0000y\u0007z"',
      '"\u202eyandex"',
      '🙂🙂 30d',
      '"🙂 яндекс 🙂"',
      '{col1 col2}:x',
      '^start',
      "'; DROP TABLE tweets; --",
      '#яндекс',
      '@___',
      '@toolonghandle_with_more_than_15',
      `"${'я'.repeat(190)}"`,
      `"${'а '.repeat(95)}"`,
      'x'.repeat(200),
      `${'ab '.repeat(66)}`,
    ];
    for (const args of hostile) {
      const reply = await ask(`/mentions ${args}`);
      expect(reply.tone, args).not.toBe('error');
    }
    // The store is intact.
    expect((db.prepare('SELECT count(*) AS n FROM tweets').get() as { n: number }).n).toBe(441);
  });
});

describe('/mentions a vs b vs c', () => {
  it('compares brands and words: share of voice, one line per query, sentiment side by side', async () => {
    const from = DEMO_NOW - 30 * DAY;
    const counts = ['Yandex', 'Sber', 'VK'].map((b) => brandTweets(b, from, DEMO_NOW).length);
    const words = allTweets().filter(
      (t) => t.at >= from && t.at < DEMO_NOW && t.words.includes('typescript'),
    ).length;
    const total = counts.reduce((a, b) => a + b, 0) + words;
    const reply = await ask('/mentions yandex vs сбер vs VK vs typescript 30d', {}, registry);
    expect(reply.title).toBe('Mentions compared · 30 days');
    const share = figures(reply, 'Share of voice');
    expect(share.map((f) => [f.label, f.value])).toEqual([
      ['Yandex', pct(counts[0]! / total)],
      ['Sber', pct(counts[1]! / total)],
      ['VK', pct(counts[2]! / total)],
      ['"typescript"', pct(words / total)],
    ]);
    expect(share[0]?.note).toMatch(new RegExp(`^${counts[0]} mentions`));
    expect(chartOf(reply).svg.match(/<polyline/g)).toHaveLength(4);
    expect(figures(reply, 'Sentiment').map((f) => f.label)).toEqual(['Yandex', 'Sber', 'VK', '"typescript"']);
    const ru = await ask('/mentions яндекс против сбер 7d', { lang: 'ru' });
    expect(ru.title).toBe('Сравнение упоминаний · 7 дней');
  });

  it('names the query and position of a problem in any part', async () => {
    const reply = await ask('/mentions yandex vs (sber');
    expect(reply.tone).toBe('refusal');
    expect(reply.blocks[0]).toMatchObject({
      text: expect.stringContaining('The "(" at position 11 is not closed.'),
    });
    const inside = await ask('/mentions yandex vs (sber 30d)');
    expect(inside.blocks[0]).toMatchObject({
      text: expect.stringContaining('"30d" at position 17: a period applies'),
    });
    const two = await ask('/mentions yandex 7d vs sber 30d');
    expect(two.blocks[0]).toMatchObject({
      text: expect.stringContaining('"30d" at position 19 is a second period'),
    });
  });
});
