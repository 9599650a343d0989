import type { Coverage } from '../monitor/coverage.js';
import type { Db } from './database.js';

/** What of the budget stopped a unit: its watch's cap, the day's allowance, or the month's budget. */
export type OverBudgetReason = 'cap' | 'allowance' | 'month';

/** A unit's read coverage and its failures (migration 8, `query_cursors`). */
export interface UnitState {
  watchId: number;
  /** The unit's identity within its watch: a hash of the clauses it carries. */
  unit: string;
  coverage: Coverage;
  /** Failures of this unit's query in a row (400, a malformed page); 0 when the last read went well. */
  failures: number;
  /** When a failing unit may be tried again (epoch ms), or null. */
  retryAt: number | null;
  lastError: string | null;
  /**
   * The UTC day (YYYY-MM-DD) on which the budget stopped this unit with posts still to read, and why (migration
   * 15); null when it has not. On a later day the unit gives up what it did not read of that day.
   */
  overBudget: { day: string; reason: OverBudgetReason } | null;
}

/** Where each unit of each watch has read up to. */
export interface CursorStore {
  /** Every unit's state, by watch. */
  all(): Map<number, UnitState[]>;
  save(state: UnitState, now: number): void;
  /** Forgets the units of a watch that are not among `keep` (its terms changed or the tier's limit did). */
  retain(watchId: number, keep: readonly string[]): void;
}

interface Row {
  watch_id: number;
  unit: string;
  since_id: string;
  gap_until: string | null;
  gap_top: string | null;
  failures: number;
  retry_at: number | null;
  last_error: string | null;
  over_budget_day: string | null;
  over_budget_reason: OverBudgetReason | null;
}

export function createCursorStore(db: Db): CursorStore {
  const selectAll = db.prepare('SELECT * FROM query_cursors ORDER BY watch_id, unit');
  const upsert = db.prepare(`
    INSERT INTO query_cursors (watch_id, unit, since_id, gap_until, gap_top, failures, retry_at, last_error,
      over_budget_day, over_budget_reason, updated_at)
    VALUES (@watchId, @unit, @sinceId, @gapUntil, @gapTop, @failures, @retryAt, @lastError, @overBudgetDay,
      @overBudgetReason, @now)
    ON CONFLICT (watch_id, unit) DO UPDATE SET since_id = excluded.since_id, gap_until = excluded.gap_until,
      gap_top = excluded.gap_top, failures = excluded.failures, retry_at = excluded.retry_at,
      last_error = excluded.last_error, over_budget_day = excluded.over_budget_day,
      over_budget_reason = excluded.over_budget_reason, updated_at = excluded.updated_at`);
  const unitsOf = db.prepare('SELECT unit FROM query_cursors WHERE watch_id = ?').pluck();
  const remove = db.prepare('DELETE FROM query_cursors WHERE watch_id = ? AND unit = ?');
  return {
    all() {
      const out = new Map<number, UnitState[]>();
      for (const r of selectAll.all() as Row[]) {
        const state: UnitState = {
          watchId: r.watch_id,
          unit: r.unit,
          coverage: { sinceId: r.since_id, gapUntil: r.gap_until, gapTop: r.gap_top },
          failures: r.failures,
          retryAt: r.retry_at,
          lastError: r.last_error,
          overBudget:
            r.over_budget_day === null
              ? null
              : { day: r.over_budget_day, reason: r.over_budget_reason ?? 'allowance' },
        };
        const list = out.get(r.watch_id);
        if (list) list.push(state);
        else out.set(r.watch_id, [state]);
      }
      return out;
    },
    save(state, now) {
      upsert.run({
        watchId: state.watchId,
        unit: state.unit,
        sinceId: state.coverage.sinceId,
        gapUntil: state.coverage.gapUntil,
        gapTop: state.coverage.gapTop,
        failures: state.failures,
        retryAt: state.retryAt,
        lastError: state.lastError,
        overBudgetDay: state.overBudget?.day ?? null,
        overBudgetReason: state.overBudget?.reason ?? null,
        now,
      });
    },
    retain(watchId, keep) {
      const wanted = new Set(keep);
      for (const unit of unitsOf.all(watchId) as string[]) if (!wanted.has(unit)) remove.run(watchId, unit);
    },
  };
}
