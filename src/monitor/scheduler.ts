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
}

export function createPollScheduler(deps: {
  poller: Poller;
  schedule: PollSchedule;
  logger: Logger;
}): PollScheduler {
  let task: ScheduledTask | null = null;
  return {
    start() {
      if (task) return;
      task = cron.schedule(
        deps.schedule.expression,
        async () => {
          const report = await deps.poller.runOnce();
          if (report.status === 'skipped')
            deps.logger.info({ reason: report.reason }, 'scheduled poll skipped');
        },
        { timezone: deps.schedule.timezone, noOverlap: true, name: 'kestrel-poll' },
      );
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
  };
}
