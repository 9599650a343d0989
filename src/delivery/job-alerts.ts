/**
 * Job alerts: after each poll, the new vacancies that match people's alerts go to them by direct
 * message, through the outbox, each vacancy at most once per person.
 *
 * - One person, one vacancy, one message: however many of their alerts a vacancy matches, it is sent once
 *   (`alert_deliveries` is keyed by person and tweet), and deciding the same tweets again sends nothing.
 * - A near-duplicate repost (or a retweet) of a vacancy the person already got — in this poll or within
 *   `repostWindowMs` before — counts as that vacancy: it is recorded against the message that carried the
 *   original and not sent again.
 * - More than `bundleOver` vacancies for one person in one poll become one bundled message (split every
 *   `bundleMax` vacancies so a message stays readable).
 * - Quiet hours in the person's timezone hold the message until they end (`notBefore`).
 * - Paused people (and people whose chat is gone) get nothing, and nothing is kept for them for later.
 * - Vacancies posted more than `maxAgeMs` before the decision are not alerted: a new watch searching the
 *   past week must not flood people with old posts.
 *
 * Outbox keys: `alert:<user>:<tweet id>` for a single vacancy, `alerts:<user>:<first tweet id>:<count>`
 * for a bundle (its vacancies oldest first) — the same batch always gets the same key.
 */
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, jaccard, shingles } from '../digest/near-duplicates.js';
import type { NewTweetHook } from '../pipeline/ingest.js';
import type { AlertQueries, AlertSubscription, AlertVacancy } from '../store/alert-queries.js';
import type { OutboxWriter } from '../store/outbox-store.js';
import { type AlertEntry, alertReply } from './alert-reply.js';
import type { CurrencyRates } from './currency.js';
import { matchesJob, type PreparedVacancy, prepareVacancy } from './job-match.js';
import { releaseTime } from './quiet-hours.js';

const DAY = 86_400_000;

/** What the job-alert decision needs. */
export interface JobAlertsDeps {
  queries: AlertQueries;
  outbox: OutboxWriter;
  /** `delivery.currencyRates`: the value of one unit of each currency in a common currency. */
  currencyRates: CurrencyRates;
  /** `delivery.alertBundleOver`: more vacancies than this for one person in one poll are bundled. */
  bundleOver: number;
  /** Most vacancies in one bundled message (default 20). */
  bundleMax?: number;
  /** How far back (decision time) sent vacancies are compared with new ones for reposts (default 14 days). */
  repostWindowMs?: number;
  /** Shingle overlap at which two posts are one vacancy (default: the digests' threshold). */
  nearDuplicateThreshold?: number;
  /** Vacancies posted longer ago than this are not alerted (default 3 days). */
  maxAgeMs?: number;
}

/** What one decision did. */
export interface JobAlertsResult {
  /** Vacancies among the new tweets (recent enough to alert). */
  vacancies: number;
  /** Messages written to the outbox. */
  messages: number;
  /** Of those, messages held until someone's quiet hours end. */
  held: number;
  /** (person, vacancy) pairs sent. */
  deliveries: number;
  /** (person, vacancy) pairs recorded as a repost of a vacancy the person got, not sent again. */
  reposts: number;
}

/** The job-alert decision. */
export interface JobAlerts {
  /**
   * Decides who gets which of the new tweets' vacancies and writes the messages and the deliveries in one
   * transaction (a savepoint inside an open one). Deciding the same tweets again changes nothing.
   */
  decideJobAlerts(input: { newTweetSeqs: readonly number[]; now: number }): JobAlertsResult;
}

interface Person {
  first: AlertSubscription;
  /** Tweet seq → ids of the person's alerts it matched. */
  matches: Map<number, number[]>;
}

interface Kept {
  entry: AlertEntry & { subscriptionIds: number[] };
  /** Reposts of this vacancy in the same poll: recorded with its message. */
  covers: number[];
}

