import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseEngagementPeriod } from '../../commands/args/engagement-period.js';
import { createEngagementCommand, type EngagementDeps } from '../../commands/engagement.js';
import type { Lang } from '../../src/chat/i18n.js';
import { formatNumber, formatPercent } from '../../src/chat/i18n.js';
import { type CommandRegistry, createRegistry } from '../../src/chat/registry.js';
import type { Chart, Figure, Reply, ReplyItem } from '../../src/chat/reply.js';
import { silentLogger } from '../../src/logger.js';
import { createEngagementQueries } from '../../src/store/engagement-queries.js';
import type { Watch } from '../../src/watch/types.js';
import { DEMO_NOW, demoStore, makeContext } from './demo-store.js';

type Store = Awaited<ReturnType<typeof demoStore>>;
const DAY = 86_400_000;

/** The demo corpus as written: expected figures come from here, not from the command. */
interface CorpusTweet {
  key: string;
  by: string;
  text: string;
  m?: number[];
  reply_to?: string;
  retweet?: string;
}
const corpus = parse(readFileSync('data/demo/corpus.yaml', 'utf8')) as {
  authors: { username: string; followers_count: number }[];
  tweets: CorpusTweet[];
};

const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (lang: Lang, x: number) => formatPercent(lang, x, 2);

/** Expected 30-day figures of an expert straight from the corpus (all 14 corpus days are within 30). */
function expectedFromCorpus(handle: string) {
  const followers = corpus.authors.find((a) => a.username === handle)?.followers_count as number;
  const originals = corpus.tweets.filter((tw) => tw.by === handle && !tw.reply_to && !tw.retweet);
  const rows = originals.map((tw) => {
    const [likes, retweets, replies, quotes, , impressions] = tw.m as number[];
    const e = (likes as number) + (retweets as number) + (replies as number) + (quotes as number);
    return { text: tw.text, byF: e / followers, byI: e / (impressions as number) };
  });
  const byF = rows.map((r) => r.byF);
  const sorted = [...rows].sort((a, b) => b.byF - a.byF);
  return {
    count: rows.length,
    medianF: med(byF),
    meanF: avg(byF),
    medianI: med(rows.map((r) => r.byI)),
    meanI: avg(rows.map((r) => r.byI)),
    best: sorted[0] as (typeof rows)[number],
    worst: sorted.at(-1) as (typeof rows)[number],
  };
}

function ratingOf(er: number, lang: Lang): string {
  const names = {
    en: ['excellent', 'good', 'fair', 'low: an inert audience'],
    ru: ['отлично', 'хорошо', 'средне', 'низко: «мёртвые души»'],
  }[lang];
  return (er >= 0.05 ? names[0] : er >= 0.03 ? names[1] : er >= 0.015 ? names[2] : names[3]) as string;
}

function figures(reply: Reply): Figure[] {
  return reply.blocks.flatMap((b) => (b.type === 'figures' ? b.figures : []));
}
function figure(reply: Reply, label: string): Figure {
  const found = figures(reply).find((f) => f.label === label);
  if (!found)
    throw new Error(`no figure "${label}" in ${JSON.stringify(figures(reply).map((f) => f.label))}`);
  return found;
}
function items(reply: Reply, heading: string): ReplyItem[] {
  return reply.blocks.flatMap((b) => (b.type === 'items' && b.heading === heading ? b.items : []));
}
function chart(reply: Reply): Chart | undefined {
  for (const b of reply.blocks) if (b.type === 'chart') return b.chart;
  return undefined;
}
function text(reply: Reply): string {
  return reply.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
}
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

let store: Store;
let registry: CommandRegistry;

function deps(over: Partial<EngagementDeps> = {}): EngagementDeps {
  return {
    queries: createEngagementQueries(store.db),
    watches: () => store.stores.watches.list(),
    source: null,
    ingestor: store.ingestor,
    usage: store.stores.usage,
    transaction: store.stores.transaction,
    monthlyReadBudget: 15_000,
    ...over,
  };
}
const registryOf = (d: EngagementDeps) =>
  createRegistry([createEngagementCommand(d)], { logger: silentLogger() });
const ask = async (line: string, lang: Lang = 'en', reg = registry) =>
  (await reg.dispatch(line, makeContext({ lang }))) as Reply;

beforeAll(async () => {
  store = await demoStore();
  registry = registryOf(deps());
});

