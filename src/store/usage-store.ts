import type { Db } from './database.js';

/** Reads of the X API, counted per UTC day: the monthly budget is the sum over the UTC month. */
export interface UsageStore {
  record(at: number, requests: number, tweetsRead: number): void;
  day(at: number): { requests: number; tweetsRead: number };
  month(at: number): { requests: number; tweetsRead: number };
}

/** The UTC day of an instant, as YYYY-MM-DD (budgets follow UTC, not a chat's timezone). */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function createUsageStore(db: Db): UsageStore {
  const upsert = db.prepare(`
    INSERT INTO api_usage (day, requests, tweets_read) VALUES (?, ?, ?)
    ON CONFLICT (day) DO UPDATE SET requests = requests + excluded.requests,
      tweets_read = tweets_read + excluded.tweets_read`);
  const sumLike = db.prepare(
    'SELECT coalesce(sum(requests), 0) AS requests, coalesce(sum(tweets_read), 0) AS tweetsRead FROM api_usage WHERE day LIKE ?',
  );
  return {
    record: (at, requests, tweetsRead) => {
      upsert.run(utcDay(at), requests, tweetsRead);
    },
    day: (at) => sumLike.get(utcDay(at)) as { requests: number; tweetsRead: number },
    month: (at) => sumLike.get(`${utcDay(at).slice(0, 7)}-%`) as { requests: number; tweetsRead: number },
  };
}
