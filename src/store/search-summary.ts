/**
 * `/mentions` of a word, phrase, @handle or any query that is not a plain brand: one statement over the matches
 * of both periods (the current one and the one before), materialized once. The database counts them per chart
 * slot and sentiment, and cuts the top originals by engagement and the candidates for the top authors with
 * LIMITs (the reach of an author is the highest follower count seen, so the authors with the most reach are
 * among the first rows by followers); only the mentions of those candidates are counted. When the candidates
 * run out before the authors are decided (a few accounts wrote most of the matches), a second statement groups
 * every author. Memory is bounded by the LIMITs, not by the number of matches.
 */
import type { QueryNode } from '../query/ast.js';
import type { Db } from './database.js';
import { compileSearch, type WordForms } from './mention-search.js';
import type { MentionSummary, MentionWindow, SentimentSplit } from './mention-types.js';

type Statement = ReturnType<Db['prepare']>;

/** Slot sizes a query's chart is counted in, coarsest first: each bucket edge must fall on a slot edge. */
const SLOTS = [3_600_000, 900_000, 60_000, 1000, 1];
const STATEMENT_CACHE = 64;

/** An author with their reach (highest follower count seen) and mentions in the period. */
export interface AuthorReach {
  id: string;
  followers: number;
  mentions: number;
}

export interface SearchSummaryDeps {
  db: Db;
  wordForms: WordForms;
  /** The lowest seq of the UTC day holding `at` and after (the full-text index's floor). */
  seqFloor: (at: number) => number;
  /** The summary from the counts, the top tweets' seqs (best first), the top authors and the forms searched. */
  finish: (
    counts: Omit<MentionSummary, 'top' | 'authors' | 'forms'>,
    top: number[],
    authors: AuthorReach[],
    forms: string[],
  ) => MentionSummary;
}