describe('/engagement on the demo store', () => {
  for (const handle of ['dan_a_demo', 'kate_backend', 'ilya_sre']) {
    it(`reports ${handle}'s 30-day figures as computed from the corpus`, async () => {
      const x = expectedFromCorpus(handle);
      expect(x.count).toBe(11);
      const reply = await ask(`/engagement @${handle}`);
      expect(reply.tone).toBe('normal');
      expect(reply.title).toBe(`Engagement of @${handle}, last 30 days`);
      expect(figure(reply, 'Original tweets').value).toBe(String(x.count));
      expect(figure(reply, 'Median ER by followers').value).toBe(pct('en', x.medianF));
      expect(figure(reply, 'Mean ER by followers').value).toBe(pct('en', x.meanF));
      expect(figure(reply, 'Median ER by impressions').value).toBe(pct('en', x.medianI));
      expect(figure(reply, 'Mean ER by impressions').value).toBe(pct('en', x.meanI));
      expect(figure(reply, 'Median ER by followers').note).toContain('followers');
      expect(figure(reply, 'Median ER by impressions').note).toContain('impressions');
      expect(figure(reply, 'Rating').value).toBe(ratingOf(x.medianF, 'en'));
      // The corpus spans 14 days: nothing to compare with 30–60 days ago.
      expect(figure(reply, 'Trend (median by followers)').value).toBe('—');

      const [best] = items(reply, 'Best tweet');
      const [worst] = items(reply, 'Worst tweet');
      expect(flat(x.best.text).startsWith(best?.text.replace(/…$/, '') ?? '?')).toBe(true);
      expect(flat(x.worst.text).startsWith(worst?.text.replace(/…$/, '') ?? '?')).toBe(true);
      expect(best?.metrics?.[0]).toBe(`ER ${pct('en', x.best.byF)}`);
      expect(worst?.metrics?.[0]).toBe(`ER ${pct('en', x.worst.byF)}`);
      for (const item of [best, worst]) {
        const id = /^https:\/\/x\.com\/([A-Za-z0-9_]+)\/status\/(\d+)$/.exec(item?.link ?? '');
        expect(id?.[1]).toBe(handle);
        const stored = store.db
          .prepare('SELECT text FROM tweets WHERE id = ?')
          .pluck()
          .get(id?.[2]) as string;
        expect(flat(stored).startsWith(item?.text.replace(/…$/, '') ?? '?')).toBe(true);
      }
      const text = reply.blocks.find((b) => b.type === 'text');
      expect(text?.type === 'text' && text.text).toContain('well under 0.1% by followers');
    });
  }

  it('compares 7 days with the 7 before (own SQL), in percentage points', async () => {
    const sql = store.db.prepare(`
      SELECT (t.likes + t.retweets + t.replies + t.quotes) * 1.0 / t.author_followers FROM tweets t
      JOIN authors a ON a.id = t.author_id
      WHERE a.username = ? AND t.reply_to IS NULL AND t.retweet_of IS NULL AND t.created_at >= ? AND t.created_at < ?`);
    for (const handle of ['dan_a_demo', 'kate_backend', 'ilya_sre']) {
      const now = sql.pluck().all(handle, DEMO_NOW - 7 * DAY, DEMO_NOW) as number[];
      const before = sql.pluck().all(handle, DEMO_NOW - 14 * DAY, DEMO_NOW - 7 * DAY) as number[];
      expect(now.length).toBeGreaterThan(0);
      expect(before.length).toBeGreaterThan(0);
      const reply = await ask(`/engagement @${handle} 7d`);
      expect(reply.title).toBe(`Engagement of @${handle}, last 7 days`);
      expect(figure(reply, 'Original tweets').value).toBe(String(now.length));
      expect(figure(reply, 'Median ER by followers').value).toBe(pct('en', med(now)));
      const pp = Math.round((med(now) - med(before)) * 10_000) / 100;
      const trend = figure(reply, 'Trend (median by followers)');
      expect(trend.value).toBe(
        `${pp > 0 ? '+' : pp < 0 ? '−' : '±'}${formatNumber('en', Math.abs(pp), 2)} pp`,
      );
      expect(trend.note).toContain(pct('en', med(before)));
    }
  });

  it('answers in Russian', async () => {
    const x = expectedFromCorpus('kate_backend');
    const reply = await ask('/engagement @kate_backend 30d', 'ru');
    expect(reply.title).toBe('Вовлечённость @kate_backend за 30 дней');
    expect(figure(reply, 'Медиана ER по подписчикам').value).toBe(pct('ru', x.medianF));
    expect(figure(reply, 'Медиана ER по подписчикам').value).toMatch(/^\d+,\d\d%$/);
    expect(figure(reply, 'Среднее ER по показам').value).toBe(pct('ru', x.meanI));
    expect(figure(reply, 'Оценка').value).toBe(ratingOf(x.medianF, 'ru'));
    expect(items(reply, 'Лучший твит')).toHaveLength(1);
    expect(reply.footer).toContain('лайки + ретвиты + ответы + цитаты');
    expect(text(reply)).toContain('заметно ниже 0,1%');
  });

  it('uses configurable thresholds and says when the audience goes inert', async () => {
    const strict = registryOf(deps({ thresholds: { excellent: 0.5, good: 0.3, fair: 0.2 } }));
    const ru = await ask('/engagement @dan_a_demo', 'ru', strict);
    expect(figure(ru, 'Оценка').value).toBe('низко: «мёртвые души»');
    expect(text(ru)).toContain('мёртвые души');
    expect(text(ru)).toContain('от 50,0% — отлично');
    const en = await ask('/engagement @dan_a_demo', 'en', strict);
    expect(text(en)).toContain('inert');
    const lenient = registryOf(deps({ thresholds: { excellent: 0.001, good: 0.0005, fair: 0.0001 } }));
    expect(figure(await ask('/engagement @ilya_sre', 'en', lenient), 'Rating').value).toBe('excellent');
    expect(() =>
      createEngagementCommand(deps({ thresholds: { excellent: 0.01, good: 0.03, fair: 0.015 } })),
    ).toThrow(/must rise/);
    expect(() => createEngagementCommand(deps({ thresholds: { excellent: 5, good: 3, fair: 1.5 } }))).toThrow(
      /ratio/,
    );
  });

  it('draws a valid PNG chart with one dot per tweet and the threshold lines', async () => {
    const reply = await ask('/engagement @ilya_sre 90d');
    const c = chart(reply);
    expect(c).toBeDefined();
    const png = Buffer.from(c?.png ?? []);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.readUInt32BE(20)).toBe(420);
    expect(png.length).toBeGreaterThan(5_000);
    expect(c?.svg.match(/<circle /g)).toHaveLength(11);
    expect(c?.svg.match(/stroke-dasharray/g)).toHaveLength(3);
    expect(c?.svg).toContain('5.0% excellent');
    expect(c?.filename).toBe('engagement-ilya_sre-90d.png');
    expect(c?.alt).toContain('11 original tweets');
  });
});

