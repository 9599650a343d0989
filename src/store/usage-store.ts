import type { Db } from './database.js';

/** What X was asked and what it billed over a UTC day or month. */
export interface Usage {
  /** Requests that read posts (search, timelines, lookups). */
  requests: number;
  /** Posts billed: each post once per UTC day. */
  tweetsRead: number;
  /** Posts X returned again the same UTC day: not billed ("should be 0"; overlapping queries cause them). */
  reReads: number;
  /** `counts/recent` requests: billed once each, whatever they count. */
  countsRequests: number;
}

/**
 * Reads of the X API, counted per UTC day as X bills them: the monthly budget is the sum over the UTC
 * month. Each response is recorded as soon as it arrives, in its own write, so nothing that happens after
 * (a failed page, a crashed transaction) can lose a billed read.
 */
export interface UsageStore {
  /**
   * Records one response that returned these posts: the ones not read yet this UTC day are billed, the
   * others are re-reads. Returns the ids that were billed.
   */
  recordRead(at: number, postIds: readonly string[]): Set<string>;
  /** Records `counts/recent` requests. */
  recordCounts(at: number, requests: number): void;
  /** Adds billed posts to watches' daily reads (for `x.maxReadsPerWatchPerDay`). */
  recordWatchReads(at: number, reads: ReadonlyMap<number, number>): void;
  /** Billed posts per watch this UTC day. */
  watchReads(at: number): Map<number, number>;
  day(at: number): Usage;
  month(at: number): Usage;
  /** Usage of each UTC day of the month of `at` so far, oldest first. */
  daysOfMonth(at: number): (Usage & { day: string })[];
}

/** The UTC day of an instant, as YYYY-MM-DD (budgets follow UTC, not a chat's timezone). */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

const SUMS = `coalesce(sum(requests), 0) AS requests, coalesce(sum(tweets_read), 0) AS tweetsRead,
  coalesce(sum(re_reads), 0) AS reReads, coalesce(sum(counts_requests), 0) AS countsRequests`;

export function createUsageStore(db: Db): UsageStore {
  const upsert = db.prepare(`
    INSERT INTO api_usage (day, requests, tweets_read, re_reads, counts_requests) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (day) DO UPDATE SET requests = requests + excluded.requests,
      tweets_read = tweets_read + excluded.tweets_read, re_reads = re_reads + excluded.re_reads,
      counts_requests = counts_requests + excluded.counts_requests`);
  const markRead = db.prepare('INSERT OR IGNORE INTO read_posts (day, id) VALUES (?, ?)');
  // Only today's posts can be re-read for free: older days' rows are dropped as a new day starts.
  const forgetBefore = db.prepare('DELETE FROM read_posts WHERE day < ?');
  const addWatchReads = db.prepare(`
    INSERT INTO watch_reads (watch_id, day, reads) VALUES (?, ?, ?)
    ON CONFLICT (watch_id, day) DO UPDATE SET reads = reads + excluded.reads`);
  const watchReadsOf = db.prepare('SELECT watch_id, reads FROM watch_reads WHERE day = ?');
  const sumLike = db.prepare(`SELECT ${SUMS} FROM api_usage WHERE day LIKE ?`);
  const perDay = db.prepare(`SELECT day, ${SUMS} FROM api_usage WHERE day LIKE ? GROUP BY day ORDER BY day`);
  let lastDay = '';

  const recordRead = db.transaction((at: number, ids: readonly string[]) => {
    const day = utcDay(at);
    if (day !== lastDay) {
      forgetBefore.run(day);
      lastDay = day;
    }
    const billed = new Set<string>();
    for (const id of ids) if (markRead.run(day, id).changes === 1) billed.add(id);
    upsert.run(day, 1, billed.size, ids.length - billed.size, 0);
    return billed;
  });
  const recordWatchReads = db.transaction((at: number, reads: ReadonlyMap<number, number>) => {
    const day = utcDay(at);
    for (const [watchId, n] of reads) if (n > 0) addWatchReads.run(watchId, day, n);
  });

  return {
    recordRead: (at, ids) => recordRead(at, ids),
    recordCounts: (at, requests) => {
      upsert.run(utcDay(at), 0, 0, 0, requests);
    },
    recordWatchReads: (at, reads) => recordWatchReads(at, reads),
    watchReads: (at) =>
      new Map(
        (watchReadsOf.all(utcDay(at)) as { watch_id: number; reads: number }[]).map((r) => [
          r.watch_id,
          r.reads,
        ]),
      ),
    day: (at) => sumLike.get(utcDay(at)) as Usage,
    month: (at) => sumLike.get(`${utcDay(at).slice(0, 7)}-%`) as Usage,
    daysOfMonth: (at) => perDay.all(`${utcDay(at).slice(0, 7)}-%`) as (Usage & { day: string })[],
  };
}
