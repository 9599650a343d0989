import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** How a supervised part is restarted, and when the supervisor gives up. */
export interface SupervisionPolicy {
  /** First restart delay; doubled per crash in a row (default 1 s). */
  baseMs: number;
  /** Longest restart delay (default 60 s). */
  capMs: number;
  /** Crashes in a row after which the process should exit non-zero (default 5). */
  maxCrashesInARow: number;
  /** A run this long without a crash clears the streak (default 60 s). */
  healthyAfterMs: number;
}

/** What the supervisor knows of one part. */
export interface PartState {
  /** Running now (a loop inside its run, a job not in backoff and not given up). */
  alive: boolean;
  /** Crashes since start. */
  crashes: number;
  /** Crashes since the last healthy stretch. */
  inARow: number;
  restarts: number;
  lastError: string | null;
}

/**
 * Supervises the long-running parts of `kestrel start` (the dispatcher loop, the poll scheduler, the digest
 * cron): a crash is logged with its cause and counted, the part restarts after a capped exponential
 * backoff, and after `maxCrashesInARow` crashes without a healthy stretch `onGiveUp` is told (the runtime
 * then shuts down and exits non-zero, so the container's restart policy acts).
 */
export interface Supervisor {
  /** Runs a loop that should only return when stopped; a throw (or an early return) restarts it. */
  loop(name: string, run: () => Promise<void>): void;
  /** Runs one execution of a periodic job; a throw counts as a crash of `name`, a success clears its streak. */
  job(name: string, run: () => Promise<void> | void): Promise<void>;
  state(name: string): PartState | null;
  states(): Record<string, PartState>;
  /** Stops restarting; resolves when every loop returned. */
  stop(): Promise<void>;
}

export interface SupervisorDeps {
  clock: Clock;
  logger: Logger;
  policy?: Partial<SupervisionPolicy>;
  /** Told once, when a part crashed too often in a row. */
  onGiveUp: (name: string, error: unknown) => void;
  /** Told of every crash (metrics). */
  onCrash?: (name: string) => void;
}

export function createSupervisor(deps: SupervisorDeps): Supervisor {
  const policy: SupervisionPolicy = {
    baseMs: 1000,
    capMs: 60_000,
    maxCrashesInARow: 5,
    healthyAfterMs: 60_000,
    ...deps.policy,
  };
  const { clock, logger } = deps;
  const parts = new Map<string, PartState>();
  const loops = new Set<Promise<void>>();
  const stopper = new AbortController();
  let gaveUp = false;

  const partOf = (name: string): PartState => {
    let part = parts.get(name);
    if (!part) {
      part = { alive: false, crashes: 0, inARow: 0, restarts: 0, lastError: null };
      parts.set(name, part);
    }
    return part;
  };

  /** Records a crash; returns the delay before the restart, or null when the supervisor gives up. */
  const crashed = (name: string, part: PartState, error: unknown, ranMs: number): number | null => {
    if (ranMs >= policy.healthyAfterMs) part.inARow = 0;
    part.crashes++;
    part.inARow++;
    part.lastError = error instanceof Error ? error.message : String(error);
    deps.onCrash?.(name);
    if (part.inARow >= policy.maxCrashesInARow) {
      logger.error(
        { err: error, part: name, inARow: part.inARow },
        `${name} crashed too often in a row: giving up`,
      );
      if (!gaveUp) {
        gaveUp = true;
        deps.onGiveUp(name, error);
      }
      return null;
    }
    const delay = Math.min(policy.capMs, policy.baseMs * 2 ** (part.inARow - 1));
    logger.error(
      { err: error, part: name, inARow: part.inARow, restartInMs: delay },
      `${name} crashed: restarting`,
    );
    return delay;
  };

  const supervise = async (name: string, run: () => Promise<void>): Promise<void> => {
    const part = partOf(name);
    while (!stopper.signal.aborted) {
      const began = clock.now();
      part.alive = true;
      let failure: unknown;
      try {
        await run();
        if (stopper.signal.aborted) break;
        failure = new Error(`${name} returned without being stopped`);
      } catch (error) {
        if (stopper.signal.aborted) break;
        failure = error;
      }
      part.alive = false;
      const delay = crashed(name, part, failure, clock.now() - began);
      if (delay === null) return;
      await clock.sleep(delay, stopper.signal).catch(() => undefined);
      if (stopper.signal.aborted) break;
      part.restarts++;
    }
    part.alive = false;
  };

  return {
    loop(name, run) {
      const done = supervise(name, run);
      loops.add(done);
      void done.finally(() => loops.delete(done));
    },
    async job(name, run) {
      const part = partOf(name);
      if (gaveUp || stopper.signal.aborted) return;
      const began = clock.now();
      part.alive = true;
      try {
        await run();
        part.inARow = 0;
      } catch (error) {
        const delay = crashed(name, part, error, clock.now() - began);
        // A job is run again by its schedule; alive goes false until the next success.
        part.alive = false;
        if (delay !== null) part.restarts++;
      }
    },
    state: (name) => {
      const part = parts.get(name);
      return part ? { ...part } : null;
    },
    states: () => Object.fromEntries([...parts].map(([name, part]) => [name, { ...part }])),
    async stop() {
      stopper.abort();
      await Promise.all(loops);
    },
  };
}
