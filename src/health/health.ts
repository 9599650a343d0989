import type { HealthQueries } from '../store/health-queries.js';

/** One check of `/healthz`: passed, and what was seen. */
export interface HealthCheck {
  ok: boolean;
  detail: string;
}

/** The answer of `/healthz`: 200 when every check passed, else 503 naming the failed ones. */
export interface HealthReport {
  ok: boolean;
  checks: { database: HealthCheck; poll: HealthCheck; dispatcher: HealthCheck };
}

export interface HealthDeps {
  queries: Pick<HealthQueries, 'ping' | 'lastGoodPoll'>;
  now: () => number;
  /** Demo mode: no X polling, so the poll check always passes. */
  demo: boolean;
  /** The time between two scheduled polls; the last good poll must be within 3 of them. */
  pollIntervalMs: () => number | null;
  /** When `kestrel start` began: a first poll is not yet overdue within 3 intervals of it. */
  startedAt: number;
  /** Whether the dispatcher loop is running (supervised, not in backoff) and when it last went round. */
  dispatcher: () => { alive: boolean; heartbeat: number };
  /** A loop that has not gone round for this long is stuck (default 60 s). */
  stuckAfterMs?: number;
}

/** Runs the three checks of `/healthz`: the database answers, polling is recent, the dispatcher is alive. */
export function checkHealth(deps: HealthDeps): HealthReport {
  const now = deps.now();
  let database: HealthCheck;
  try {
    deps.queries.ping();
    database = { ok: true, detail: 'answers' };
  } catch (error) {
    database = { ok: false, detail: `does not answer: ${(error as Error).message}` };
  }
  const poll = database.ok
    ? pollCheck(deps, now)
    : { ok: false, detail: 'unknown: the database does not answer' };
  const state = deps.dispatcher();
  const quiet = now - state.heartbeat;
  const stuckAfter = deps.stuckAfterMs ?? 60_000;
  const dispatcher: HealthCheck = !state.alive
    ? { ok: false, detail: 'not running (crashed, restarting or stopped)' }
    : quiet > stuckAfter
      ? { ok: false, detail: `stuck: no round for ${Math.round(quiet / 1000)} s` }
      : { ok: true, detail: 'running' };
  return { ok: database.ok && poll.ok && dispatcher.ok, checks: { database, poll, dispatcher } };
}

function pollCheck(deps: HealthDeps, now: number): HealthCheck {
  if (deps.demo) return { ok: true, detail: 'demo mode: no X polling' };
  const interval = deps.pollIntervalMs();
  if (interval === null) return { ok: false, detail: 'polling is not scheduled' };
  const last = deps.queries.lastGoodPoll();
  const since = last ?? deps.startedAt;
  const age = now - since;
  if (age <= 3 * interval) {
    return {
      ok: true,
      detail: last === null ? 'first poll not yet due' : `last good poll ${Math.round(age / 1000)} s ago`,
    };
  }
  return {
    ok: false,
    detail: `${last === null ? 'no good poll since start' : `last good poll ${Math.round(age / 1000)} s ago`}, more than 3 × the ${Math.round(interval / 1000)} s interval`,
  };
}
