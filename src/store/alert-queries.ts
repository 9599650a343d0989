import type { Lang } from '../chat/i18n.js';
import type { Salary } from '../classify/salary.js';
import type { VacancyFacts } from '../classify/vacancy.js';
import type { Db } from './database.js';
import { type JobRow, type JobSubscription, toSubscription } from './subscription-store.js';

/** A stored vacancy tweet with what the classifier read in it, as job alerts need it. */
export interface AlertVacancy {
  seq: number;
  id: string;
  text: string;
  createdAt: number;
  username: string;
  name: string;
  /** Id of the tweet this one retweets, if any. */
  retweetOf: string | null;
  facts: VacancyFacts | null;
  salary: Salary | null;
  /** `remote`, `hybrid`, `office` or null. */
  remote: string | null;
  location: string | null;
}

/** A live job alert of a subscriber who gets alerts now, with where and how to send them. */
export interface AlertSubscription extends JobSubscription {
  /** The person's private chat. */
  chatId: string;
  /** The subscriber's timezone, else their chat's; null when neither is known. */
  timezone: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  /** Language of the private chat (`chats.lang`), English when unset. */
  lang: Lang;
}

/** A vacancy already decided for a person, with the message that carried it. */
export interface DeliveredVacancy {
  userId: string;
  seq: number;
  id: string;
  text: string;
  outboxKey: string;
}

/** What the job-alert decision reads and writes (`tweets`, `tweet_signals`, `subscribers`, `alert_deliveries`). */
export interface AlertQueries {
  /** The vacancies among these tweets, oldest first. */
  vacanciesBySeqs(seqs: readonly number[]): AlertVacancy[];
  /** Vacancies stored after the cursor `seq`, oldest first, at most `limit`. */
  vacanciesAfter(seq: number, limit: number): AlertVacancy[];
  /** Live alerts of subscribers who are not paused and whose chat is active, by alert id. */
  subscriptions(): AlertSubscription[];
  /** Per person, which of these tweets they were already sent (or decided to be sent). */
  delivered(userIds: readonly string[], seqs: readonly number[]): Map<string, Set<number>>;
  /** What these people were sent since `since` (decision time), for spotting reposts. */
  deliveredSince(userIds: readonly string[], since: number): DeliveredVacancy[];
  /** Records that a vacancy reached a person through a message; false when it already had. */
  recordDelivery(userId: string, seq: number, outboxKey: string, at: number): boolean;
  /** Runs `fn` in one transaction (a savepoint when one is already open). */
  transaction<T>(fn: () => T): T;
}

interface VacancyRow {
  seq: number;
  id: string;
  text: string;
  createdAt: number;
  username: string;
  name: string;
  retweetOf: string | null;
  vacancy: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: Salary['period'];
  remote: string | null;
}

interface SubscriptionRow extends JobRow {
  chat_id: string;
  timezone: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  lang: string | null;
}

const VACANCY_COLUMNS = `t.seq, t.id, t.text, t.created_at AS createdAt, a.username, a.name, t.retweet_of AS retweetOf,
  s.vacancy, s.salary_min AS salaryMin, s.salary_max AS salaryMax, s.salary_currency AS salaryCurrency,
  s.salary_period AS salaryPeriod, s.remote`;

function parseFacts(json: string | null): VacancyFacts | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as VacancyFacts;
  } catch {
    return null;
  }
}

function toVacancy(row: VacancyRow): AlertVacancy {
  const facts = parseFacts(row.vacancy);
  const stated = row.salaryMin !== null || row.salaryMax !== null;
  return {
    seq: row.seq,
    id: row.id,
    text: row.text,
    createdAt: row.createdAt,
    username: row.username,
    name: row.name,
    retweetOf: row.retweetOf,
    facts,
    salary: stated
      ? { min: row.salaryMin, max: row.salaryMax, currency: row.salaryCurrency, period: row.salaryPeriod }
      : (facts?.salary ?? null),
    remote: row.remote ?? facts?.remote ?? null,
    location: facts?.location ?? null,
  };
}