describe('/engagement arguments', () => {
  it('reads periods 7d, 30d and 90d in several spellings and refuses others', () => {
    expect(parseEngagementPeriod('7d', 'en')).toBe(7);
    expect(parseEngagementPeriod('30Д', 'ru')).toBe(30);
    expect(parseEngagementPeriod('90дней', 'ru')).toBe(90);
    expect(parseEngagementPeriod('30', 'en')).toBe(30);
    expect(() => parseEngagementPeriod('14d', 'en')).toThrow(/7d, 30d or 90d/);
    expect(() => parseEngagementPeriod('7w', 'ru')).toThrow(/7d, 30d или 90d/);
  });

  it('defaults to 30 days and accepts "90 дней" written apart', async () => {
    expect((await ask('/engagement @ilya_sre')).title).toContain('last 30 days');
    expect((await ask('/engagement @ilya_sre 90 дней', 'ru')).title).toBe(
      'Вовлечённость @ilya_sre за 90 дней',
    );
  });

  const refusals: [string, Lang, RegExp][] = [
    ['/engagement', 'en', /Name an account/],
    ['/engagement 7d', 'ru', /Сначала укажите аккаунт/],
    ['/engagement @dan_a_demo 14d', 'en', /“14d” is not a period/],
    ['/engagement @dan_a_demo 2w', 'ru', /«2w» — непонятный период/],
    ['/engagement @bad-handle', 'en', /not an X handle/],
    ['/engagement @this_handle_is_too_long', 'ru', /от 1 до 15 латинских букв/],
    ['/engagement @', 'en', /not an X handle/],
    ['/engagement @dan_a_demo @kate_backend', 'en', /One account at a time/],
    ['/engagement Tinkoff', 'en', /No brand “Tinkoff” is watched \(brands: Yandex, Sber, VK\)\. .*@Tinkoff/],
    ['/engagement Тинькофф', 'ru', /Бренда «Тинькофф» нет среди наблюдаемых/],
  ];
  for (const [line, lang, message] of refusals) {
    it(`refuses "${line}" (${lang}) with the reason and the usage`, async () => {
      const reply = await ask(line, lang);
      expect(reply.tone).toBe('refusal');
      expect(text(reply)).toMatch(message);
      expect(text(reply)).toContain(
        lang === 'en'
          ? 'Usage: /engagement <@handle | brand> [7d | 30d | 90d] (30d by default)'
          : 'Как писать: /engagement <@аккаунт | бренд> [7d | 30d | 90d] (по умолчанию 30d)',
      );
    });
  }
});

