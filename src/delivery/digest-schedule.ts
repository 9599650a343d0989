import type { Lang } from '../chat/i18n.js';
import type { DigestBuilder } from '../digest/build.js';
import type { Logger } from '../logger.js';
import type { ChatSettings, ChatStore } from '../store/chat-store.js';
import type { DeliveryHistory } from '../store/delivery-history.js';
import type { OutboxWriter } from '../store/outbox-store.js';
import { lastRunAt, localDate, parseTime } from '../time/daily.js';
import { timezoneOr } from '../time/timezone.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What became of a chat's digest at a moment. */
export type DigestDecision =
  /** Decided now: the digest (or its one-line "nothing new") is in the outbox. */
  | {
      status: 'decided';
      chatId: string;
      localDate: string;
      scheduledAt: number;
      key: string;
      window: { from: number; to: number };
      empty: boolean;
    }
  /** The digest of that local date was decided before: nothing changes. */
  | { status: 'already'; chatId: string; localDate: string; scheduledAt: number }
  /** Due, but later than the grace allows (the bot was down): not sent, and the reason is recorded. */
  | {
      status: 'skipped';
      reason: 'late';
      chatId: string;
      localDate: string;
      scheduledAt: number;
      lateMinutes: number;
    }
  /** The chat is inactive or has no (valid) digest time. */
  | { status: 'off'; chatId: string }
  /** Building or storing the digest failed; nothing was written, the next call tries again. */
  | { status: 'failed'; chatId: string; error: string };

/** Decides daily digests: which chats are due, and each decision written once with its outbox message. */
export interface DigestScheduler {
  /**
   * Decides the digest of every active chat with a schedule whose latest run (at or before `now`) has no
   * decision yet: sent when at most the grace late, else skipped with the reason recorded. For start-up
   * catch-up; calling it again changes nothing.
   */
  dueDigests(now: number): DigestDecision[];
  /** Decides one chat's digest for its latest run at or before `now` (what a cron task calls). */
  decideDigest(chat: ChatSettings, now: number): DigestDecision;
}

/** What the digest scheduler needs. */
export interface DigestSchedulerDeps {
  chats: Pick<ChatStore, 'withDigest'>;
  builder: DigestBuilder;
  history: DeliveryHistory;
  outbox: OutboxWriter;
  /** How late a missed digest may still be sent (`delivery.digestGraceMinutes`). */
  graceMinutes: number;
  /** For chats without their own timezone (the configured default, e.g. `poll.timezone`). */
  defaultTimezone: string;
  /** For chats without a language set. Default `en`. */
  defaultLang?: Lang;
  /** "Since the last digest" reaches back at most this far; older or no history means the last 24 hours. */
  maxWindowHours?: number;
  logger?: Logger;
}

/** The outbox key of a chat's digest for a local date. */
export const digestKey = (chatId: string, date: string) => `digest:${chatId}:${date}`;

/**
 * The digest scheduler. A chat's digest is due at its `digest_time` in its timezone; the window runs from
 * the end of its previous digest (at most `maxWindowHours` back, default 7 days) or else the last 24 hours,
 * to the moment of the decision. One digest per chat and local date: the `digest_runs` row and the outbox
 * message (key `digest:<chat>:<date>`) are written in one transaction, so deciding twice sends once.
 */
export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const maxWindow = (deps.maxWindowHours ?? 7 * 24) * HOUR;

  function decide(chat: ChatSettings, now: number): DigestDecision {
    const time = chat.digestTime === null ? null : parseTime(chat.digestTime);
    if (!chat.active || time === null) return { status: 'off', chatId: chat.id };
    const timezone = timezoneOr(chat.timezone, deps.defaultTimezone);
    const scheduledAt = lastRunAt(time, timezone, now);
    const date = localDate(scheduledAt, timezone);
    return deps.history.transaction((): DigestDecision => {
      if (deps.history.digestRun(chat.id, date)) {
        return { status: 'already', chatId: chat.id, localDate: date, scheduledAt };
      }
      const late = now - scheduledAt;
      if (late > deps.graceMinutes * MINUTE) {
        const lateMinutes = Math.floor(late / MINUTE);
        deps.history.recordDigestSkip(chat.id, date, {
          reason: 'late',
          scheduledAt,
          lateMinutes,
          graceMinutes: deps.graceMinutes,
          decidedAt: now,
        });
        return {
          status: 'skipped',
          reason: 'late',
          chatId: chat.id,
          localDate: date,
          scheduledAt,
          lateMinutes,
        };
      }
      const last = deps.history.lastDigest(chat.id);
      const from =
        last && last.windowTo < now && now - last.windowTo <= maxWindow ? last.windowTo : now - DAY;
      const digest = deps.builder.build({
        chatId: chat.id,
        lang: chat.lang ?? deps.defaultLang ?? 'en',
        timezone,
        from,
        to: now,
      });
      const key = digestKey(chat.id, date);
      deps.history.recordDigest({ chatId: chat.id, localDate: date, windowFrom: from, windowTo: now }, now);
      if (!deps.outbox.enqueue({ key, target: chat.id, reply: digest.reply, notBefore: now }, now)) {
        // The outbox already holds this key (decided elsewhere); keep the run row so history agrees.
        return { status: 'already', chatId: chat.id, localDate: date, scheduledAt };
      }
      return {
        status: 'decided',
        chatId: chat.id,
        localDate: date,
        scheduledAt,
        key,
        window: { from, to: now },
        empty: digest.empty,
      };
    });
  }

  function decideDigest(chat: ChatSettings, now: number): DigestDecision {
    let decision: DigestDecision;
    try {
      decision = decide(chat, now);
    } catch (cause) {
      decision = { status: 'failed', chatId: chat.id, error: (cause as Error).message };
    }
    log(decision);
    return decision;
  }

  function log(d: DigestDecision): void {
    const logger = deps.logger;
    if (!logger) return;
    if (d.status === 'decided') {
      logger.info({ chat: d.chatId, date: d.localDate, key: d.key, empty: d.empty }, 'digest decided');
    } else if (d.status === 'skipped') {
      logger.warn(
        { chat: d.chatId, date: d.localDate, lateMinutes: d.lateMinutes, graceMinutes: deps.graceMinutes },
        'digest skipped: due longer ago than the grace window',
      );
    } else if (d.status === 'failed') {
      logger.error({ chat: d.chatId, error: d.error }, 'digest failed');
    }
  }

  return {
    decideDigest,
    dueDigests: (now) => deps.chats.withDigest().map((chat) => decideDigest(chat, now)),
  };
}
