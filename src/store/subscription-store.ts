import type { Db } from './database.js';

/** A person who gets job alerts by direct message. */
export interface Subscriber {
  userId: string;
  /** Their private chat with the bot, where alerts go. */
  chatId: string;
  paused: boolean;
  timezone: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  createdAt: number;
}

/** What one job alert asks for. Keywords must all appear; one with a space is a phrase. */
export interface JobCriteria {
  keywords: string[];
  remoteOnly: boolean;
  minSalary: number | null;
  /** ISO 4217 code of `minSalary`. */
  salaryCurrency: string | null;
  location: string | null;
}

/** A person's job alert. */
export interface JobSubscription extends JobCriteria {
  id: number;
  userId: string;
  createdAt: number;
}

/** The person as `/jobs add` sees them: who, their private chat, its timezone. */
export interface SubscriberRef {
  userId: string;
  chatId: string;
  timezone: string;
}

/** `subscribers` and `job_subscriptions` in domain words. */
export interface SubscriptionStore {
  subscriber(userId: string): Subscriber | null;
  /**
   * Adds an alert, first registering the person (or updating the private chat alerts go to) — one
   * transaction. An existing subscriber keeps their timezone, quiet hours and pause state.
   */
  subscribe(person: SubscriberRef, criteria: JobCriteria, now: number): JobSubscription;
  /** Registers a person for alerts (`/start` in a private chat) without adding an alert yet. */
  register(person: SubscriberRef, now: number): void;
  /** The person's alerts, oldest first. */
  list(userId: string): JobSubscription[];
  /** Removes one of the person's own alerts; false when they have no live alert with that id. */
  remove(userId: string, id: number, now: number): boolean;
  /** Pauses or resumes all of a person's alerts; false when they are not a subscriber. The live alerts the
   * sender matches are read by `AlertQueries.subscriptions` (src/store/alert-queries.ts). */
  setPaused(userId: string, paused: boolean): boolean;
}

interface SubscriberRow {
  user_id: string;
  chat_id: string;
  paused: number;
  timezone: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  created_at: number;
}

/** A `job_subscriptions` row (as selected with `j.*`). */
export interface JobRow {
  id: number;
  user_id: string;
  keywords: string;
  remote_only: number;
  min_salary: number | null;
  salary_currency: string | null;
  location: string | null;
  created_at: number;
}

const toSubscriber = (row: SubscriberRow): Subscriber => ({
  userId: row.user_id,
  chatId: row.chat_id,
  paused: row.paused === 1,
  timezone: row.timezone,
  quietStart: row.quiet_start,
  quietEnd: row.quiet_end,
  createdAt: row.created_at,
});

/** A `job_subscriptions` row in domain words. */
export const toSubscription = (row: JobRow): JobSubscription => ({
  id: row.id,
  userId: row.user_id,
  keywords: JSON.parse(row.keywords) as string[],
  remoteOnly: row.remote_only === 1,
  minSalary: row.min_salary,
  salaryCurrency: row.salary_currency,
  location: row.location,
  createdAt: row.created_at,
});

/** Creates the subscription store over an open database. */
export function createSubscriptionStore(db: Db): SubscriptionStore {
  const selectSubscriber = db.prepare('SELECT * FROM subscribers WHERE user_id = ?');
  const upsertSubscriber = db.prepare(`
    INSERT INTO subscribers (user_id, chat_id, timezone, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id,
      timezone = COALESCE(subscribers.timezone, excluded.timezone)`);
  const insertJob = db.prepare(`
    INSERT INTO job_subscriptions (user_id, keywords, remote_only, min_salary, salary_currency, location, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const selectJobs = db.prepare(
    'SELECT * FROM job_subscriptions WHERE user_id = ? AND removed_at IS NULL ORDER BY id',
  );
  const retireJob = db.prepare(
    'UPDATE job_subscriptions SET removed_at = ? WHERE id = ? AND user_id = ? AND removed_at IS NULL',
  );
  const updatePaused = db.prepare('UPDATE subscribers SET paused = ? WHERE user_id = ?');

  const subscribe = db.transaction((person: SubscriberRef, criteria: JobCriteria, now: number) => {
    upsertSubscriber.run(person.userId, person.chatId, person.timezone, now);
    return toSubscription(
      insertJob.get(
        person.userId,
        JSON.stringify(criteria.keywords),
        criteria.remoteOnly ? 1 : 0,
        criteria.minSalary,
        criteria.salaryCurrency,
        criteria.location,
        now,
      ) as JobRow,
    );
  });

  return {
    subscriber: (userId) => {
      const row = selectSubscriber.get(userId) as SubscriberRow | undefined;
      return row ? toSubscriber(row) : null;
    },
    subscribe: (person, criteria, now) => subscribe(person, criteria, now),
    register: (person, now) => {
      upsertSubscriber.run(person.userId, person.chatId, person.timezone, now);
    },
    list: (userId) => (selectJobs.all(userId) as JobRow[]).map(toSubscription),
    remove: (userId, id, now) => retireJob.run(now, id, userId).changes === 1,
    setPaused: (userId, paused) => updatePaused.run(paused ? 1 : 0, userId).changes === 1,
  };
}
