import { afterEach, describe, expect, it } from 'vitest';
import { createEngagementCommand, type EngagementDeps } from '../../commands/engagement.js';
import { formatNumber, formatPercent, type Lang } from '../../src/chat/i18n.js';
import { createRegistry } from '../../src/chat/registry.js';
import type { Figure, Reply } from '../../src/chat/reply.js';
import { createManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createEngagementQueries } from '../../src/store/engagement-queries.js';
import { createXSource } from '../../src/x/x-source.js';
import { type FakeXServer, snowflakeAt, startFakeXServer, type WireTweet } from '../fakes/x-api/index.js';
import { DEMO_NOW, demoStore, makeContext } from './demo-store.js';

const TOKEN = 'engagement-test-token';
const DAY = 86_400_000;
const USER_ID = '777000111';
const FOLLOWERS = 2_000;
const COUNT = 130;

/**
 * An account the demo store does not know: 130 tweets, one every 12 hours back from 3 hours ago (so
 * more than one timeline page); every 10th from the 3rd is a reply, every 10th from the 7th a retweet,
 * every 5th has no impressions.
 */
function accountTweets(): WireTweet[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const at = DEMO_NOW - 3 * 3_600_000 - i * 12 * 3_600_000;
    const refs =
      i % 10 === 3
        ? [{ type: 'replied_to' as const, id: snowflakeAt(at - 60_000, 1) }]
        : i % 10 === 7
          ? [{ type: 'retweeted' as const, id: snowflakeAt(at - 60_000, 2) }]
          : undefined;
    return {
      id: snowflakeAt(at, 100 + i),
      text: i % 10 === 7 ? `RT @someone: shared note ${i}` : `Field note ${i} about sourdough starters`,
      author_id: USER_ID,
      created_at: new Date(at).toISOString(),
      lang: 'en',
      conversation_id: snowflakeAt(at, 100 + i),
      ...(refs ? { referenced_tweets: refs } : {}),
      public_metrics: {
        like_count: 20 + ((i * 37) % 90),
        retweet_count: i % 7,
        reply_count: (i * 3) % 11,
        quote_count: i % 4,
        bookmark_count: i % 3,
        ...(i % 5 === 0 ? {} : { impression_count: 1_000 + ((i * 53) % 4_000) }),
      },
    };
  });
}

/** Expected figures from the generated wire tweets, independently of the command. */
function expected(from: number, to: number) {
  const rows = accountTweets()
    .filter((tw) => !tw.referenced_tweets?.some((r) => r.type === 'replied_to' || r.type === 'retweeted'))
    .filter((tw) => {
      const at = Date.parse(tw.created_at as string);
      return at >= from && at < to;
    })
    .map((tw) => {
      const m = tw.public_metrics as NonNullable<WireTweet['public_metrics']>;
      const e = m.like_count + m.retweet_count + m.reply_count + m.quote_count;
      return { byF: e / FOLLOWERS, byI: m.impression_count === undefined ? null : e / m.impression_count };
    });
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const n = s.length;
    return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
  };
  const byI = rows.flatMap((r) => (r.byI === null ? [] : [r.byI]));
  return {
    count: rows.length,
    withImpressions: byI.length,
    medianF: med(rows.map((r) => r.byF)),
    meanF: rows.reduce((a, r) => a + r.byF, 0) / rows.length,
    medianI: med(byI),
  };
}

const pct = (lang: Lang, x: number) => formatPercent(lang, x, 2);
const text = (reply: Reply) => reply.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
function figure(reply: Reply, label: string): Figure {
  const found = reply.blocks
    .flatMap((b) => (b.type === 'figures' ? b.figures : []))
    .find((f) => f.label === label);
  if (!found) throw new Error(`no figure ${label}`);
  return found;
}