/** Creates the job-alert decision over the alert queries and the outbox. */
export function createJobAlerts(deps: JobAlertsDeps): JobAlerts {
  const bundleOver = Math.max(1, deps.bundleOver);
  const bundleMax = Math.max(bundleOver + 1, deps.bundleMax ?? 20);
  const repostWindowMs = deps.repostWindowMs ?? 14 * DAY;
  const threshold = deps.nearDuplicateThreshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
  const maxAgeMs = deps.maxAgeMs ?? 3 * DAY;

  function decide(newTweetSeqs: readonly number[], now: number): JobAlertsResult {
    const result: JobAlertsResult = { vacancies: 0, messages: 0, held: 0, deliveries: 0, reposts: 0 };
    const vacancies = deps.queries.vacanciesBySeqs(newTweetSeqs).filter((v) => now - v.createdAt <= maxAgeMs);
    result.vacancies = vacancies.length;
    if (vacancies.length === 0) return result;
    const subscriptions = deps.queries.subscriptions();
    if (subscriptions.length === 0) return result;

    const prepared = vacancies.map((v) => ({ vacancy: v, match: prepareVacancy(v) }));
    const people = matchPeople(prepared, subscriptions, deps.currencyRates);
    if (people.size === 0) return result;

    const userIds = [...people.keys()];
    const already = deps.queries.delivered(
      userIds,
      vacancies.map((v) => v.seq),
    );
    const history = groupBy(deps.queries.deliveredSince(userIds, now - repostWindowMs), (d) => d.userId);
    const shingleCache = new Map<number, Set<string>>();
    const shinglesOf = (seq: number, text: string): Set<string> => {
      const cached = shingleCache.get(seq);
      if (cached) return cached;
      const set = shingles(text);
      shingleCache.set(seq, set);
      return set;
    };
    const similar = (a: { seq: number; text: string }, b: { seq: number; text: string }): boolean =>
      jaccard(shinglesOf(a.seq, a.text), shinglesOf(b.seq, b.text)) >= threshold;

    for (const [userId, person] of people) {
      const sent = already.get(userId);
      const earlier = history.get(userId) ?? [];
      const kept: Kept[] = [];
      for (const vacancy of vacancies) {
        const ids = person.matches.get(vacancy.seq);
        if (!ids || sent?.has(vacancy.seq)) continue;
        const before = earlier.find((h) => h.id === vacancy.retweetOf || similar(vacancy, h));
        if (before) {
          if (deps.queries.recordDelivery(userId, vacancy.seq, before.outboxKey, now)) result.reposts++;
          continue;
        }
        const twin = kept.find(
          (k) =>
            k.entry.vacancy.id === vacancy.retweetOf ||
            k.entry.vacancy.retweetOf === vacancy.id ||
            similar(vacancy, k.entry.vacancy),
        );
        if (twin) {
          twin.covers.push(vacancy.seq);
          for (const id of ids)
            if (!twin.entry.subscriptionIds.includes(id)) twin.entry.subscriptionIds.push(id);
          continue;
        }
        kept.push({ entry: { vacancy, subscriptionIds: [...ids] }, covers: [] });
      }
      if (kept.length === 0) continue;

      const { first } = person;
      const notBefore = releaseTime(now, first.timezone, { start: first.quietStart, end: first.quietEnd });
      const messages = kept.length > bundleOver ? chunk(kept, bundleMax) : kept.map((k) => [k]);
      for (const message of messages) {
        const key = messageKey(userId, message, kept.length > bundleOver);
        deps.outbox.enqueue(
          {
            key,
            target: first.chatId,
            reply: alertReply(
              message.map((k) => k.entry),
              first.lang,
            ),
            notBefore,
          },
          now,
        );
        result.messages++;
        if (notBefore > now) result.held++;
        for (const k of message) {
          if (deps.queries.recordDelivery(userId, k.entry.vacancy.seq, key, now)) result.deliveries++;
          for (const seq of k.covers)
            if (deps.queries.recordDelivery(userId, seq, key, now)) result.reposts++;
        }
      }
    }
    return result;
  }

  return {
    decideJobAlerts: ({ newTweetSeqs, now }) => deps.queries.transaction(() => decide(newTweetSeqs, now)),
  };
}

/** Which people each vacancy goes to, and through which of their alerts; people in order of their first alert. */
function matchPeople(
  prepared: readonly { vacancy: AlertVacancy; match: PreparedVacancy }[],
  subscriptions: readonly AlertSubscription[],
  rates: CurrencyRates,
): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const sub of subscriptions) {
    for (const { vacancy, match } of prepared) {
      if (!matchesJob(match, sub, rates)) continue;
      let person = people.get(sub.userId);
      if (!person) {
        person = { first: sub, matches: new Map() };
        people.set(sub.userId, person);
      }
      const ids = person.matches.get(vacancy.seq);
      if (ids) ids.push(sub.id);
      else person.matches.set(vacancy.seq, [sub.id]);
    }
  }
  return people;
}

/** `alert:<user>:<tweet id>`, or for a bundle `alerts:<user>:<first tweet id>:<count>`. */
function messageKey(userId: string, message: readonly Kept[], bundled: boolean): string {
  const first = message[0]?.entry.vacancy.id ?? '';
  return bundled ? `alerts:${userId}:${first}:${message.length}` : `alert:${userId}:${first}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * The decision as a new-tweet hook: runs inside the ingest transaction with the poll's new vacancies, so
 * tweets and the alerts they cause are written together. `at` (the poll's time) is the decision time.
 */
export function jobAlertsHook(alerts: JobAlerts): NewTweetHook {
  return {
    onNewTweets(batch, at) {
      const seqs = batch.filter((b) => b.reading.label === 'vacancy').map((b) => b.seq);
      if (seqs.length > 0) alerts.decideJobAlerts({ newTweetSeqs: seqs, now: at });
    },
  };
}
