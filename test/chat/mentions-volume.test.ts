/**
 * X-wide volume beside `/mentions`: one counts/recent request through twitter-api-v2 to the fake X server,
 * labelled "on all of X" against "in tweets Kestrel stored", remembered for an hour, counted in usage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMentionsCommand } from '../../commands/mentions.js';
import type { Reply, ReplyBlock } from '../../src/chat/reply.js';
import { createManualClock } from '../../src/clock.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createXVolume } from '../../src/monitor/x-volume.js';
import { parseQuery } from '../../src/query/parse.js';
import { renderXQuery } from '../../src/query/x-query.js';
import { openDatabase } from '../../src/store/database.js';
import { createMentionQueries } from '../../src/store/mention-queries.js';
import { createXSource } from '../../src/x/x-source.js';
import { wireTweet, wireUser } from '../core/wire-fixtures.js';
import { type FakeXServer, startFakeXServer } from '../fakes/x-api/index.js';
import { makeContext } from './demo-store.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const HOUR = 3_600_000;
const users = Array.from({ length: 3 }, (_, i) => wireUser(i));

let fake: FakeXServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function xBlock(reply: Reply) {
  return reply.blocks.find(
    (b): b is Extract<ReplyBlock, { type: 'figures' }> =>
      b.type === 'figures' && (b.heading ?? '').includes('all of X'),
  );
}

async function setup() {
  const clock = createManualClock(NOW);
  fake = await startFakeXServer({ bearerToken: 't', now: () => clock.now() });
  fake.addUsers(users);
  // 7 days: 140 posts about rust, 35 of them also about golang; 20 in the last 24 hours.
  fake.addTweets(
    Array.from({ length: 140 }, (_, i) =>
      wireTweet(
        i % 4 === 0 ? `rust and golang ${i}` : `rust ${i}`,
        NOW - 140 * HOUR + i * HOUR - 1_800_000,
        i,
        users[i % 3]!,
      ),
    ),
  );
  const db = openDatabase(':memory:');
  const stores = createPollStores(db);
  const source = createXSource({ bearerToken: 't', baseUrl: fake.url, clock });
  const volume = createXVolume({ source, usage: stores.usage, clock, brands: () => [], queryMaxLength: 512 });
  const command = createMentionsCommand({
    queries: createMentionQueries(db),
    watches: stores.watches,
    renderChart: false,
    volume,
  });
  const counts = () => fake!.requests.filter((r) => r.path === '/2/tweets/counts/recent');
  const ask = (args: string, lang: 'en' | 'ru' = 'en') =>
    command.run(makeContext({ now: clock.now(), lang }), args);
  return { ask, counts, clock, stores };
}

describe('/mentions on all of X', () => {
  it('counts the query on all of X with one request, labelled apart from what is stored', async () => {
    const { ask, counts, stores } = await setup();
    const reply = await ask('rust -golang 7d');
    const block = xBlock(reply);
    expect(block?.heading).toBe('On all of X · last 7 days');
    expect(block?.figures[0]).toMatchObject({ label: 'Posts', value: '105' });
    expect(counts()).toHaveLength(1);
    expect(counts()[0]?.query).toMatchObject({ query: 'rust -golang', granularity: 'day' });
    expect(stores.usage.day(NOW).countsRequests).toBe(1);
    expect(reply.blocks[0]).toMatchObject({ type: 'text', text: expect.stringContaining('No mentions') });
  });

  it('remembers the answer for an hour, then asks again; 24h is counted per hour', async () => {
    const { ask, counts, clock } = await setup();
    await ask('rust 7d');
    await ask('rust 7d');
    expect(counts()).toHaveLength(1);
    clock.advance(HOUR + 1000);
    await ask('rust 7d');
    expect(counts()).toHaveLength(2);
    const day = await ask('rust 24h', 'ru');
    const block = day.blocks.find(
      (b) => b.type === 'figures' && b.heading === 'Во всём X · последние 24 часа',
    );
    // The last 24 hours from an hour later: the posts of hours 118 to 139.
    expect(block?.type === 'figures' && block.figures[0]?.value).toBe('22');
    expect(counts().at(-1)?.query).toMatchObject({ granularity: 'hour' });
  });

  it('writes queries in X syntax: cases of a Russian word, brands as their clauses', () => {
    const parsed = parseQuery('вакансия -(from:@hr OR #ad) lang:ru Яндекса', {
      resolveBrand: (t) => (/^яндекс/i.test(t) ? 'Yandex' : null),
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(renderXQuery(parsed.query.root, [{ name: 'Yandex', aliases: ['Yandex', '@yandex'] }])).toBe(
      '(вакансия OR вакансии OR вакансию OR вакансией OR вакансий OR вакансиям OR вакансиях OR вакансиями) -(from:hr OR #ad) lang:ru (yandex OR @yandex)',
    );
  });
});
