/**
 * `/mentions` summaries of queries (not brands) against the corpus evaluator: counts, chart buckets, tones, top
 * originals and authors of both periods, for periods whose ends fall inside a minute holding tweets (the search
 * key counts a previous-period row by its minute), in timezones whose day edges are not whole hours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketEdges } from '../../commands/args/period.js';
import type { QueryNode } from '../../src/query/ast.js';
import { parseQuery } from '../../src/query/parse.js';
import type { Db } from '../../src/store/database.js';
import {
  createMentionQueries,
  type MentionQueries,
  type MentionSummary,
} from '../../src/store/mention-queries.js';
import { createSearchHelper } from '../../src/store/search-helper.js';
import { AUTHOR_LIMIT } from '../../src/store/search-tally.js';
import { CORPUS, type CorpusTweet, evaluate, NOW, resolveBrand, storeCorpus } from './corpus.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TONES = ['positive', 'neutral', 'negative'] as const;

/** The corpus, copies one day and one week earlier (previous periods have matches), and copies off the minute. */
const SHIFTS = [0, 24, 7 * 24, 24 + 7 / 3600, 48 - 11 / 3600, 7 * 24 + 13 / 3600, 14 * 24 - 17 / 3600];
const WIDE: CorpusTweet[] = SHIFTS.flatMap((shift, s) =>
  CORPUS.map((c, i) => ({
    ...c,
    key: `${c.key}-${s}`,
    hoursAgo: c.hoursAgo + shift,
    tone: TONES[(i + s) % 3] as CorpusTweet['tone'],
  })),
);

const QUERIES = [
  'яндекс',
  'вакансия',
  'такси',
  '"code review"',
  'golang',
  'rust OR golang',
  '(rust OR golang) lang:ru',
  '(rust OR golang) lang:en',
  'golang -is:reply',
  'golang is:reply',
  'golang -rust',
  'такси lang:ru -is:reply',
  'вакансия -lang:en',
  'from:@kate',
  'from:@boris golang',
  '@kate OR @kate_backend',
  '#typescript',
  'яндекс -такси',
  'yandex -такси',
  'кофе',
];

let db: Db;
let createdAt: Map<string, number>;
let idOf: Map<string, string>;
let followersOf: Map<string, number>;

beforeAll(() => {
  const stored = storeCorpus(WIDE);
  db = stored.db;
  idOf = stored.idOf;
  const rows = db.prepare('SELECT t.id, t.created_at AS at FROM tweets t').all() as {
    id: string;
    at: number;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r.at]));
  createdAt = new Map(WIDE.map((c) => [c.key, byId.get(idOf.get(c.key) as string) as number]));
  const usernames = [...new Set(WIDE.map((c) => c.author))];
  followersOf = new Map(usernames.map((u, i) => [u, 100 * (i + 1)]));
});

/** What the summary should say, from the evaluator and the corpus alone. */
function expected(query: string, from: number, to: number, edges: readonly number[], top: number) {
  const parsed = parseQuery(query, { resolveBrand });
  if (!parsed.ok) throw new Error(query);
  const span = to - from;
  const matches = WIDE.map((c, i) => ({ c, i, at: createdAt.get(c.key) as number })).filter(({ c }) =>
    evaluate(parsed.query.root, c),
  );
  const inPeriod = (a: number, b: number) => matches.filter((m) => m.at >= a && m.at < b);
  const perBucket = (list: typeof matches, e: readonly number[]) =>
    e.slice(0, -1).map((edge, k) => list.filter((m) => m.at >= edge && m.at < (e[k + 1] as number)).length);
  const current = inPeriod(from, to);
  const previous = inPeriod(from - span, from);
  const authors = new Map<string, number>();
  for (const m of current) authors.set(m.c.author, (authors.get(m.c.author) ?? 0) + 1);
  return {
    root: parsed.query.root,
    count: current.length,
    previousCount: previous.length,
    buckets: perBucket(current, edges),
    previousBuckets: perBucket(
      previous,
      edges.map((e) => e - span),
    ),
    // A brand's summary reads the tone toward the brand; any other query the tweet's.
    sentiment: Object.fromEntries(
      TONES.map((t) => [t, current.filter((m) => toneOf(m.c, parsed.query.root) === t).length]),
    ),
    // Engagement is the corpus index (likes = i): unique, so the order is the evaluator's alone.
    top: [...current]
      .sort((a, b) => b.i - a.i)
      .slice(0, top)
      .map((m) => idOf.get(m.c.key)),
    authors: [...authors]
      .map(([u, n]) => ({ u, n, f: followersOf.get(u) as number }))
      .sort((a, b) => b.f - a.f || b.n - a.n)
      .slice(0, 5)
      .map((a) => `${a.u}:${a.n}`),
  };
}