describe('/engagement brands', () => {
  const extra = (spec: Watch['spec'], chatId = ''): Watch => ({
    id: 9_000 + Math.floor(Math.random() * 1000),
    chatId,
    origin: 'chat',
    spec,
    specHash: 'test',
  });

  it("maps a brand (by name or alias, any case) to its @handle alias; demo mode explains what's needed", async () => {
    for (const [word, handle] of [
      ['Yandex', 'yandex'],
      ['яндекс', 'yandex'],
      ['Сбербанк', 'sberbank'],
      ['sber', 'sberbank'],
      ['VK', 'vk'],
    ] as const) {
      const reply = await ask(`/engagement ${word}`);
      expect(reply.tone).toBe('refusal');
      expect(text(reply)).toContain(`@${handle} is not in Kestrel's store yet`);
      expect(text(reply)).toContain('X_BEARER_TOKEN');
      expect(text(reply)).toContain('README');
      expect(text(reply)).toContain('@dan_a_demo, @kate_backend, @ilya_sre');
    }
    const ru = await ask('/engagement Яндекс 7d', 'ru');
    expect(text(ru)).toContain('Аккаунта @yandex ещё нет в базе Kestrel');
    expect(text(ru)).toContain('X_BEARER_TOKEN');
  });

  it('answers for a brand whose handle is a stored account, and refuses a brand without an @handle', async () => {
    const watches = () => [
      ...store.stores.watches.list(),
      extra({
        kind: 'brand',
        name: 'KateCo',
        aliases: ['Кейтко', '@kate_backend'],
        exclude: [],
        competitor: false,
      }),
      extra({
        kind: 'brand',
        name: 'Tinkoff',
        aliases: ['Тинькофф', 'tinkoff.ru'],
        exclude: [],
        competitor: true,
      }),
      extra(
        { kind: 'brand', name: 'Elsewhere', aliases: ['@ilya_sre'], exclude: [], competitor: false },
        'console:other-chat',
      ),
    ];
    const reg = registryOf(deps({ watches }));
    const x = expectedFromCorpus('kate_backend');
    const answered = await ask('/engagement кейтко', 'ru', reg);
    expect(answered.title).toBe('Вовлечённость @kate_backend за 30 дней');
    expect(figure(answered, 'Медиана ER по подписчикам').value).toBe(pct('ru', x.medianF));

    const noHandle = await ask('/engagement Tinkoff', 'en', reg);
    expect(noHandle.tone).toBe('refusal');
    expect(text(noHandle)).toContain('The brand Tinkoff has no @handle among its aliases');
    expect(text(noHandle)).toContain('/engagement @handle');
    const noHandleRu = await ask('/engagement тинькофф', 'ru', reg);
    expect(text(noHandleRu)).toContain('У бренда Tinkoff среди алиасов нет @аккаунта');

    // Another chat's brand watch is not this chat's brand.
    expect(text(await ask('/engagement Elsewhere', 'en', reg))).toContain('No brand “Elsewhere” is watched');
  });
});