let fake: FakeXServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(options: { budget?: number; withSource?: boolean } = {}) {
  const store = await demoStore();
  const clock = createManualClock(DEMO_NOW);
  const server = await startFakeXServer({ bearerToken: TOKEN, now: () => clock.now() });
  fake = server;
  server.addUsers([
    {
      id: USER_ID,
      username: 'Fresh_Voice',
      name: 'Fresh Voice',
      description: 'Bakes and writes about it.',
      created_at: '2020-01-01T00:00:00.000Z',
      verified: false,
      public_metrics: {
        followers_count: FOLLOWERS,
        following_count: 12,
        tweet_count: COUNT,
        listed_count: 0,
      },
    },
  ]);
  server.addTweets(accountTweets());
  const source =
    options.withSource === false
      ? null
      : createXSource({ bearerToken: TOKEN, baseUrl: server.url, clock, timeoutMs: 2_000 });
  const deps: EngagementDeps = {
    queries: createEngagementQueries(store.db),
    watches: () => store.stores.watches.list(),
    source,
    ingestor: store.ingestor,
    usage: store.stores.usage,
    transaction: store.stores.transaction,
    monthlyReadBudget: options.budget ?? 15_000,
  };
  const registry = createRegistry([createEngagementCommand(deps)], { logger: silentLogger() });
  const ask = async (line: string, lang: Lang = 'en') =>
    (await registry.dispatch(line, makeContext({ lang }))) as Reply;
  const stored = () =>
    store.db.prepare('SELECT count(*) FROM tweets WHERE author_id = ?').pluck().get(USER_ID) as number;
  const usage = () => store.stores.usage.month(DEMO_NOW);
  return { store, server, ask, stored, usage };
}

