import type { Db } from './database.js';

export interface PollRun {
  startedAt: number;
  finishedAt?: number;
  /** `partial`: some queries failed, the others were stored. */
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  message?: string;
  requests: number;
  tweetsRead: number;
  tweetsNew: number;
  /** Queries of the cycle that failed (their cause is in `message`). */
  failedQueries?: number;
}

/** The history of poll cycles, for `/stats` and `db stats`: last run, last error. */
export interface RunStore {
  record(run: PollRun): void;
  last(): PollRun | null;
  /** The last cycle with a failure: failed, or partial (some queries failed). */
  lastError(): PollRun | null;
}

interface RunRow {
  started_at: number;
  finished_at: number | null;
  status: PollRun['status'];
  message: string | null;
  requests: number;
  tweets_read: number;
  tweets_new: number;
  failed_queries: number;
}

export function createRunStore(db: Db): RunStore {
  const insert = db.prepare(`
    INSERT INTO poll_runs (started_at, finished_at, status, requests, tweets_read, tweets_new, message, failed_queries)
    VALUES (@startedAt, @finishedAt, @status, @requests, @tweetsRead, @tweetsNew, @message, @failedQueries)`);
  const last = db.prepare('SELECT * FROM poll_runs ORDER BY id DESC LIMIT 1');
  const lastError = db.prepare(
    "SELECT * FROM poll_runs WHERE status IN ('failed', 'partial') ORDER BY id DESC LIMIT 1",
  );
  const toRun = (row: RunRow | undefined): PollRun | null =>
    row
      ? {
          startedAt: row.started_at,
          ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
          status: row.status,
          ...(row.message === null ? {} : { message: row.message }),
          requests: row.requests,
          tweetsRead: row.tweets_read,
          tweetsNew: row.tweets_new,
          failedQueries: row.failed_queries,
        }
      : null;
  return {
    record(run) {
      insert.run({ finishedAt: null, message: null, failedQueries: 0, ...run });
    },
    last: () => toRun(last.get() as RunRow | undefined),
    lastError: () => toRun(lastError.get() as RunRow | undefined),
  };
}
