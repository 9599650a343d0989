import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** One step of shutting down: what it is called in the log, and how long it may take (default: unbounded). */
export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
  timeoutMs?: number;
}

/**
 * Runs the steps of a graceful shutdown in order. A step that fails is logged and the next one still runs
 * (the database is always closed); a step over its time is left behind with a warning. Returns the names of
 * the steps that did not finish cleanly.
 */
export async function shutDown(
  steps: readonly ShutdownStep[],
  deps: { clock: Clock; logger: Logger },
): Promise<string[]> {
  const unclean: string[] = [];
  for (const step of steps) {
    const controller = new AbortController();
    try {
      const work = Promise.resolve().then(step.run);
      if (step.timeoutMs === undefined) await work;
      else {
        const late = deps.clock
          .sleep(step.timeoutMs, controller.signal)
          .then(() => 'late' as const)
          .catch(() => 'done' as const);
        if ((await Promise.race([work.then(() => 'done' as const), late])) === 'late') {
          deps.logger.warn(
            { step: step.name, timeoutMs: step.timeoutMs },
            'shutdown step took too long: going on',
          );
          unclean.push(step.name);
        }
      }
    } catch (error) {
      deps.logger.error({ err: error, step: step.name }, 'shutdown step failed');
      unclean.push(step.name);
    } finally {
      controller.abort();
    }
  }
  return unclean;
}

/** Resolves once `check` is true (looked at every 50 ms), or after `ms` on the clock. */
export async function waitFor(check: () => boolean, ms: number, clock: Clock): Promise<void> {
  const until = clock.now() + ms;
  while (!check() && clock.now() < until) await clock.sleep(50);
}