describe('/engagement fetches an account it does not store', () => {
  it('reads the timeline from the fake X API, stores it once, records usage and answers', async () => {
    const { store, server, ask, stored, usage } = await setup();
    const before = usage();
    expect(stored()).toBe(0);

    const reply = await ask('/engagement @fresh_voice');
    expect(reply.tone).toBe('normal');
    expect(reply.title).toBe('Engagement of @Fresh_Voice, last 30 days');
    const x = expected(DEMO_NOW - 30 * DAY, DEMO_NOW);
    expect(figure(reply, 'Original tweets').value).toBe(String(x.count));
    expect(figure(reply, 'Median ER by followers').value).toBe(pct('en', x.medianF));
    expect(figure(reply, 'Mean ER by followers').value).toBe(pct('en', x.meanF));
    expect(figure(reply, 'Median ER by impressions').value).toBe(pct('en', x.medianI));
    expect(figure(reply, 'Median ER by impressions').note).toContain(
      `${x.withImpressions} of ${x.count} tweets`,
    );
    const prev = expected(DEMO_NOW - 60 * DAY, DEMO_NOW - 30 * DAY);
    expect(prev.count).toBeGreaterThan(0);
    expect(figure(reply, 'Trend (median by followers)').note).toContain(pct('en', prev.medianF));
    expect(reply.footer).toContain(`Just read ${COUNT} tweets from X`);
    const links = reply.blocks.flatMap((b) => (b.type === 'items' ? b.items.map((i) => i.link) : []));
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).toMatch(/^https:\/\/x\.com\/Fresh_Voice\/status\/\d+$/);

    // One user lookup and two timeline pages (130 tweets), all recorded in the usage store.
    expect(server.requests.map((r) => r.path)).toEqual([
      '/2/users/by/username/fresh_voice',
      `/2/users/${USER_ID}/tweets`,
      `/2/users/${USER_ID}/tweets`,
    ]);
    expect(usage()).toMatchObject({ requests: before.requests + 3, tweetsRead: before.tweetsRead + COUNT });
    expect(stored()).toBe(COUNT);
    const followers = store.db
      .prepare('SELECT DISTINCT author_followers FROM tweets WHERE author_id = ?')
      .pluck()
      .all(USER_ID);
    expect(followers).toEqual([FOLLOWERS]);
    const classified = store.db
      .prepare(
        'SELECT count(*) FROM tweet_signals s JOIN tweets t ON t.seq = s.tweet_seq WHERE t.author_id = ?',
      )
      .pluck()
      .get(USER_ID);
    expect(classified).toBe(COUNT);

    // Asked again (another period): answered from the store, no second read.
    const again = await ask('/engagement @Fresh_Voice 7d', 'ru');
    expect(again.title).toBe('Вовлечённость @Fresh_Voice за 7 дней');
    const week = expected(DEMO_NOW - 7 * DAY, DEMO_NOW);
    expect(figure(again, 'Медиана ER по подписчикам').value).toBe(pct('ru', week.medianF));
    expect(again.footer).not.toContain('прочитано из X');
    expect(server.requests).toHaveLength(3);
    expect(stored()).toBe(COUNT);
  });

  it('does not call X for an account it already stores', async () => {
    const { server, ask } = await setup();
    const reply = await ask('/engagement @kate_backend');
    expect(reply.tone).toBe('normal');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses, naming the remaining budget, when the fetch could exceed it', async () => {
    const { server, ask, stored, usage } = await setup({ budget: 150 });
    const reply = await ask('/engagement @fresh_voice');
    expect(reply.tone).toBe('refusal');
    expect(text(reply)).toContain('up to 200 tweets, but only 150 of this month');
    expect(text(reply)).toContain('Usage: /engagement');
    expect(server.requests.map((r) => r.path)).toEqual(['/2/users/by/username/fresh_voice']);
    expect(stored()).toBe(0);
    expect(usage().tweetsRead).toBe(0);
  });

  it('refuses without calling X when less than a page of budget is left', async () => {
    const { store, server, ask, stored } = await setup({ budget: 15_000 });
    store.stores.usage.recordRead(
      DEMO_NOW - 3_600_000,
      Array.from({ length: 14_950 }, (_, i) => String(i + 1)),
    );
    const reply = await ask('/engagement @fresh_voice', 'ru');
    expect(reply.tone).toBe('refusal');
    expect(text(reply)).toContain(`осталось ${formatNumber('ru', 50)}`);
    expect(text(reply)).toContain(`лимите чтения (${formatNumber('ru', 15_000)})`);
    expect(server.requests).toHaveLength(0);
    expect(stored()).toBe(0);
  });

  it('says clearly when X has no such account', async () => {
    const { ask, usage } = await setup();
    const before = usage();
    const reply = await ask('/engagement @ghost_account');
    expect(reply.tone).toBe('refusal');
    expect(text(reply)).toContain('X has no account @ghost_account');
    expect(usage()).toMatchObject({ requests: before.requests + 1, tweetsRead: before.tweetsRead });
  });

  it('stores nothing when X fails midway, and records the responses that came', async () => {
    const { server, ask, stored, usage } = await setup();
    const before = usage();
    server.injectFault({ kind: 'status', status: 503, pathPrefix: `/2/users/${USER_ID}/tweets` });
    const reply = await ask('/engagement @fresh_voice');
    expect(reply.tone).toBe('error');
    expect(text(reply)).toContain('UPSTREAM_UNAVAILABLE');
    expect(stored()).toBe(0);
    // The user lookup answered and is counted; the 503 brought nothing to bill.
    expect(usage().requests).toBe(before.requests + 1);
  });

  it('in demo mode (no source) explains what a fetch would need', async () => {
    const { server, ask, stored } = await setup({ withSource: false });
    const reply = await ask('/engagement @fresh_voice');
    expect(reply.tone).toBe('refusal');
    expect(text(reply)).toContain("@fresh_voice is not in Kestrel's store yet");
    expect(text(reply)).toContain('set X_BEARER_TOKEN');
    expect(server.requests).toHaveLength(0);
    expect(stored()).toBe(0);
  });
});