/** Creates the job-alert queries over an open database. */
export function createAlertQueries(db: Db): AlertQueries {
  const bySeqs = db.prepare(`
    SELECT ${VACANCY_COLUMNS}
    FROM tweets t JOIN authors a ON a.id = t.author_id JOIN tweet_signals s ON s.tweet_seq = t.seq
    WHERE t.seq IN (SELECT value FROM json_each(?)) AND s.label = 'vacancy'
    ORDER BY t.created_at, t.seq`);
  const after = db.prepare(`
    SELECT ${VACANCY_COLUMNS}
    FROM tweets t JOIN authors a ON a.id = t.author_id JOIN tweet_signals s ON s.tweet_seq = t.seq
    WHERE t.seq > ? AND s.label = 'vacancy'
    ORDER BY t.seq LIMIT ?`);
  const live = db.prepare(`
    SELECT j.*, s.chat_id, coalesce(s.timezone, c.timezone) AS timezone, s.quiet_start, s.quiet_end, c.lang
    FROM job_subscriptions j
    JOIN subscribers s ON s.user_id = j.user_id
    LEFT JOIN chats c ON c.id = s.chat_id
    WHERE j.removed_at IS NULL AND s.paused = 0 AND coalesce(c.active, 1) = 1
    ORDER BY j.id`);
  const delivered = db.prepare(`
    SELECT user_id AS userId, tweet_seq AS seq FROM alert_deliveries
    WHERE user_id IN (SELECT value FROM json_each(?)) AND tweet_seq IN (SELECT value FROM json_each(?))`);
  const since = db.prepare(`
    SELECT d.user_id AS userId, d.tweet_seq AS seq, t.id, t.text, d.outbox_key AS outboxKey
    FROM alert_deliveries d JOIN tweets t ON t.seq = d.tweet_seq
    WHERE d.user_id IN (SELECT value FROM json_each(?)) AND d.decided_at >= ?
    ORDER BY d.decided_at, d.tweet_seq`);
  const record = db.prepare(
    'INSERT OR IGNORE INTO alert_deliveries (user_id, tweet_seq, outbox_key, decided_at) VALUES (?, ?, ?, ?)',
  );

  return {
    vacanciesBySeqs: (seqs) =>
      seqs.length === 0 ? [] : (bySeqs.all(JSON.stringify(seqs)) as VacancyRow[]).map(toVacancy),
    vacanciesAfter: (seq, limit) => (after.all(seq, limit) as VacancyRow[]).map(toVacancy),
    subscriptions: () =>
      (live.all() as SubscriptionRow[]).map((row) => ({
        ...toSubscription(row),
        chatId: row.chat_id,
        timezone: row.timezone,
        quietStart: row.quiet_start,
        quietEnd: row.quiet_end,
        lang: row.lang === 'ru' ? 'ru' : 'en',
      })),
    delivered(userIds, seqs) {
      const out = new Map<string, Set<number>>();
      if (userIds.length === 0 || seqs.length === 0) return out;
      for (const row of delivered.all(JSON.stringify(userIds), JSON.stringify(seqs)) as {
        userId: string;
        seq: number;
      }[]) {
        const set = out.get(row.userId);
        if (set) set.add(row.seq);
        else out.set(row.userId, new Set([row.seq]));
      }
      return out;
    },
    deliveredSince: (userIds, from) =>
      userIds.length === 0 ? [] : (since.all(JSON.stringify(userIds), from) as DeliveredVacancy[]),
    recordDelivery: (userId, seq, outboxKey, at) => record.run(userId, seq, outboxKey, at).changes === 1,
    transaction: (fn) => db.transaction(fn)(),
  };
}

/** Where `/jobs quiet` keeps a person's quiet hours (`subscribers.quiet_start`, `quiet_end`). */
export interface QuietHoursStore {
  /** Sets (`HH:MM` times) or clears (null) the person's quiet hours; false when they are not a subscriber. */
  set(userId: string, quiet: { start: string; end: string } | null): boolean;
}

/** Creates the quiet-hours writer over an open database. */
export function createQuietHoursStore(db: Db): QuietHoursStore {
  const update = db.prepare('UPDATE subscribers SET quiet_start = ?, quiet_end = ? WHERE user_id = ?');
  return {
    set: (userId, quiet) => update.run(quiet?.start ?? null, quiet?.end ?? null, userId).changes === 1,
  };
}
