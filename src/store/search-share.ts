/**
 * A part of a search's summary that can be counted apart, on the search helper's thread or on the caller's:
 * time ranges whose matches the tally statement reads row by row, and whole-minute ranges of the previous period
 * counted from the search keys. Shares of one search cover disjoint tweets, so their tallies add up.
 */
import { periodParams } from './mention-search.js';
import { minuteKey } from './search-key.js';
import type { Tally } from './search-tally.js';
import type { TallyRunner } from './tally-runner.js';

/** The statements a share runs and the ranges it runs them over. */
export interface SearchShare {
  /** `SELECT kestrel_tally(…) FROM … WHERE …`, bound with the search's params and a period. */
  tallySql: string;
  /** `SELECT count(*) FROM tweets_fts f WHERE …` over keys `[@keyLo, @keyHi)`, when the index decides alone. */
  countSql: string | null;
  params: Record<string, string | number>;
  /** `[a, b)` by creation time, read row by row. */
  rows: [number, number][];
  /** `[a, b)` whole minutes of the previous period and the previous bucket they fall in, counted from the keys. */
  counts: [number, number, number][];
}

/** Statements by SQL text, prepared once (raw rows). */
export type Prepare = (sql: string) => { get(params: Record<string, unknown>): unknown };

/** Counts `share` into `tally`. */
export function applyShare(prepare: Prepare, run: TallyRunner, share: SearchShare, tally: Tally): void {
  const rows = prepare(share.tallySql);
  for (const [a, b] of share.rows) {
    if (b > a) run(rows, { ...share.params, ...periodParams(a, b) }, tally);
  }
  if (share.counts.length === 0) return;
  if (!share.countSql) throw new Error('a share with key counts needs countSql');
  const count = prepare(share.countSql);
  for (const [a, b, bucket] of share.counts) {
    const [n] = count.get({ ...share.params, keyLo: minuteKey(a), keyHi: minuteKey(b) }) as [number];
    tally.addPrevious(bucket, n);
  }
}
