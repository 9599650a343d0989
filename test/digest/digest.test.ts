import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply, ReplyBlock } from '../../src/chat/reply.js';
import { createDigestBuilder } from '../../src/digest/build.js';
import { createDigestQueries } from '../../src/store/digest-queries.js';
import { DEMO_NOW, demoStore } from '../chat/demo-store.js';

const DAY = 86_400_000;
let store: Awaited<ReturnType<typeof demoStore>>;
let build: (lang: 'ru' | 'en', from?: number, to?: number) => Reply;

beforeAll(async () => {
  store = await demoStore();
  const builder = createDigestBuilder({
    queries: createDigestQueries(store.db),
    watches: store.stores.watches,
  });
  build = (lang, from = DEMO_NOW - DAY, to = DEMO_NOW) =>
    builder.build({ chatId: 'console:team', lang, timezone: 'Europe/Moscow', from, to }).reply;
});

const items = (reply: Reply, heading: string) =>
  reply.blocks.filter(
    (b): b is Extract<ReplyBlock, { type: 'items' }> => b.type === 'items' && b.heading === heading,
  );

describe('daily digest on the demo corpus', () => {
  it('has the sections in order, each only when it has something', () => {
    const reply = build('en');
    const headings = reply.blocks.map((b) => ('heading' in b ? b.heading : undefined)).filter(Boolean);
    const order = ['Vacancies', 'Looking for a specialist', 'Discussions', 'Experts'];
    const present = order.filter((h) => headings.includes(h));
    expect(present.length).toBeGreaterThanOrEqual(3);
    expect(headings.filter((h) => order.includes(h as string))).toEqual(present);
    expect(headings.some((h) => h?.startsWith('Brand pulse: Yandex'))).toBe(true);
  });

  it('shows each vacancy of the last 24 hours once, fresher and more complete first', () => {
    const count = store.db
      .prepare(
        `SELECT count(DISTINCT t.seq) FROM tweets t JOIN tweet_signals s ON s.tweet_seq = t.seq
         JOIN watch_matches m ON m.tweet_seq = t.seq
         WHERE s.label = 'vacancy' AND t.retweet_of IS NULL AND t.quote_of IS NULL AND t.created_at >= ? AND t.created_at < ?`,
      )
      .pluck()
      .get(DEMO_NOW - DAY, DEMO_NOW) as number;
    const [section] = items(build('en'), 'Vacancies');
    expect(section).toBeDefined();
    const shown = (section?.items.length ?? 0) + (section?.more ?? 0);
    expect(shown).toBeLessThanOrEqual(count);
    expect(shown).toBeGreaterThan(0);
    const links = section?.items.map((i) => i.link) ?? [];
    expect(new Set(links).size).toBe(links.length);
  });

  it('counts brand mentions against the day before and marks the outage spike', () => {
    const mentions = (from: number, to: number) =>
      store.db
        .prepare(
          "SELECT count(DISTINCT tweet_seq) FROM brand_mentions WHERE brand = 'Yandex' AND created_at >= ? AND created_at < ?",
        )
        .pluck()
        .get(from, to) as number;
    const today = mentions(DEMO_NOW - DAY, DEMO_NOW);
    const before = mentions(DEMO_NOW - 2 * DAY, DEMO_NOW - DAY);
    const pulse = build('en').blocks.find((b) => b.type === 'figures' && b.heading === 'Brand pulse: Yandex');
    expect(pulse?.type).toBe('figures');
    const figures = pulse?.type === 'figures' ? pulse.figures : [];
    expect(figures[0]?.value).toBe(String(today));
    expect(figures[0]?.note).toContain(`${Math.round(((today - before) / before) * 100)}%`);
    expect(figures.some((f) => f.label.includes('Spike'))).toBe(true);
  });

  it('folds retweets into their originals: no tweet is shown twice anywhere', () => {
    const reply = build('en', DEMO_NOW - 14 * DAY, DEMO_NOW);
    const links = reply.blocks.flatMap((b) => (b.type === 'items' ? b.items.map((i) => i.link) : []));
    expect(new Set(links).size).toBe(links.length);
    const retweetIds = store.db
      .prepare('SELECT id FROM tweets WHERE retweet_of IS NOT NULL')
      .pluck()
      .all() as string[];
    for (const id of retweetIds) expect(links.some((l) => l?.endsWith(`/${id}`))).toBe(false);
  });

  it('speaks the chat language', () => {
    const reply = build('ru');
    expect(reply.title.startsWith('Дайджест')).toBe(true);
    expect(reply.blocks.some((b) => 'heading' in b && b.heading === 'Вакансии')).toBe(true);
  });

  it('says so in one line when nothing happened', () => {
    const reply = build('en', DEMO_NOW + DAY, DEMO_NOW + 2 * DAY);
    expect(reply.blocks).toHaveLength(1);
    expect(reply.blocks[0]).toEqual({ type: 'text', text: 'Nothing new for your watches in this period.' });
  });
});
