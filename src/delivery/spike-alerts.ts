import type { Lang } from '../chat/i18n.js';
import { hoursNeeded, judgeHour, type SpikeRule } from '../digest/spike.js';
import type { Logger } from '../logger.js';
import type { ChatStore } from '../store/chat-store.js';
import type { DeliveryHistory } from '../store/delivery-history.js';
import type { DigestQueries } from '../store/digest-queries.js';
import type { OutboxWriter } from '../store/outbox-store.js';
import type { WatchStore } from '../store/watch-store.js';
import { timezoneOr } from '../time/timezone.js';
import { spikeReply } from './spike-reply.js';

const HOUR = 3_600_000;
/** How many posts an alert shows as driving the spike. */
const TOP_POSTS = 3;

/** `delivery.spike`: the spike rule and how long a brand stays quiet after an alert. */
export interface SpikeAlertRule extends SpikeRule {
  cooldownHours: number;
}

/** What became of one brand at a judgement. */
export type SpikeDecision =
  /** Not above its baseline. */
  | { status: 'quiet'; brand: string; count: number; threshold: number }
  /** Alerted: one outbox message per chat, keyed `spike:<brand>:<hourStart>:<chat>`. */
  | { status: 'alerted'; brand: string; hourStart: number; count: number; chats: string[] }
  /** A spike, but this hour was alerted already, or another alert of the brand is within the cooldown. */
  | { status: 'already' | 'cooldown'; brand: string; hourStart: number; count: number }
  /** A spike no active chat watches: nothing recorded, so a chat that starts watching still hears of it. */
  | { status: 'no-audience'; brand: string; hourStart: number; count: number };

/** Spike alerts, judged after each poll. */
export interface SpikeAlerts {
  /**
   * Judges every watched brand's last 60 minutes (ending at `now`) against the same 60 minutes of day on
   * the past `rule.days` days, and alerts the chats watching a brand that spiked. Idempotent.
   */
  decideSpikeAlerts(options: { now: number }): SpikeDecision[];
}

/** What spike alerts need. */
export interface SpikeAlertsDeps {
  queries: Pick<DigestQueries, 'hourlyBrandCounts' | 'topBrandMentions'>;
  history: DeliveryHistory;
  watches: Pick<WatchStore, 'list'>;
  chats: Pick<ChatStore, 'get' | 'withDigest'>;
  outbox: OutboxWriter;
  rule: SpikeAlertRule;
  defaultTimezone: string;
  defaultLang?: Lang;
  logger?: Logger;
}

interface Recipient {
  id: string;
  lang: Lang;
  timezone: string;
}

/** The hour a judgement at `now` is filed under: the clock hour holding the middle of the last 60 minutes. */
export function spikeHourOf(now: number): number {
  return Math.floor((now - HOUR / 2) / HOUR) * HOUR;
}

/** The outbox key of a spike alert to one chat. */
export const spikeKey = (brand: string, hourStart: number, chatId: string) =>
  `spike:${brand}:${hourStart}:${chatId}`;

/**
 * Spike alerts. The window judged is the 60 minutes ending at the judgement (a poll), so a burst is caught
 * at the first poll that sees it, even across a clock hour; the baseline is the same 60 minutes of day on
 * past days (`judgeHour`). An alert is filed under the clock hour holding the window's middle
 * (`spike_alerts` row and outbox messages in one transaction); a brand alerts at most once per
 * `cooldownHours` (counted in those hours). Audience: chats with their own brand watch of that name, and
 * for config brand watches every active chat with a daily digest schedule (the team's report chats).
 * Groups without a digest are not alerted unasked.
 */
export function createSpikeAlerts(deps: SpikeAlertsDeps): SpikeAlerts {
  const { rule } = deps;

  function recipient(id: string, lang: Lang | null, timezone: string | null): Recipient {
    return {
      id,
      lang: lang ?? deps.defaultLang ?? 'en',
      timezone: timezoneOr(timezone, deps.defaultTimezone),
    };
  }

  /** Brand name → who hears of its spikes. */
  function audiences(): Map<string, Recipient[]> {
    const byBrand = new Map<string, Map<string, Recipient>>();
    let reportChats: Recipient[] | null = null;
    for (const watch of deps.watches.list()) {
      if (watch.spec.kind !== 'brand') continue;
      const name = watch.spec.name;
      const chats = byBrand.get(name) ?? new Map<string, Recipient>();
      byBrand.set(name, chats);
      if (watch.chatId === '') {
        reportChats ??= deps.chats.withDigest().map((c) => recipient(c.id, c.lang, c.timezone));
        for (const chat of reportChats) chats.set(chat.id, chat);
      } else if (!chats.has(watch.chatId)) {
        const chat = deps.chats.get(watch.chatId);
        if (chat && !chat.active) continue;
        chats.set(watch.chatId, recipient(watch.chatId, chat?.lang ?? null, chat?.timezone ?? null));
      }
    }
    return new Map([...byBrand].map(([brand, chats]) => [brand, [...chats.values()]]));
  }

  function decideSpikeAlerts({ now }: { now: number }): SpikeDecision[] {
    const decisions: SpikeDecision[] = [];
    const window = { from: now - HOUR, to: now };
    for (const [brand, chats] of audiences()) {
      const verdict = judgeHour(deps.queries.hourlyBrandCounts(brand, now, hoursNeeded(rule)), rule);
      const { count } = verdict;
      if (!verdict.spike) {
        decisions.push({ status: 'quiet', brand, count, threshold: verdict.threshold });
        continue;
      }
      const hourStart = spikeHourOf(now);
      if (chats.length === 0) {
        decisions.push({ status: 'no-audience', brand, hourStart, count });
        continue;
      }
      const decision = deps.history.transaction((): SpikeDecision => {
        const last = deps.history.lastSpikeHour(brand, hourStart);
        if (last === hourStart) return { status: 'already', brand, hourStart, count };
        if (last !== null && hourStart - last < rule.cooldownHours * HOUR) {
          return { status: 'cooldown', brand, hourStart, count };
        }
        deps.history.recordSpike({ brand, hourStart, count }, now);
        const top = deps.queries.topBrandMentions(brand, window.from, window.to, TOP_POSTS);
        const sent: string[] = [];
        for (const chat of chats) {
          const { lang, timezone } = chat;
          const reply = spikeReply({ brand, window, verdict, days: rule.days, top, lang, timezone });
          const key = spikeKey(brand, hourStart, chat.id);
          if (deps.outbox.enqueue({ key, target: chat.id, reply, notBefore: now }, now)) sent.push(chat.id);
        }
        return { status: 'alerted', brand, hourStart, count, chats: sent };
      });
      if (decision.status === 'alerted') {
        deps.logger?.info(
          { brand, count, threshold: verdict.threshold, hourStart: new Date(hourStart).toISOString() },
          'spike alert decided',
        );
      }
      decisions.push(decision);
    }
    return decisions;
  }

  return { decideSpikeAlerts };
}
