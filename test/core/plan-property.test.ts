import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/domain.js';
import { clausesOf } from '../../src/planner/atoms.js';
import { termWordForms } from '../../src/planner/inflect.js';
import { packQueries, watchUnits } from '../../src/planner/pack.js';
import { utcDay } from '../../src/store/usage-store.js';
import type { Watch, WatchSpec } from '../../src/watch/types.js';
import { snowflakeAt } from '../../src/x/snowflake.js';
import { matchesQuery, parseQuery, type WireTweet, type WireUser } from '../fakes/x-api/index.js';
import { inRecordedSkip } from './coverage-check.js';
import { createPollHarness } from './poll-harness.js';
import { seeded, wireTweet, wireUser } from './wire-fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SCENARIOS = 24;
const CYCLES = 6;

const STACK = ['rust', 'golang', 'kotlin', 'python', 'elixir', 'swift', 'scala', 'haskell', 'ocaml', 'zig'];
const NOUNS = ['вакансия', 'разработчик', 'дизайнер', 'аналитик', 'команда', 'developer', 'engineer'];
const FILLER = ['и', 'в', 'на', 'new', 'удалённо', 'senior', 'maya.ru', 'mail.ya.ru', '#devops', '@team_x'];
const users: WireUser[] = Array.from({ length: 12 }, (_, i) => wireUser(i));

/** A random watch: a topic (at times of many long words, so it is split), jobs, a brand or an expert. */
function randomSpec(r: () => number, i: number): WatchSpec {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
  const kind = r();
  if (kind < 0.4) {
    const wide = r() < 0.3;
    const terms = Array.from(
      { length: wide ? 30 + Math.floor(r() * 20) : 1 + Math.floor(r() * 4) },
      (_, k) => (wide ? `${pick(STACK)}${k}q${'w'.repeat(8)}` : pick([...STACK, ...NOUNS])),
    );
    return { kind: 'topic', name: `topic ${i}`, terms: [...new Set(terms)] };
  }
  if (kind < 0.7) return { kind: 'jobs', name: `jobs ${i}`, terms: [`${pick(NOUNS)} ${pick(STACK)}`] };
  if (kind < 0.85)
    return {
      kind: 'brand',
      name: `brand ${i}`,
      aliases: [pick(['ya.ru', 'Яндекс', '@team_x', '#devops'])],
      exclude: [],
      competitor: false,
    };
  return { kind: 'expert', name: `@expert_${(i % 6) * 2}`, handle: `expert_${(i % 6) * 2}` };
}

/** A post made of the watches' words, in any of their forms, and some that look alike. */
function randomPost(r: () => number, words: readonly string[], at: number, seq: number): WireTweet {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
  const text = Array.from({ length: 2 + Math.floor(r() * 5) }, () => {
    const w = pick([...words, ...FILLER]);
    return r() < 0.5 ? pick(termWordForms(w)) : w;
  }).join(' ');
  return wireTweet(text, at, seq, pick(users), r() < 0.7 ? 'ru' : 'en');
}

