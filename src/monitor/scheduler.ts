import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import type { Poller } from './poll-cycle.js';

export interface PollSchedule {
  expression: string;
  timezone: string;
}

/** Polls on a cron schedule. Overlap is refused twice: by node-cron for its own runs, by the poller for all. */
export interface PollScheduler {
  start(): void;
  stop(): Promise<void>;
  nextRun(): Date | null;
  /** The time between two scheduled polls (ms), as the schedule shows it; null before start. */
  intervalMs(): number | null;
}

export function createPollScheduler(deps: {
  poller: Poller;
  schedule: PollSchedule;
  logger: Logger;
  /** Runs each poll under supervision (a throw is counted and logged there); default: as is. */
  guard?: (run: () => Promise<void>) => Promise<void>;
}): PollScheduler {
  let task: ScheduledTask | null = null;
  let interval: number | null = null;
  const guard = deps.guard ?? ((run: () => Promise<void>) => run());
  const measure = (from: number) => {
    const next = task?.getNextRun()?.getTime();
    if (next !== undefined && next > from) interval = next - from;
  };
  return {
    start() {
      if (task) return;
      task = cron.schedule(
        deps.schedule.expression,
        async (context) => {
          measure(context.date.getTime());
          await guard(async () => {
            const report = await deps.poller.runOnce();
            if (report.status === 'skipped')
              deps.logger.info({ reason: report.reason }, 'scheduled poll skipped');
          });
        },
        { timezone: deps.schedule.timezone, noOverlap: true, name: 'kestrel-poll' },
      );
      measure(Date.now());
      deps.logger.info(
        {
          schedule: deps.schedule.expression,
          timezone: deps.schedule.timezone,
          next: task.getNextRun()?.toISOString(),
        },
        'polling scheduled',
      );
    },
    async stop() {
      await task?.destroy();
      task = null;
    },
    nextRun: () => task?.getNextRun() ?? null,
    intervalMs: () => interval,
  };
}