/** `searchSummary(root, window, shifted, top, authors)`: a query's summary of a period and the one before. */
export function createSearchSummary(deps: SearchSummaryDeps) {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = deps.db.prepare(sql).raw();
      if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value as string);
      statements.set(sql, statement);
    }
    return statement;
  };

  return function searchSummary(
    root: QueryNode,
    window: MentionWindow,
    shifted: readonly number[],
    topN: number,
    authorsN: number,
  ): MentionSummary {
    const span = window.to - window.from;
    const lo = window.from - span;
    const compiled = compileSearch(root, deps.wordForms);
    const inner = [...window.edges.slice(1, -1), ...shifted.slice(1, -1)];
    // In the SQL text, not bound: a bound number is a REAL, and `at / 3600000.0` would group nothing.
    const slot = SLOTS.find((s) => inner.every((e) => e % s === 0)) ?? 1;
    const reachRows = Math.max(64, authorsN * 8);
    const reach = `SELECT a, f FROM m WHERE at >= @from ORDER BY f DESC, a LIMIT @reach`;
    const period = { ...compiled.params, lo, hi: window.to, from: window.from, floor: deps.seqFloor(lo) };
    const params = { ...period, top: topN, reach: authorsN > 0 ? reachRows : 0 };
    const rows = prepared(`
      WITH m AS MATERIALIZED (SELECT x.seq, x.created_at AS at, x.engagement AS e, x.author_id AS a,
        x.author_followers AS f, x.original AS o, x.sentiment AS s ${compiled.from} ${compiled.where})
      SELECT 0, at >= @from, at / ${slot}, s, count(*) FROM m GROUP BY 2, 3, 4
      UNION ALL SELECT * FROM (SELECT 1, seq, NULL, NULL, NULL FROM m WHERE at >= @from AND o = 1
        ORDER BY e DESC, at DESC, seq DESC LIMIT @top)
      UNION ALL SELECT 3, a, f, NULL, NULL FROM (${reach})
      UNION ALL SELECT 2, a, NULL, count(*), NULL FROM m
        WHERE at >= @from AND a IN (SELECT a FROM (${reach})) GROUP BY a`).all(params) as [
      number,
      unknown,
      unknown,
      unknown,
      unknown,
    ][];
    const buckets = new Array<number>(Math.max(0, window.edges.length - 1)).fill(0);
    const previousBuckets = new Array<number>(Math.max(0, shifted.length - 1)).fill(0);
    const sentiment: SentimentSplit = { positive: 0, neutral: 0, negative: 0, unknown: 0 };
    const top: number[] = [];
    const candidates: [id: string, followers: number][] = [];
    const mentions = new Map<string, number>();
    let count = 0;
    let previousCount = 0;
    for (const [kind, a, b, c, d] of rows) {
      if (kind === 0) {
        const current = a === 1;
        const n = d as number;
        const at = Math.max((b as number) * slot, current ? window.from : lo);
        const i = bucketOf(current ? window.edges : shifted, at);
        if (current) {
          count += n;
          if (i >= 0) buckets[i] = (buckets[i] ?? 0) + n;
          if (c === 'positive' || c === 'neutral' || c === 'negative') sentiment[c] += n;
          else sentiment.unknown += n;
        } else {
          previousCount += n;
          if (i >= 0) previousBuckets[i] = (previousBuckets[i] ?? 0) + n;
        }
      } else if (kind === 1) top.push(a as number);
      else if (kind === 3) candidates.push([String(a), b as number]);
      else mentions.set(String(a), c as number);
    }
    const best = authorsN > 0 ? candidatesByReach(candidates, authorsN, reachRows) : new Map();
    const authors = best
      ? rankByReach(best, mentions, authorsN)
      : allAuthors(compiled.from, compiled.where, period, authorsN);
    return deps.finish(
      { count, previousCount, buckets, previousBuckets, sentiment },
      top,
      authors,
      compiled.forms,
    );
  };

  /** Every author of the matches grouped: when the reach candidates could not decide. */
  function allAuthors(
    from: string,
    where: string,
    params: Record<string, unknown>,
    n: number,
  ): AuthorReach[] {
    const rows = prepared(`
      SELECT x.author_id, max(x.author_followers), count(*) ${from} ${where} AND x.created_at >= @from
      GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT @authors`).all({ ...params, authors: n }) as [
      string,
      number,
      number,
    ][];
    return rows.map(([id, followers, mentions]) => ({ id: String(id), followers, mentions }));
  }
}

/**
 * The authors that may be among the `n` with the most reach, with their reach, from the first `limit` rows
 * by followers (highest first): the first `n` authors and everyone tied with the `n`-th. Null when the rows
 * end before that is known (there may be more rows tied).
 */
export function candidatesByReach(
  rows: readonly [id: string, followers: number][],
  n: number,
  limit: number,
): Map<string, number> | null {
  const best = new Map<string, number>();
  let threshold = 0;
  for (const [id, followers] of [...rows].sort((a, b) => b[1] - a[1])) {
    if (best.size >= n && followers < threshold) return best;
    if (!best.has(id)) {
      best.set(id, followers);
      if (best.size === n) threshold = followers;
    }
  }
  return rows.length < limit ? best : null;
}

/** The `n` candidates with the most reach, then mentions, then id. */
export function rankByReach(
  best: ReadonlyMap<string, number>,
  mentions: ReadonlyMap<string, number>,
  n: number,
): AuthorReach[] {
  return [...best]
    .map(([id, followers]) => ({ id, followers, mentions: mentions.get(id) ?? 0 }))
    .sort((a, b) => b.followers - a.followers || b.mentions - a.mentions || (a.id < b.id ? -1 : 1))
    .slice(0, n);
}

/** The bucket `[edges[i], edges[i+1])` holding `at`, or -1 outside them all. */
export function bucketOf(edges: readonly number[], at: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  if (hi < 1 || at < (edges[0] ?? 0) || at >= (edges[hi] ?? 0)) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= at) lo = mid;
    else hi = mid;
  }
  return lo;
}