describe('planner + router property: nothing a watch would find is behind its cursor unstored, unless in a recorded over-budget gap', () => {
  it(`holds for ${SCENARIOS} random watch sets, splits and budgets over ${CYCLES} cycles each`, async () => {
    const r = seeded(13);
    let splits = 0;
    let paused = 0;
    let gaps = 0;
    for (let scenario = 0; scenario < SCENARIOS; scenario++) {
      const specs = Array.from({ length: 3 + Math.floor(r() * 9) }, (_, i) => randomSpec(r, i));
      const queryMaxLength = r() < 0.7 ? 512 : 1024;
      const backfillDays = 1 + Math.floor(r() * 3);
      const start = Date.UTC(2026, 10, 3 + scenario, Math.floor(r() * 24));
      const h = await createPollHarness(specs, {
        queryMaxLength,
        monthlyReadBudget: 200 + Math.floor(r() * 3000),
        maxReadsPerWatchPerDay: 10 + Math.floor(r() * 120),
        backfillDays,
        start,
      });
      // New watches read back `backfillDays`: what is older is not theirs to read.
      const backfillFrom = snowflakeAt(start - backfillDays * 24 * HOUR);
      try {
        h.fake.addUsers(users);
        const watches = h.stores.watches.list();
        const words = specs.flatMap((s) =>
          s.kind === 'topic' || s.kind === 'jobs' ? s.terms.flatMap((t) => t.split(' ')) : [],
        );
        let seq = 0;
        const add = (n: number, from: number, to: number) =>
          h.fake.addTweets(
            Array.from({ length: n }, () =>
              randomPost(r, words, from + Math.floor(r() * (to - from)), seq++),
            ),
          );
        add(20 + Math.floor(r() * 200), h.clock.now() - 3 * 24 * HOUR, h.clock.now() - MIN);
        for (const w of watches) if (packQueries([clausesOf(w)], h.pack).length > 1) splits++;
        // Watch and UTC day of every budget pause (cap, allowance, month): only those days may be given up.
        const overBudget = new Set<string>();
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const report = await h.poller.runOnce();
          const where = `scenario ${scenario} cycle ${cycle}`;
          paused += report.paused.size;
          for (const [id, why] of report.paused)
            if (why.startsWith('paused:')) overBudget.add(`${id} ${utcDay(h.clock.now())}`);
          for (const skip of report.skipped) {
            gaps++;
            expect(overBudget, `${where}: watch ${skip.watchId} skipped ${skip.day}`).toContain(
              `${skip.watchId} ${skip.day}`,
            );
            expect(skip.day < utcDay(h.clock.now()), where).toBe(true);
          }
          // A gap never reaches into the day after the one the budget stopped it on.
          for (const watch of watches)
            for (const { day, range } of h.stores.skips.ranges(watch.id)) {
              const dayEnd = snowflakeAt(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR);
              expect(compareIds(range.untilId, dayEnd), `${where}: gap of ${day}`).toBeLessThanOrEqual(0);
            }
          expect(h.skipped(), `${where}: units`).toEqual([]);
          expectWatchCursorsHold(h, watches, backfillFrom, where);
          const step = (r() < 0.5 ? 15 * MIN : 6 * HOUR) + Math.floor(r() * HOUR);
          // New posts after what the cycle read up to (X indexes a post within seconds; the cycle reads to 15 s ago).
          add(Math.floor(r() * 60), h.clock.now() - 10_000, h.clock.now() + step - MIN);
          h.clock.advance(step);
        }
        expectRoutingAgrees(h, watches, `scenario ${scenario}`);
      } finally {
        await h.close();
      }
    }
    // The random cases did reach the hard parts: split watches and watches paused by the budget or their cap.
    expect(splits).toBeGreaterThan(3);
    expect(paused).toBeGreaterThan(10);
    // ... and watches that gave up the rest of a day over the budget, on the record.
    expect(gaps).toBeGreaterThan(5);
  }, 240_000);
});

type Harness = Awaited<ReturnType<typeof createPollHarness>>;

/**
 * Every tweet a watch's own query finds (by the fake's evaluator) with an id at or below its cursor is stored,
 * or lies in a gap its unit recorded over the budget.
 */
function expectWatchCursorsHold(h: Harness, watches: readonly Watch[], from: string, where: string) {
  const stored = new Set(h.db.prepare('SELECT id FROM tweets').pluck().all() as string[]);
  for (const watch of watches) {
    const cursor = h.stores.watches.cursor(watch);
    if (!cursor) continue;
    const given = h.stores.skips.ranges(watch.id);
    for (const unit of watchUnits(clausesOf(watch), h.pack)) {
      const ast = parseQuery(h.pack.suffix ? `(${unit.text}) ${h.pack.suffix}` : unit.text);
      for (const t of h.fake.store.list((tw, a) => matchesQuery(ast, tw, a)))
        if (compareIds(t.id, from) > 0 && compareIds(t.id, cursor) <= 0)
          expect(
            stored.has(t.id) || inRecordedSkip(given, unit.key, t.id),
            `${where}: watch ${watch.id} skipped ${t.id}`,
          ).toBe(true);
    }
  }
}

/** A stored tweet goes to exactly the watches whose own query would find it. */
function expectRoutingAgrees(h: Harness, watches: readonly Watch[], where: string) {
  const rows = h.db
    .prepare('SELECT t.id, m.watch_id AS w FROM tweets t LEFT JOIN watch_matches m ON m.tweet_seq = t.seq')
    .all() as { id: string; w: number | null }[];
  const matched = new Map<string, Set<number>>();
  for (const row of rows) {
    const set = matched.get(row.id) ?? new Set<number>();
    if (row.w !== null) set.add(row.w);
    matched.set(row.id, set);
  }
  for (const watch of watches) {
    const asts = packQueries([clausesOf(watch)], h.pack).map((q) => parseQuery(q.query));
    for (const [id, set] of matched) {
      const tweet = h.fake.store.tweet(id) as WireTweet;
      const author = h.fake.store.user(tweet.author_id ?? '');
      const found = asts.some((ast) => matchesQuery(ast, tweet, author));
      expect(set.has(watch.id), `${where}: tweet ${id} "${tweet.text}" and watch ${watch.spec.name}`).toBe(
        found,
      );
    }
  }
}
