import type Database from 'better-sqlite3';
import { compareIds } from '../../src/domain.js';
import type { Coverage } from '../../src/monitor/coverage.js';
import { clausesOf } from '../../src/planner/atoms.js';
import { watchUnits } from '../../src/planner/pack.js';
import type { CursorStore } from '../../src/store/cursor-store.js';
import type { SkipStore } from '../../src/store/skip-store.js';
import type { Watch } from '../../src/watch/types.js';
import { type FakeXStore, matchesQuery, parseQuery } from '../fakes/x-api/index.js';

/** True when a unit with this coverage claims to have stored every tweet of its clauses with this id. */
export function covers(c: Coverage, id: string): boolean {
  if (compareIds(id, c.sinceId) <= 0) return true;
  return (
    c.gapUntil !== null &&
    c.gapTop !== null &&
    compareIds(id, c.gapUntil) >= 0 &&
    compareIds(id, c.gapTop) <= 0
  );
}

/** True when `id` lies in a stretch the unit gave up over the budget (a recorded over-budget gap). */
export function inRecordedSkip(ranges: ReturnType<SkipStore['ranges']>, unit: string, id: string): boolean {
  return ranges.some(
    (r) => r.unit === unit && compareIds(id, r.range.sinceId) > 0 && compareIds(id, r.range.untilId) < 0,
  );
}

/**
 * Tweets a cursor skipped: for every unit of every watch, the tweets of the fake that the unit's own query
 * finds (judged by the fake's evaluator, not Kestrel's router), that its cursor says are stored, and are not,
 * and that lie in no recorded over-budget gap of that unit (`skips`: what the budget gave up on purpose, shown
 * to users). Tweets with ids up to `from` (where new watches start: the backfill) are left out.
 */
export function skippedTweets(
  fake: FakeXStore,
  watches: readonly Watch[],
  cursors: CursorStore,
  skips: SkipStore,
  db: Database.Database,
  pack: { maxLength: number; suffix: string },
  from = '0',
): { watchId: number; id: string }[] {
  const stored = new Set(db.prepare('SELECT id FROM tweets').pluck().all() as string[]);
  const states = cursors.all();
  const skipped: { watchId: number; id: string }[] = [];
  for (const watch of watches) {
    const byKey = new Map((states.get(watch.id) ?? []).map((s) => [s.unit, s]));
    const given = skips.ranges(watch.id);
    for (const unit of watchUnits(clausesOf(watch), pack)) {
      const state = byKey.get(unit.key);
      if (!state) continue;
      const ast = parseQuery(pack.suffix ? `(${unit.text}) ${pack.suffix}` : unit.text);
      for (const tweet of fake.list((t, a) => matchesQuery(ast, t, a)))
        if (
          compareIds(tweet.id, from) > 0 &&
          covers(state.coverage, tweet.id) &&
          !stored.has(tweet.id) &&
          !inRecordedSkip(given, unit.key, tweet.id)
        )
          skipped.push({ watchId: watch.id, id: tweet.id });
    }
  }
  return skipped;
}
