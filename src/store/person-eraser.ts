import type { Db } from './database.js';

/** What Kestrel keeps about one person, counted (what `forget` would delete, or did). */
export interface PersonRecord {
  userId: string;
  /** A `subscribers` row: the private chat alerts go to, pause state, timezone, quiet hours. */
  subscriber: boolean;
  /** Live job alerts. */
  jobAlerts: number;
  /** Alerts removed with `/jobs remove`, kept (as history) until the person is forgotten. */
  removedJobAlerts: number;
  /** Which vacancies reached the person (`alert_deliveries`). */
  alertDeliveries: number;
  /** The person's private chats with the bot whose settings are kept (language, timezone, digest, name). */
  privateChats: string[];
  /** Messages to those chats or of the person's alerts in the outbox (pending, sent or failed). */
  messages: number;
  /** Digests decided or skipped for those chats. */
  digestRuns: number;
  /** Live watches added in those chats; forgetting stops them. */
  watches: number;
  /** Votes the person gave on items (`/feedback`, the buttons); forgetting decides those items again without them. */
  votes: number;
}

/** What the eraser needs besides the database. */
export interface PersonEraserDeps {
  /**
   * Removes a person's votes, decides their items again from the votes left and reads those tweets again
   * (`Corrections.forgetPerson`); runs inside the eraser's transaction. Returns how many votes went.
   */
  forgetVotes: (personId: string, now: number) => number;
}

/** Finds and deletes everything Kestrel stores about one person (`/jobs forget`, `kestrel forget --user`). */
export interface PersonEraser {
  /**
   * What is kept about the person. `privateChat` is the private chat the request came from, counted with
   * the one their alerts go to and, on Telegram (where a private chat's id is the person's), `userId`.
   */
  find(userId: string, privateChat?: string): PersonRecord;
  /** Deletes it all in one transaction (watches are retired, as `/watch remove` does) and says what went. */
  forget(userId: string, now: number, privateChat?: string): PersonRecord;
}

/** True when nothing is kept about the person. */
export function isEmptyRecord(record: PersonRecord): boolean {
  return (
    !record.subscriber &&
    record.jobAlerts +
      record.removedJobAlerts +
      record.alertDeliveries +
      record.messages +
      record.digestRuns +
      record.watches +
      record.votes ===
      0 &&
    record.privateChats.length === 0
  );
}

/** Creates the eraser over an open database. */
export function createPersonEraser(db: Db, deps: PersonEraserDeps): PersonEraser {
  const subscriberChat = db.prepare('SELECT chat_id FROM subscribers WHERE user_id = ?').pluck();
  const privateChat = db.prepare("SELECT id FROM chats WHERE id = ? AND kind = 'private'").pluck();
  const count = (sql: string) => db.prepare(`SELECT count(*) FROM ${sql}`).pluck();
  const inChats = 'IN (SELECT value FROM json_each(@chats))';
  const countSubscriber = count('subscribers WHERE user_id = @userId');
  const countJobs = count('job_subscriptions WHERE user_id = @userId AND removed_at IS NULL');
  const countRemovedJobs = count('job_subscriptions WHERE user_id = @userId AND removed_at IS NOT NULL');
  const countDeliveries = count('alert_deliveries WHERE user_id = @userId');
  const countMessages = count(
    `outbox WHERE target ${inChats} OR substr(key, 1, length(@alertKey)) = @alertKey`,
  );
  const countRuns = count(`digest_runs WHERE chat_id ${inChats}`);
  const countWatches = count(`watches WHERE chat_id ${inChats} AND removed_at IS NULL`);
  const countVotes = count('label_feedback WHERE person_id = @userId');

  const deleteJobs = db.prepare('DELETE FROM job_subscriptions WHERE user_id = ?');
  const deleteDeliveries = db.prepare('DELETE FROM alert_deliveries WHERE user_id = ?');
  const deleteSubscriber = db.prepare('DELETE FROM subscribers WHERE user_id = ?');
  const deleteAlertMessages = db.prepare(
    'DELETE FROM outbox WHERE substr(key, 1, length(@prefix)) = @prefix',
  );
  const deleteChatMessages = db.prepare('DELETE FROM outbox WHERE target = ?');
  const deleteRuns = db.prepare('DELETE FROM digest_runs WHERE chat_id = ?');
  const deleteSkips = db.prepare('DELETE FROM meta WHERE substr(key, 1, length(@prefix)) = @prefix');
  const retireWatches = db.prepare(
    'UPDATE watches SET removed_at = ? WHERE chat_id = ? AND removed_at IS NULL',
  );
  const deleteChat = db.prepare("DELETE FROM chats WHERE id = ? AND kind = 'private'");

  const alertKey = (userId: string) => `alert:${userId}:`;

  /** The person's private chats: the one asked from, the one alerts go to, and (Telegram) their own id. */
  function chatsOf(userId: string, asked?: string): string[] {
    const target = subscriberChat.get(userId) as string | undefined;
    const found = new Set<string>(target === undefined ? [] : [target]);
    for (const id of [asked, userId]) {
      if (id !== undefined && privateChat.get(id) !== undefined) found.add(id);
    }
    return [...found];
  }

  function find(userId: string, asked?: string): PersonRecord {
    const chats = chatsOf(userId, asked);
    const params = { userId, chats: JSON.stringify(chats), alertKey: alertKey(userId) };
    const n = (statement: { get(p: object): unknown }) => statement.get(params) as number;
    return {
      userId,
      subscriber: n(countSubscriber) > 0,
      jobAlerts: n(countJobs),
      removedJobAlerts: n(countRemovedJobs),
      alertDeliveries: n(countDeliveries),
      privateChats: chats.filter((chat) => privateChat.get(chat) !== undefined),
      messages: n(countMessages),
      digestRuns: n(countRuns),
      watches: n(countWatches),
      votes: n(countVotes),
    };
  }

  const forget = db.transaction((userId: string, now: number, asked?: string): PersonRecord => {
    const record = find(userId, asked);
    const chats = chatsOf(userId, asked);
    deleteAlertMessages.run({ prefix: alertKey(userId) });
    for (const chat of chats) {
      deleteChatMessages.run(chat);
      deleteRuns.run(chat);
      deleteSkips.run({ prefix: `digest-skip:${chat}:` });
      retireWatches.run(now, chat);
      deleteChat.run(chat);
    }
    deleteDeliveries.run(userId);
    deleteJobs.run(userId);
    deleteSubscriber.run(userId);
    deps.forgetVotes(userId, now);
    return record;
  });

  return { find, forget: (userId, now, asked) => forget(userId, now, asked) };
}
