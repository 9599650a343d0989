import type { IdRange } from '../monitor/coverage.js';
import { snowflakeTime } from '../x/snowflake.js';
import type { OverBudgetReason } from './cursor-store.js';
import type { Db } from './database.js';

const DAY_MS = 86_400_000;
/** Less of the day read than this, and there is nothing to estimate the skipped posts by. */
const MIN_COVERED_MS = 3_600_000;

/** What a watch gave up of one UTC day over the budget: its units' stretches of ids never read. */
export interface SkipEvent {
  watchId: number;
  /** The UTC day (YYYY-MM-DD) whose allowance or cap did not reach these posts. */
  day: string;
  reason: OverBudgetReason;
  ranges: { unit: string; range: IdRange }[];
}

/** A recorded skip, for `/stats`, `/watch list` and `kestrel db stats`. */
export interface RecordedSkip {
  watchId: number;
  day: string;
  reason: OverBudgetReason;
  /** When the oldest and the newest skipped ids were posted (epoch ms). */
  fromAt: number;
  toAt: number;
  /**
   * About how many posts the watch's query would have found there: the pace of its posts over the rest of the
   * day times the skipped time; null when it read too little of the day to tell.
   */
  postsEstimate: number | null;
  /** Of them, posts stored anyway (another watch's query read them): the watch has these. */
  postsReached: number;
  recordedAt: number;
}

/** Gaps the budget left on purpose (migration 10), and where they are. */
export interface SkipStore {
  /** Records a skip with its estimate (run it in the transaction that moves the units' cursors). */
  record(event: SkipEvent, at: number): RecordedSkip;
  /** Skips of days from `fromDay` on (YYYY-MM-DD, inclusive), newest day first. */
  since(fromDay: string): RecordedSkip[];
  /** Every skipped stretch of ids of a watch's units, with the day it was given up over. */
  ranges(watchId: number): { unit: string; day: string; range: IdRange }[];
}

interface SkipRow {
  watch_id: number;
  day: string;
  reason: OverBudgetReason;
  from_at: number;
  to_at: number;
  posts_estimate: number | null;
  posts_reached: number;
  recorded_at: number;
}

export function createSkipStore(db: Db): SkipStore {
  const insertSkip = db.prepare(`
    INSERT INTO budget_skips (watch_id, day, reason, from_at, to_at, posts_estimate, posts_reached, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertRange = db.prepare(
    'INSERT INTO budget_skip_ranges (skip_id, unit, since_id, until_id) VALUES (?, ?, ?, ?)',
  );
  // CROSS JOIN keeps the tweets of the stretch (tweets_created) outside: a day's tweets, not all the watch's matches.
  const matchesBetween = db
    .prepare(`
    SELECT count(*) FROM tweets t CROSS JOIN watch_matches m ON m.watch_id = ? AND m.tweet_seq = t.seq
    WHERE t.created_at >= ? AND t.created_at < ?`)
    .pluck();
  const selectSince = db.prepare('SELECT * FROM budget_skips WHERE day >= ? ORDER BY day DESC, watch_id, id');
  const selectRanges = db.prepare(`
    SELECT r.unit, s.day, r.since_id, r.until_id FROM budget_skip_ranges r JOIN budget_skips s ON s.id = r.skip_id
    WHERE s.watch_id = ? ORDER BY r.skip_id`);

  const count = (watchId: number, [from, to]: Interval) => matchesBetween.get(watchId, from, to) as number;

  return {
    record(event, at) {
      const spans = union(
        event.ranges.map(({ range }) => [snowflakeTime(range.sinceId), snowflakeTime(range.untilId)]),
      );
      const dayStart = Date.parse(`${event.day}T00:00:00Z`);
      const inDay = spans.flatMap(([from, to]): Interval[] => {
        const a = Math.max(from, dayStart);
        const b = Math.min(to, dayStart + DAY_MS);
        return a < b ? [[a, b]] : [];
      });
      const skippedMs = spans.reduce((n, [from, to]) => n + (to - from), 0);
      const coveredMs = DAY_MS - inDay.reduce((n, [from, to]) => n + (to - from), 0);
      const reached = spans.reduce((n, span) => n + count(event.watchId, span), 0);
      // The pace of the watch's posts over the part of the day it read (the rest of its matches came through
      // other watches' queries and are left out of the pace).
      const readInDay =
        count(event.watchId, [dayStart, dayStart + DAY_MS]) -
        inDay.reduce((n, span) => n + count(event.watchId, span), 0);
      const estimate =
        coveredMs >= MIN_COVERED_MS
          ? Math.max(reached, Math.round((readInDay / coveredMs) * skippedMs))
          : null;
      const skip: RecordedSkip = {
        watchId: event.watchId,
        day: event.day,
        reason: event.reason,
        fromAt: spans[0]?.[0] ?? dayStart,
        toAt: spans.at(-1)?.[1] ?? dayStart,
        postsEstimate: estimate,
        postsReached: reached,
        recordedAt: at,
      };
      const id = insertSkip.run(
        skip.watchId,
        skip.day,
        skip.reason,
        skip.fromAt,
        skip.toAt,
        skip.postsEstimate,
        skip.postsReached,
        at,
      ).lastInsertRowid;
      for (const { unit, range } of event.ranges) insertRange.run(id, unit, range.sinceId, range.untilId);
      return skip;
    },
    since(fromDay) {
      return (selectSince.all(fromDay) as SkipRow[]).map((r) => ({
        watchId: r.watch_id,
        day: r.day,
        reason: r.reason,
        fromAt: r.from_at,
        toAt: r.to_at,
        postsEstimate: r.posts_estimate,
        postsReached: r.posts_reached,
        recordedAt: r.recorded_at,
      }));
    },
    ranges(watchId) {
      const rows = selectRanges.all(watchId) as {
        unit: string;
        day: string;
        since_id: string;
        until_id: string;
      }[];
      return rows.map((r) => ({
        unit: r.unit,
        day: r.day,
        range: { sinceId: r.since_id, untilId: r.until_id },
      }));
    },
  };
}

/** A stretch of time, [from, to) in epoch ms. */
type Interval = [number, number];

/** Stretches of time merged where they overlap, oldest first. */
function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
