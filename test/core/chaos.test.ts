import { afterEach, describe, expect, it } from 'vitest';
import type { PollReport } from '../../src/monitor/poll-cycle.js';
import type { WatchSpec } from '../../src/watch/types.js';
import type { FakeXFault, WireTweet, WireUser } from '../fakes/x-api/index.js';
import { createPollHarness } from './poll-harness.js';
import { sampleWatches } from './sample-watches.js';
import { seeded, tweetBatch, wireTweet, wireUser } from './wire-fixtures.js';

const MIN = 60_000;
const CYCLES = 50;
/** Users the fake knows; tweets by the others come without their author (X left it out of `includes`). */
const known: WireUser[] = Array.from({ length: 30 }, (_, i) => wireUser(i));
const strangers: WireUser[] = Array.from({ length: 5 }, (_, i) => wireUser(500 + i));

const specs: WatchSpec[] = [
  ...sampleWatches(16).map((w) => w.spec),
  // Two queries at 512 characters: complete only when both are.
  {
    kind: 'topic',
    name: 'wide',
    terms: Array.from({ length: 40 }, (_, i) => `kw${String(i).padStart(2, '0')}x${'z'.repeat(6)}`),
  },
  { kind: 'jobs', name: 'kafka jobs', terms: ['вакансия kafka'] },
];

/** The faults a real X answers with now and then, each with its odds for one request. */
function chaos(random: () => number): (request: { path: string }) => FakeXFault | null {
  const kinds: [number, () => FakeXFault][] = [
    [0.04, () => ({ kind: 'rateLimit', resetInMs: Math.floor(random() * 15 * MIN) })],
    [0.03, () => ({ kind: 'status', status: 500 })],
    [0.03, () => ({ kind: 'status', status: 503 })],
    [0.01, () => ({ kind: 'timeout' })],
    [0.03, () => ({ kind: 'malformed' })],
    [0.02, () => ({ kind: 'badJson' })],
    [0.04, () => ({ kind: 'empty' })],
    [0.02, () => ({ kind: 'sinceTooOld' })],
    [0.05, () => ({ kind: 'noIncludes' })],
  ];
  return ({ path }) => {
    if (path !== '/2/tweets/search/recent') return null;
    let roll = random();
    for (const [odds, fault] of kinds) {
      if (roll < odds) return fault();
      roll -= odds;
    }
    return null;
  };
}

/** A post over 280 characters: X sends its start in `text`, all of it in `note_tweet`, and matches on all of it. */
function longPost(at: number, seq: number, author: WireUser): WireTweet {
  const full = `${'Большая команда платформы данных ищет людей, которые любят надёжные системы. '.repeat(5)}Вакансии: kafka, go, k8s.`;
  const tweet = wireTweet(full, at, seq, author);
  return { ...tweet, text: `${full.slice(0, 276)}…`, note_tweet: { text: full } };
}

let harness: Awaited<ReturnType<typeof createPollHarness>> | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('X chaos: 50 poll cycles through twitter-api-v2 against a fake X that fails at random', () => {
  it('stores every served post once with its full text, skips none, never stops, and bills what X bills', async () => {
    let faulty = true;
    const random = seeded(20_261_120);
    const faults = chaos(random);
    const h = await createPollHarness(specs, {
      backfillDays: 1,
      timeoutMs: 150,
      randomFault: (request) => (faulty ? faults(request) : null),
      retry: {
        maxAttempts: 3,
        baseDelayMs: 1_000,
        maxDelayMs: 10_000,
        maxRateLimitWaits: 2,
        maxRateLimitWaitMs: 16 * MIN,
      },
    });
    harness = h;
    h.fake.addUsers(known);
    const longIds = new Map<string, string>();
    const reports: PollReport[] = [];
    let seq = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // New posts since the last cycle: the usual mix, a long post now and then, some by unknown authors.
      const now = h.clock.now();
      const batch = tweetBatch(5 + Math.floor(random() * 35), now - 14 * MIN, now - MIN, 1000 + cycle, [
        ...known,
        ...strangers,
      ]).map((t) => ({ ...t, id: wireTweet(t.text, Number(new Date(t.created_at!)), seq++, known[0]!).id }));
      if (cycle % 3 === 0) {
        const post = longPost(now - 2 * MIN, seq++, known[cycle % known.length]!);
        longIds.set(post.id, post.note_tweet!.text);
        batch.push(post);
      }
      h.fake.addTweets(batch);
      const report = await h.poller.runOnce();
      reports.push(report);
      expect(['ok', 'partial', 'failed']).toContain(report.status);
      expect(h.skipped(), `cycle ${cycle}`).toEqual([]);
      h.clock.advance(15 * MIN);
    }
    // The faults did happen, and so did every kind of outcome.
    const seen = new Set(h.fake.requests.map((r) => r.fault).filter(Boolean));
    for (const kind of ['rateLimit', 'status', 'malformed', 'badJson', 'empty', 'sinceTooOld', 'noIncludes'])
      expect(seen, kind).toContain(kind);
    expect(reports.filter((r) => r.status !== 'ok').length).toBeGreaterThan(0);

    const stored = new Map(
      (h.db.prepare('SELECT id, text FROM tweets').all() as { id: string; text: string }[]).map((r) => [
        r.id,
        r.text,
      ]),
    );
    expect(h.count('SELECT count(*) FROM tweets')).toBe(h.count('SELECT count(DISTINCT id) FROM tweets'));
    for (const id of h.fake.served) expect(stored.has(id), `served ${id}`).toBe(true);
    for (const [id, full] of longIds) if (stored.has(id)) expect(stored.get(id)).toBe(full);
    expect(h.count('SELECT coalesce(sum(tweets_read), 0) FROM api_usage')).toBe(h.fake.billing().posts);

    // X calms down: within a few quiet cycles (past any back-off) every post any watch's query finds is stored.
    faulty = false;
    for (let i = 0; i < 4; i++) {
      h.clock.advance(2 * 60 * MIN);
      const report = await h.poller.runOnce();
      expect(report.status).toBe('ok');
    }
    expect(h.skipped()).toEqual([]);
    expect(h.count('SELECT count(*) FROM query_cursors WHERE failures > 0 OR gap_until IS NOT NULL')).toBe(0);
    for (const [id, full] of longIds)
      expect(stored.get(id) ?? h.db.prepare('SELECT text FROM tweets WHERE id = ?').pluck().get(id)).toBe(
        full,
      );
    expect(h.count('SELECT coalesce(sum(tweets_read), 0) FROM api_usage')).toBe(h.fake.billing().posts);
    expect(h.count('SELECT count(*) FROM authors WHERE unknown = 1')).toBeGreaterThan(0);
  }, 120_000);
});