describe('/engagement in demo mode without tweets', () => {
  it('says a known account has no tweets in the period and what would fetch them', async () => {
    const reply = (await registry.dispatch(
      '/engagement @ilya_sre 7d',
      makeContext({ now: DEMO_NOW + 60 * DAY }),
    )) as Reply;
    expect(reply.tone).toBe('refusal');
    expect(text(reply)).toContain('Kestrel stores no original tweets of @ilya_sre from the last 7 days');
    expect(text(reply)).toContain('X_BEARER_TOKEN');
  });

  it('says an unknown account is not stored and a token is needed', async () => {
    const reply = await ask('/engagement @nobody_here', 'ru');
    expect(reply.tone).toBe('refusal');
    expect(text(reply)).toContain('Аккаунта @nobody_here ещё нет в базе Kestrel');
    expect(text(reply)).toContain('задайте X_BEARER_TOKEN');
  });
});

describe('engagement queries', () => {
  it('falls back to the nearest follower snapshot, skips replies and retweets, and keeps missing impressions', async () => {
    const { openDatabase } = await import('../../src/store/database.js');
    const { createTweetWriter } = await import('../../src/store/tweet-store.js');
    const db = openDatabase(':memory:');
    const writer = createTweetWriter(db);
    const author = {
      id: '42',
      username: 'Snap_Shot',
      name: 'Snap',
      description: '',
      following: 1,
      tweetCount: 10,
      verified: false,
      createdAt: null,
    };
    const T = Date.UTC(2026, 0, 10);
    const tweet = (
      id: string,
      at: number,
      refs: { type: 'replied_to' | 'retweeted'; id: string }[] = [],
    ) => ({
      id,
      authorId: '42',
      text: `tweet ${id}`,
      createdAt: at,
      lang: 'en',
      conversationId: id,
      references: refs,
      urls: [],
      mentions: [],
      hashtags: [],
      metrics: {
        likes: 10,
        retweets: 5,
        replies: 3,
        quotes: 2,
        bookmarks: null,
        impressions: id === '2' ? null : 1000,
      },
    });
    writer.save([], [{ ...author, followers: 1000 }], T);
    writer.save([], [{ ...author, followers: 3000 }], T + 10 * DAY);
    // Saved without their author: author_followers is 0, so the snapshot nearest the fetch time counts.
    writer.save([tweet('1', T + DAY)], [], T + DAY);
    writer.save(
      [tweet('2', T + 8 * DAY), tweet('3', T + 8 * DAY, [{ type: 'replied_to', id: '1' }])],
      [],
      T + 8 * DAY,
    );
    writer.save([tweet('4', T + 9 * DAY, [{ type: 'retweeted', id: '1' }])], [], T + 9 * DAY);
    const q = createEngagementQueries(db);
    expect(q.accountByUsername('snap_shot')).toMatchObject({
      id: '42',
      username: 'Snap_Shot',
      followers: 3000,
    });
    expect(q.accountByUsername('nobody')).toBeNull();
    const rows = q.originalTweets('42', T, T + 20 * DAY);
    expect(rows.map((r) => [r.id, r.followers, r.impressions])).toEqual([
      ['1', 1000, 1000],
      ['2', 3000, null],
    ]);
    expect(q.originalTweets('42', T + 2 * DAY, T + 8 * DAY)).toEqual([]);
    db.close();
  });
});

describe('engagement rate arithmetic', () => {
  it('leaves out tweets without followers or impressions from the matching rate only', async () => {
    const { summarize } = await import('../../src/engagement/rate.js');
    const base = { text: 't', likes: 6, retweets: 2, replies: 1, quotes: 1, createdAt: 0 };
    const s = summarize([
      { ...base, id: '1', followers: 100, impressions: 1000 },
      { ...base, id: '2', followers: 0, impressions: 500, createdAt: 5 },
      { ...base, id: '3', followers: 400, impressions: null, likes: 36, createdAt: 9 },
    ]);
    expect(s.tweets.map((tw) => [tw.engagements, tw.erByFollowers, tw.erByImpressions])).toEqual([
      [10, 0.1, 0.01],
      [10, null, 0.02],
      [40, 0.1, null],
    ]);
    expect(s.byFollowers).toEqual({ count: 2, median: 0.1, mean: 0.1 });
    expect(s.byImpressions?.count).toBe(2);
    expect(s.byImpressions?.median).toBeCloseTo(0.015, 12);
    // Equal ER: the newer tweet wins both ways.
    expect(s.best?.id).toBe('3');
    expect(s.worst?.id).toBe('3');
    expect(summarize([{ ...base, id: '4', followers: 0, impressions: null }])).toMatchObject({
      byFollowers: null,
      byImpressions: null,
      best: null,
      worst: null,
    });
  });
});
