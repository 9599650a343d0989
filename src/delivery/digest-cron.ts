import { setImmediate as nextTurn } from 'node:timers/promises';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ChatStore } from '../store/chat-store.js';
import { cronOfTime, parseTime } from '../time/daily.js';
import { timezoneOr } from '../time/timezone.js';
import type { DigestDecision, DigestScheduler } from './digest-schedule.js';

/** What the digest cron needs. */
export interface DigestCronDeps {
  scheduler: DigestScheduler;
  chats: Pick<ChatStore, 'get' | 'withDigest'>;
  clock: Clock;
  /** For chats without their own timezone; must match the scheduler's. */
  defaultTimezone: string;
  logger: Logger;
  /**
   * How often the tasks are compared with the chats' schedules and rebuilt where they changed
   * (`/schedule` in any chat). A cron expression; default every minute. `null`: only on `refresh()`.
   */
  syncExpression?: string | null;
  /** Told of every decision made by a task or the start-up catch-up, e.g. to wake the outbox sender. */
  onDecided?: (decisions: DigestDecision[]) => void;
  /** Runs each task's work under supervision (a throw is counted and logged there); default: as is. */
  guard?: (run: () => Promise<void> | void) => Promise<void> | void;
}

/** One node-cron task per chat with a digest, at its local time in its timezone. */
export interface DigestCron {
  /**
   * Schedules the tasks, then catches up: a digest missed while the bot was down is decided now when
   * within the grace window (see `DigestScheduler.dueDigests`), one chat per turn of the event loop so
   * commands and sends go on meanwhile; each decision is told (`onDecided`) as it is made. Resolves to the
   * catch-up decisions.
   */
  start(): Promise<DigestDecision[]>;
  /** Rebuilds the tasks of chats whose schedule (time or timezone) changed, adds new ones, drops gone ones. */
  refresh(): void;
  /** The next run of each scheduled chat's task. */
  nextRuns(): Map<string, Date | null>;
  /** The task of a chat, for inspection (`match`, `getNextRun`). */
  task(chatId: string): ScheduledTask | undefined;
  stop(): Promise<void>;
}

interface Entry {
  signature: string;
  task: ScheduledTask;
}

/**
 * Digest tasks on node-cron. Each task re-reads its chat when it fires (so language and activity changes
 * apply at once) and asks the scheduler to decide; the decision is idempotent, so a task firing twice or
 * racing the catch-up still sends one digest. The scheduled slot is used as "now" if the clock lags it.
 */
export function createDigestCron(deps: DigestCronDeps): DigestCron {
  const entries = new Map<string, Entry>();
  const guard = deps.guard ?? ((run: () => Promise<void> | void) => run());
  let sync: ScheduledTask | null = null;
  let started = false;

  const notify = (decisions: DigestDecision[]) => {
    if (decisions.length > 0) deps.onDecided?.(decisions);
  };

  function schedule(chatId: string, time: string, timezone: string): ScheduledTask {
    return cron.schedule(
      cronOfTime(time),
      (context) =>
        guard(() => {
          const chat = deps.chats.get(chatId);
          if (!chat) return;
          const now = Math.max(deps.clock.now(), context.date.getTime());
          notify([deps.scheduler.decideDigest(chat, now)]);
        }),
      { timezone, noOverlap: true, name: `kestrel-digest:${chatId}` },
    );
  }

  function refresh(): void {
    const wanted = new Map<string, { time: string; timezone: string }>();
    for (const chat of deps.chats.withDigest()) {
      const time = chat.digestTime === null ? null : parseTime(chat.digestTime);
      if (time === null) continue;
      const timezone = timezoneOr(chat.timezone, deps.defaultTimezone);
      wanted.set(chat.id, { time, timezone });
    }
    for (const [chatId, entry] of entries) {
      const want = wanted.get(chatId);
      if (want && `${want.time} ${want.timezone}` === entry.signature) continue;
      void entry.task.destroy();
      entries.delete(chatId);
    }
    for (const [chatId, want] of wanted) {
      if (entries.has(chatId)) continue;
      const task = schedule(chatId, want.time, want.timezone);
      entries.set(chatId, { signature: `${want.time} ${want.timezone}`, task });
      deps.logger.info(
        { chat: chatId, time: want.time, timezone: want.timezone, next: task.getNextRun()?.toISOString() },
        'digest scheduled',
      );
    }
  }

  async function catchUp(): Promise<DigestDecision[]> {
    const decisions: DigestDecision[] = [];
    for (const listed of deps.chats.withDigest()) {
      await nextTurn();
      if (!started) break;
      const chat = deps.chats.get(listed.id);
      if (chat) {
        const decision = deps.scheduler.decideDigest(chat, deps.clock.now());
        decisions.push(decision);
        notify([decision]);
      }
    }
    return decisions;
  }

  return {
    async start() {
      if (started) return [];
      started = true;
      refresh();
      const syncExpression = deps.syncExpression === undefined ? '* * * * *' : deps.syncExpression;
      if (syncExpression !== null) {
        sync = cron.schedule(syncExpression, () => guard(refresh), {
          noOverlap: true,
          name: 'kestrel-digest-sync',
        });
      }
      let decisions: DigestDecision[] = [];
      await guard(async () => {
        decisions = await catchUp();
      });
      return decisions;
    },
    refresh,
    nextRuns: () => new Map([...entries].map(([chatId, e]) => [chatId, e.task.getNextRun()])),
    task: (chatId) => entries.get(chatId)?.task,
    async stop() {
      started = false;
      await sync?.destroy();
      sync = null;
      await Promise.all([...entries.values()].map((e) => e.task.destroy()));
      entries.clear();
    },
  };
}
