import { compareIds } from '../domain.js';
import { isKestrelError } from '../errors.js';
import { type PackOptions, type PackUnit, packUnits } from '../planner/pack.js';
import type { UnitState } from '../store/cursor-store.js';
import type { SkipEvent } from '../store/skip-store.js';
import { utcDay } from '../store/usage-store.js';
import type { Watch } from '../watch/types.js';
import { snowflakeAt } from '../x/snowflake.js';
import type { Pause } from './budget.js';
import {
  type Coverage,
  clampToWindow,
  coverageKey,
  type IdRange,
  passOver,
  rangesToRead,
} from './coverage.js';
import type { PlannedQuery } from './query-read.js';

/** A packed query of a round and the unit states it reads for. */
export interface RoundQuery extends PlannedQuery {
  units: UnitState[];
}

/** What one round of a cycle reads, and who waits. */
export interface RoundPlan {
  /** Oldest coverage first, so what waited longest is read first when the budget is short. */
  queries: RoundQuery[];
  /** Watches not read this round, and why. */
  paused: Map<number, Pause | { kind: 'unfit'; message: string }>;
  /** Units created, moved or marked while planning (to be saved as they are). */
  changed: UnitState[];
  /** Ids that fell out of X's window unread, per watch. */
  lost: { watchId: number; range: IdRange }[];
  /** What units the budget stopped on an earlier day gave up of that day (to be recorded with `changed`). */
  skipped: SkipEvent[];
}

export interface RoundInput {
  watches: readonly Watch[];
  states: ReadonlyMap<number, readonly UnitState[]>;
  /** A watch's units under the tier's query limit (see `watchUnits`); throws INPUT_INVALID when one cannot fit. */
  unitsOf(watch: Watch): PackUnit[];
  pack: PackOptions;
  now: number;
  untilId: string;
  /** The oldest id X still serves (its 7-day window, with a margin). */
  floorId: string;
  /** Where a unit never read starts: the backfill (`x.backfillDays`), never below the floor. */
  backfillId: string;
  /** A watch's cursor from before per-unit cursors, if it has one. */
  legacyCursor(watch: Watch): string | null;
  /** The watch's pause by the budget, if any (see `pauseOf`). */
  pauseOf(watch: Watch): Pause | null;
  /** Units that failed earlier in this cycle: not tried again until the next one. */
  failedThisCycle: ReadonlySet<string>;
}

/** `watchId:unit`: a unit's name in a cycle. */
export function unitName(state: Pick<UnitState, 'watchId' | 'unit'>): string {
  return `${state.watchId}:${state.unit}`;
}

const DAY_MS = 86_400_000;

/**
 * Plans a round: each watch's units (whole, or parts of a split watch) with what they have still to read,
 * grouped by identical coverage and packed into as few queries as fit. Units that failed are read alone, so
 * one bad clause cannot hold the others back; units backing off, and watches paused by the budget or their
 * cap, wait with a reason.
 *
 * A day's budget buys that day's posts. A watch the budget pauses with posts still to read is over budget for
 * the day: its units remember the day, and on a later day give up what they did not read of it (`passOver` to
 * the next day's start, recorded in `skipped`) and go on with the new day's posts. Read a day late, every
 * post of it that another watch's query had read would be billed a second time, and a watch held back by its
 * cap would fall further behind each day. Units that failed or waited for X are not over budget: they read
 * all they missed.
 */
export function planRound(input: RoundInput): RoundPlan {
  const plan: RoundPlan = { queries: [], paused: new Map(), changed: [], lost: [], skipped: [] };
  const changed = new Map<string, UnitState>();
  const skips = new Map<string, SkipEvent>();
  const today = utcDay(input.now);
  const groups = new Map<string, { coverage: Coverage; units: { unit: PackUnit; state: UnitState }[] }>();
  for (const watch of input.watches) {
    let units: PackUnit[];
    try {
      units = input.unitsOf(watch);
    } catch (error) {
      if (!isKestrelError(error, 'INPUT_INVALID')) throw error;
      plan.paused.set(watch.id, { kind: 'unfit', message: error.message });
      continue;
    }
    const pause = input.pauseOf(watch);
    if (pause) plan.paused.set(watch.id, pause);
    const known = new Map((input.states.get(watch.id) ?? []).map((s) => [s.unit, s]));
    const legacy = input.legacyCursor(watch);
    for (const unit of units) {
      const saved = known.get(unit.key);
      let state: UnitState = saved ?? {
        watchId: watch.id,
        unit: unit.key,
        coverage: {
          sinceId: legacy && compareIds(legacy, input.backfillId) > 0 ? legacy : input.backfillId,
          gapUntil: null,
          gapTop: null,
        },
        failures: 0,
        retryAt: null,
        lastError: null,
        overBudget: null,
      };
      const update = (next: UnitState) => {
        state = next;
        changed.set(unitName(next), next);
      };
      if (!saved) update(state);
      const clamped = clampToWindow(state.coverage, input.floorId);
      if (clamped.lost.length > 0) {
        update({ ...state, coverage: clamped.coverage });
        for (const range of clamped.lost) plan.lost.push({ watchId: watch.id, range });
      }
      const over = state.overBudget;
      if (over && over.day < today) {
        const nextDay = snowflakeAt(Date.parse(`${over.day}T00:00:00Z`) + DAY_MS);
        const { coverage, passed } = passOver(state.coverage, nextDay);
        update({ ...state, coverage, overBudget: null });
        if (passed.length > 0) {
          const key = `${watch.id}|${over.day}`;
          const skip = skips.get(key) ?? {
            watchId: watch.id,
            day: over.day,
            reason: over.reason,
            ranges: [],
          };
          skip.ranges.push(...passed.map((range) => ({ unit: unit.key, range })));
          skips.set(key, skip);
        }
      }
      if (pause) {
        if (
          pause.kind !== 'backoff' &&
          state.overBudget === null &&
          rangesToRead(state.coverage, input.untilId).length > 0
        )
          update({ ...state, overBudget: { day: today, reason: pause.kind } });
        continue;
      }
      if (input.failedThisCycle.has(unitName(state))) continue;
      if (state.retryAt !== null && state.retryAt > input.now) {
        plan.paused.set(watch.id, {
          kind: 'backoff',
          error: state.lastError ?? 'failed',
          retryAt: state.retryAt,
        });
        continue;
      }
      if (rangesToRead(state.coverage, input.untilId).length === 0) continue;
      const key = state.failures > 0 ? `alone:${unitName(state)}` : coverageKey(state.coverage);
      const group = groups.get(key) ?? { coverage: state.coverage, units: [] };
      group.units.push({ unit, state });
      groups.set(key, group);
    }
  }
  for (const group of groups.values()) {
    const byKey = new Map(group.units.map((u) => [unitName(u.state), u.state]));
    for (const packed of packUnits(
      group.units.map((u) => u.unit),
      input.pack,
    )) {
      plan.queries.push({
        query: packed.query,
        watchIds: packed.watchIds,
        coverage: group.coverage,
        units: packed.units.map((u) => byKey.get(`${u.watchId}:${u.key}`) as UnitState),
      });
    }
  }
  plan.queries.sort((a, b) => compareIds(a.coverage.sinceId, b.coverage.sinceId));
  plan.changed = [...changed.values()];
  plan.skipped = [...skips.values()];
  return plan;
}
