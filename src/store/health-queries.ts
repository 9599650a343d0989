import type { Db } from './database.js';

/** Totals of X usage since the database was created. */
export interface UsageTotals {
  requests: number;
  tweetsRead: number;
  reReads: number;
  countsRequests: number;
}

/** What `/healthz` and `/metrics` read from the store; every method is one cheap query. */
export interface HealthQueries {
  /** Throws when the database does not answer. */
  ping(): void;
  /** When the last poll that stored something finished (ok or partial), or null. */
  lastGoodPoll(): number | null;
  pollsByStatus(): Record<string, number>;
  usageTotals(): UsageTotals;
  tweetsByLabel(): Record<string, number>;
}

export function createHealthQueries(db: Db): HealthQueries {
  const ping = db.prepare('SELECT 1').pluck();
  const lastGood = db
    .prepare("SELECT max(coalesce(finished_at, started_at)) FROM poll_runs WHERE status IN ('ok', 'partial')")
    .pluck();
  const polls = db.prepare('SELECT status AS key, count(*) AS n FROM poll_runs GROUP BY status');
  const usage = db.prepare(`
    SELECT coalesce(sum(requests), 0) AS requests, coalesce(sum(tweets_read), 0) AS tweetsRead,
      coalesce(sum(re_reads), 0) AS reReads, coalesce(sum(counts_requests), 0) AS countsRequests
    FROM api_usage`);
  const labels = db.prepare('SELECT label AS key, count(*) AS n FROM tweet_signals GROUP BY label');
  const tally = (rows: unknown[]) =>
    Object.fromEntries((rows as { key: string; n: number }[]).map((row) => [row.key, row.n]));
  return {
    ping: () => {
      ping.get();
    },
    lastGoodPoll: () => (lastGood.get() as number | null) ?? null,
    pollsByStatus: () => tally(polls.all()),
    usageTotals: () => usage.get() as UsageTotals,
    tweetsByLabel: () => tally(labels.all()),
  };
}
