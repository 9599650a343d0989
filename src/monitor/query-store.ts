import type { Clock } from '../clock.js';
import { compareIds } from '../domain.js';
import { isKestrelError, KestrelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Ingestor } from '../pipeline/ingest.js';
import type { UnitState } from '../store/cursor-store.js';
import type { Watch } from '../watch/types.js';
import type { RoundQuery } from './poll-plan.js';
import type { QueryRead } from './query-read.js';
import type { PollStores } from './stores.js';

/** A unit whose query failed twice in a row waits this long, doubling, up to six hours. */
const BACKOFF_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** What storing one query's read did. */
export interface QueryStored {
  tweetsNew: number;
  matchesNew: number;
  perWatch: Map<number, number>;
  /** The read's failure, or the store's; null when all went well. */
  failure: KestrelError | null;
}

/**
 * Stores what a query read with its units' new coverage in one transaction (the tweets are classified
 * ahead on the worker pool, or while storing if that fails). A failed read still moves the coverage over
 * what it read; a failed store moves nothing and counts as the query's failure. `states` (a cycle's view of
 * the units) is kept up to date, and each watch's own cursor follows the lowest of its units'.
 */
export function createQueryStore(deps: {
  stores: PollStores;
  ingestor: Ingestor;
  clock: Clock;
  logger: Logger;
}) {
  const { stores, clock, logger } = deps;
  async function store(
    query: RoundQuery,
    read: QueryRead,
    watches: readonly Watch[],
    states: Map<number, UnitState[]>,
  ): Promise<QueryStored> {
    const outcome: QueryStored = { tweetsNew: 0, matchesNew: 0, perWatch: new Map(), failure: null };
    const at = clock.now();
    let failure = read.error ?? null;
    let prepared: Awaited<ReturnType<Ingestor['prepare']>> | undefined;
    try {
      prepared = await deps.ingestor.prepare(read.tweets);
    } catch (error) {
      logger.warn({ err: error }, 'classifying ahead failed; classifying while storing');
    }
    try {
      stores.transaction(() => {
        const result = deps.ingestor.ingest(read.tweets, read.authors, watches, at, prepared);
        outcome.tweetsNew = result.tweetsNew;
        outcome.matchesNew = result.matchesNew;
        outcome.perWatch = result.perWatch;
        for (const unit of query.units) {
          const saved = next(unit, read.coverage, failure, at);
          stores.cursors.save(saved, at);
          const list = states.get(unit.watchId) ?? [];
          states.set(unit.watchId, [...list.filter((u) => u.unit !== unit.unit), saved]);
        }
        for (const id of query.watchIds) syncWatchCursor(id, watches, states.get(id) ?? []);
      });
    } catch (error) {
      failure = isKestrelError(error)
        ? error
        : new KestrelError('STORE_FAILED', (error as Error).message, { cause: error });
      outcome.tweetsNew = 0;
      outcome.matchesNew = 0;
      outcome.perWatch = new Map();
      for (const unit of query.units) stores.cursors.save(next(unit, unit.coverage, failure, at), at);
    }
    if (failure)
      logger.error({ code: failure.code, query: query.query }, `poll query failed: ${failure.message}`);
    outcome.failure = failure;
    return outcome;
  }

  /** A unit's state after its query: the new coverage, and its failures counted (400s and bad pages only). */
  function next(
    unit: UnitState,
    coverage: UnitState['coverage'],
    failure: KestrelError | null,
    at: number,
  ): UnitState {
    if (!failure) return { ...unit, coverage, failures: 0, retryAt: null, lastError: null };
    const persistent = !['UPSTREAM_UNAVAILABLE', 'RATE_LIMITED'].includes(failure.code);
    const failures = persistent ? unit.failures + 1 : unit.failures;
    const retryAt = failures >= 2 ? at + Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (failures - 2)) : null;
    return {
      ...unit,
      coverage,
      failures,
      retryAt,
      lastError: `${failure.code}: ${failure.message}`.slice(0, 300),
    };
  }

  /** The watch's own cursor (`watch_cursors`): the lowest of its units', below which it has everything. */
  function syncWatchCursor(watchId: number, watches: readonly Watch[], units: readonly UnitState[]): void {
    const watch = watches.find((w) => w.id === watchId);
    if (!watch || units.length === 0) return;
    let lowest = (units[0] as UnitState).coverage.sinceId;
    for (const u of units) if (compareIds(u.coverage.sinceId, lowest) < 0) lowest = u.coverage.sinceId;
    stores.watches.setCursor(watch, lowest, clock.now());
  }

  return store;
}