function toneOf(c: CorpusTweet, root: QueryNode): string {
  return (root.type === 'brand' ? c.brands?.[root.brand] : undefined) ?? c.tone ?? 'neutral';
}

function check(summary: MentionSummary, want: ReturnType<typeof expected>, label: string) {
  expect(summary.count, label).toBe(want.count);
  expect(summary.previousCount, label).toBe(want.previousCount);
  expect(summary.buckets, label).toEqual(want.buckets);
  expect(summary.previousBuckets, label).toEqual(want.previousBuckets);
  for (const t of TONES) expect(summary.sentiment[t], `${label} ${t}`).toBe(want.sentiment[t]);
  expect(summary.sentiment.unknown, label).toBe(0);
  expect(
    summary.top.map((m) => m.tweetId),
    label,
  ).toEqual(want.top);
  expect(
    summary.authors.map((a) => `${a.username}:${a.mentions}`),
    label,
  ).toEqual(want.authors);
}

describe('query summaries', () => {
  /**
   * Periods whose start, or the previous period's start, is a millisecond or some seconds either side of a stored
   * tweet (tweets at whole minutes and at 7, 11, 13 and 17 seconds off them).
   */
  const cases = (): { now: number; days: number }[] => {
    const out: { now: number; days: number }[] = [{ now: NOW, days: 7 }];
    for (const days of [1, 7]) {
      for (const key of ['r1-0', 'r1-3', 'r2-4', 'e8-5', 'r4-6']) {
        const t = createdAt.get(key) as number;
        for (const k of [1, 2]) {
          for (const delta of [-1, 1, 25_000, -25_000]) out.push({ now: t + k * days * DAY + delta, days });
        }
      }
    }
    return out;
  };

  /** Every case compared with the evaluator; how many matches were compared. */
  const compareAll = (queries: MentionQueries): number => {
    let compared = 0;
    for (const zone of ['UTC', 'Asia/Kathmandu', 'America/New_York']) {
      for (const { now, days } of cases()) {
        const from = now - days * DAY;
        const edges = bucketEdges(from, now, days === 1 ? 'hour' : 'day', zone);
        for (const query of QUERIES) {
          const want = expected(query, from, now, edges, 5);
          const filter =
            want.root.type === 'brand'
              ? { kind: 'brand' as const, brand: want.root.brand }
              : { kind: 'query' as const, root: want.root };
          const s = queries.summarize(filter, { from, to: now, edges });
          check(s, want, `${query} ${days}d ${zone} now ${new Date(now).toISOString()}`);
          compared += want.count + want.previousCount;
        }
      }
    }
    return compared;
  };

  it('match the evaluator in both periods, whatever minute the periods end in', () => {
    expect(compareAll(createMentionQueries(db))).toBeGreaterThan(2000);
  });

  it('are the same when a helper thread counts part of each search', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-helper-'));
    const path = join(dir, 'k.db');
    const onDisk = storeCorpus(WIDE, path);
    expect(onDisk.idOf).toEqual(idOf);
    const helper = createSearchHelper(path, { authorLimit: AUTHOR_LIMIT });
    await helper.ready();
    const queries = createMentionQueries(onDisk.db, { helper });
    try {
      expect(compareAll(queries)).toBeGreaterThan(2000);
      // Brands are read from their own tables; every other case was shared with the helper.
      expect(helper.answered).toBeGreaterThan(1500);
      // A helper that is gone answers nothing: the caller counts the whole search itself.
      await helper.close();
      const answered = helper.answered;
      const from = NOW - 7 * DAY;
      const edges = bucketEdges(from, NOW, 'day', 'UTC');
      const want = expected('rust OR golang', from, NOW, edges, 5);
      check(
        queries.summarize({ kind: 'query', root: want.root }, { from, to: NOW, edges }),
        want,
        'after close',
      );
      expect(helper.answered).toBe(answered);
    } finally {
      await queries.close();
      onDisk.db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('group the authors in SQL when there are more than the tally keeps, with the same answer', () => {
    const few = createMentionQueries(db, { authorLimit: 1 });
    for (const query of ['golang', 'rust OR golang', 'from:@boris OR from:@anna', '"code review"']) {
      const from = NOW - 7 * DAY;
      const edges = bucketEdges(from, NOW, 'day', 'UTC');
      const want = expected(query, from, NOW, edges, 3);
      const parsed = parseQuery(query, { resolveBrand });
      if (!parsed.ok) throw new Error(query);
      const s = few.summarize({ kind: 'query', root: parsed.query.root }, { from, to: NOW, edges, top: 3 });
      check(s, want, query);
    }
  });
});
