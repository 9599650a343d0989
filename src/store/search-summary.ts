/**
 * `/mentions` of a word, phrase, @handle or any query that is not a plain brand. The matches are read by the
 * streaming aggregate of {@link createTally} inside the statement that finds them (counts per chart bucket and
 * tone, the top originals, each author's reach and mentions). A query the full-text index decides alone (words,
 * phrases, `lang:`, `is:reply`) is read that way only in the current period; the previous one is counted per
 * bucket from the search keys, without reading any tweet's row. Memory is bounded by the tally, not by the
 * number of matches; when the matches have more authors than it keeps, one more statement groups them in SQL.
 */
import type { QueryNode } from '../query/ast.js';
import { createAuthorCounts } from './author-counts.js';
import { type AuthorReach, byReach, mostReach } from './author-reach.js';
import type { Db } from './database.js';
import { type CompiledSearch, compileSearch, periodParams, type WordForms } from './mention-search.js';
import type { MentionSummary, MentionWindow } from './mention-types.js';
import type { SearchHelper } from './search-helper.js';
import { KEY_MINUTE_MS } from './search-key.js';
import { applyShare, type SearchShare } from './search-share.js';
import { AUTHOR_LIMIT, bucketOf, createTally, TONE_CODE_SQL } from './search-tally.js';
import { tallyRunner } from './tally-runner.js';

type Statement = ReturnType<Db['prepare']>;

const STATEMENT_CACHE = 64;

export interface SearchSummaryDeps {
  db: Db;
  wordForms: WordForms;
  /** Authors a tally keeps before grouping them in SQL (tests set it low). */
  authorLimit?: number;
  /** The thread that counts part of a big search, when there is one. */
  helper?: () => SearchHelper | null;
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
  const run = tallyRunner(deps.db);
  const balance = createShareBalance();
  const authorCounts = createAuthorCounts(deps.authorLimit ?? AUTHOR_LIMIT);
  const idsOf = deps.db
    .prepare('SELECT rowid, id FROM authors WHERE rowid IN (SELECT value FROM json_each(?))')
    .raw();

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
    const spec = { lo, from: window.from, hi: window.to, edges: window.edges, shifted, top: topN };
    const tally = createTally({ ...spec, authors: authorCounts });
    const [mine, theirs] = sharesOf(compiled, spec, balance.share);
    const pending = deps.helper?.()?.start(theirs, spec) ?? null;
    const started = performance.now();
    applyShare(prepared, run, mine, tally);
    const mineMs = performance.now() - started;
    const answer = pending?.wait() ?? null;
    if (answer) {
      tally.merge(answer.partial);
      if (compiled.byKey) balance.learn(mineMs, answer.ms);
    } else applyShare(prepared, run, theirs, tally);
    const { top, authors, ...counts } = tally.result();
    const ranked = authors
      ? withIds(mostReach(authors, authorsN), authorsN)
      : allAuthors(root, window, authorsN);
    return deps.finish(counts, top, authorsN > 0 ? ranked : [], compiled.forms);
  };

  /** Authors by key with their ids, ranked by reach, mentions, then id. */
  function withIds(list: { key: number; followers: number; mentions: number }[], n: number): AuthorReach[] {
    if (list.length === 0) return [];
    const ids = new Map(idsOf.all(JSON.stringify(list.map((a) => a.key))) as [number, string][]);
    return list
      .map((a) => ({ id: ids.get(a.key) ?? String(a.key), followers: a.followers, mentions: a.mentions }))
      .sort(byReach)
      .slice(0, n);
  }

  /** Every author of the current period's matches grouped in SQL: when they were too many for the tally. */
  function allAuthors(root: QueryNode, window: MentionWindow, n: number): AuthorReach[] {
    if (n <= 0) return [];
    const compiled = compileSearch(root, deps.wordForms);
    const rows = prepared(`
      SELECT x.author_id, max(x.author_followers), count(*) ${compiled.from} ${compiled.where}
      GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT @authors`).all({
      ...compiled.params,
      ...periodParams(window.from, window.to),
      authors: n,
    }) as [string, number, number][];
    return rows.map(([id, followers, mentions]) => ({ id: String(id), followers, mentions }));
  }
}

/**
 * How much of the current period the helper takes when the index decides alone (it also counts the previous
 * period): starts at 0.4 and moves toward the share at which both threads would have finished together, from
 * what each took. Shares are exact whatever the split; only the time depends on it.
 */
function createShareBalance() {
  let share = 0.4;
  return {
    get share() {
      return share;
    },
    learn(mineMs: number, helperMs: number) {
      if (mineMs + helperMs < 10) return;
      // mine = (1 - share) · current; helper = fixed + share · current.
      const current = mineMs / Math.max(0.05, 1 - share);
      const fixed = Math.max(0, helperMs - share * current);
      const even = (current - fixed) / (2 * current);
      share = Math.min(0.9, Math.max(0.1, 0.7 * share + 0.3 * even));
    },
  };
}

/**
 * A search split in two shares of disjoint tweets, the caller's and the helper's. When the index decides the
 * query alone, the previous period's whole minutes inside each bucket are counted from the search keys, a minute
 * a bucket edge cuts is read row by row (only a row's exact time places it), and the current period is read row
 * by row, its older part in the helper's share. Otherwise each share reads one period row by row.
 */
function sharesOf(
  compiled: CompiledSearch,
  spec: { lo: number; from: number; hi: number; shifted: readonly number[] },
  helperShare: number,
): [mine: SearchShare, theirs: SearchShare] {
  const { lo, from, hi, shifted } = spec;
  const tallySql = `SELECT kestrel_tally(${compiled.minute}, x.created_at % ${KEY_MINUTE_MS}, ${TONE_CODE_SQL},
    x.seq, x.engagement, x.original, x.author_key, x.author_followers) ${compiled.from} ${compiled.where}`;
  const share = (rows: [number, number][], counts: [number, number, number][] = []): SearchShare => ({
    tallySql,
    countSql: compiled.byKey ? `SELECT count(*) ${compiled.byKey.from} ${compiled.byKey.where}` : null,
    params: compiled.params,
    rows,
    counts,
  });
  if (!compiled.byKey) return [share([[from, hi]]), share([[lo, from]])];
  const cuts = [lo, ...shifted.filter((e) => e > lo && e < from), from];
  const split = new Set(
    cuts.filter((e) => e % KEY_MINUTE_MS !== 0).map((e) => Math.floor(e / KEY_MINUTE_MS)),
  );
  const rows: [number, number][] = [...split].map((minute) => [
    Math.max(lo, minute * KEY_MINUTE_MS),
    Math.min(from, (minute + 1) * KEY_MINUTE_MS),
  ]);
  const counts: [number, number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = Math.ceil((cuts[i] as number) / KEY_MINUTE_MS) * KEY_MINUTE_MS;
    const b = Math.floor((cuts[i + 1] as number) / KEY_MINUTE_MS) * KEY_MINUTE_MS;
    if (b > a) counts.push([a, b, bucketOf(shifted, a)]);
  }
  const middle = Math.min(
    hi,
    Math.max(from, Math.round((from + (hi - from) * helperShare) / KEY_MINUTE_MS) * KEY_MINUTE_MS),
  );
  return [share([[middle, hi]]), share([...rows, [from, middle]], counts)];
}
