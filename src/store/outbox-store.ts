import type { Reply } from '../chat/reply.js';
import type { Db } from './database.js';

/** A message decided to be sent, with its idempotency key (`digest:<chat>:<date>`, `alert:<user>:<tweet>`…). */
export interface OutgoingMessage {
  key: string;
  /** Chat id: `console:…`, `telegram:…`, `slack:…`. */
  target: string;
  reply: Reply;
  /** Not before this time (epoch ms): quiet hours, or a platform's retry_after. */
  notBefore: number;
}

/** The outbox: decisions to send, written in the same transaction as the decision itself. */
export interface OutboxWriter {
  /**
   * Records a message to send. Returns false (and changes nothing) when a message with the same key was
   * already decided: deciding twice never sends twice. Call inside the deciding transaction.
   */
  enqueue(message: OutgoingMessage, now: number): boolean;
}

export function createOutboxWriter(db: Db): OutboxWriter {
  const insert = db.prepare(`
    INSERT OR IGNORE INTO outbox (key, target, payload, not_before, status, created_at)
    VALUES (?, ?, ?, ?, 'pending', ?)`);
  return {
    enqueue(message, now) {
      return (
        insert.run(message.key, message.target, JSON.stringify(message.reply), message.notBefore, now)
          .changes === 1
      );
    },
  };
}

/** Where an outbox message is: decided, being sent (the call is out), confirmed, or given up. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A pending message as the dispatcher queues it: no payload, which is read when it is claimed. */
export interface PendingRef {
  id: number;
  target: string;
  notBefore: number;
}

/** A message the dispatcher claimed (now `sending`), ready to hand to an adapter. */
export interface ClaimedMessage {
  id: number;
  key: string;
  target: string;
  reply: Reply;
  /** Calls to the platform so far, this one included. */
  attempts: number;
}

/** One outbox row in domain words, for tests, `db stats` and operators. */
export interface OutboxEntry {
  id: number;
  key: string;
  target: string;
  status: OutboxStatus;
  notBefore: number;
  attempts: number;
  lastError: string | null;
  platformIds: string[] | null;
  createdAt: number;
  sentAt: number | null;
}

/**
 * What the dispatcher does to the outbox. Every method is one autocommitted statement (unless called
 * inside `transaction`), so each state change is durable the moment the method returns: `claim` before the
 * platform is called, `markSent` right after it confirmed.
 */
export interface OutboxStore extends OutboxWriter {
  /** Pending messages with an id above `afterId`, oldest first, at most `limit`. */
  pending(afterId: number, limit: number): PendingRef[];
  /** Moves a pending message to `sending` and counts the attempt; null when it is no longer pending. */
  claim(id: number): ClaimedMessage | null;
  /** The platform confirmed: `sending` → `sent`, with the platform's message ids. */
  markSent(id: number, platformIds: readonly string[], now: number): boolean;
  /**
   * Back to `pending`, not before `notBefore`, recording why. `refund` uncounts the attempt (a rate limit
   * is the platform's pacing, not a failed delivery).
   */
  reschedule(id: number, notBefore: number, error: string, refund?: boolean): boolean;
  /** Gives a message up (`sending` or `pending` → `failed`) with the reason. */
  markFailed(id: number, error: string): boolean;
  /** Gives up every pending message to a target (it is gone for good); returns how many. */
  failPending(target: string, error: string): number;
  /**
   * Start-up recovery: messages left `sending` by a crash go back to `pending` with a note; returns their
   * keys. They may have reached the platform already (the unavoidable window), so resending them may
   * duplicate them, and not resending them may lose them: Kestrel resends.
   */
  recoverSending(note: string): string[];
  /** Number of messages per status. */
  counts(): Record<OutboxStatus, number>;
  /** Keys of the messages in a status, oldest first (e.g. what a crash left `sending`). */
  keys(status: OutboxStatus): string[];
  /** A message by its idempotency key. */
  get(key: string): OutboxEntry | null;
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
}

interface OutboxRow {
  id: number;
  key: string;
  target: string;
  payload: string;
  not_before: number;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  platform_ids: string | null;
  created_at: number;
  sent_at: number | null;
}

/** Creates the outbox store (writer and dispatcher side) over an open database. */
export function createOutboxStore(db: Db): OutboxStore {
  const writer = createOutboxWriter(db);
  const selectPending = db.prepare(`
    SELECT id, target, not_before AS notBefore FROM outbox
    WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?`);
  const claim = db.prepare(`
    UPDATE outbox SET status = 'sending', attempts = attempts + 1
    WHERE id = ? AND status = 'pending'
    RETURNING id, key, target, payload, attempts`);
  const markSent = db.prepare(`
    UPDATE outbox SET status = 'sent', platform_ids = ?, sent_at = ?, last_error = NULL
    WHERE id = ? AND status = 'sending'`);
  const reschedule = db.prepare(`
    UPDATE outbox SET status = 'pending', not_before = ?, last_error = ?, attempts = attempts - ?
    WHERE id = ? AND status = 'sending'`);
  const markFailed = db.prepare(`
    UPDATE outbox SET status = 'failed', last_error = ?
    WHERE id = ? AND status IN ('pending', 'sending')`);
  const failPending = db.prepare(`
    UPDATE outbox SET status = 'failed', last_error = ? WHERE status = 'pending' AND target = ?`);
  const recover = db.prepare(`
    UPDATE outbox SET status = 'pending', last_error = ? WHERE status = 'sending' RETURNING key`);
  const counts = db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
  const byKey = db.prepare('SELECT * FROM outbox WHERE key = ?');
  const keysByStatus = db.prepare('SELECT key FROM outbox WHERE status = ? ORDER BY id').pluck();

  return {
    enqueue: writer.enqueue,
    pending: (afterId, limit) => selectPending.all(afterId, limit) as PendingRef[],
    claim(id) {
      const row = claim.get(id) as
        | Pick<OutboxRow, 'id' | 'key' | 'target' | 'payload' | 'attempts'>
        | undefined;
      if (!row) return null;
      return {
        id: row.id,
        key: row.key,
        target: row.target,
        reply: JSON.parse(row.payload) as Reply,
        attempts: row.attempts,
      };
    },
    markSent: (id, platformIds, now) => markSent.run(JSON.stringify(platformIds), now, id).changes === 1,
    reschedule: (id, notBefore, error, refund = false) =>
      reschedule.run(notBefore, error, refund ? 1 : 0, id).changes === 1,
    markFailed: (id, error) => markFailed.run(error, id).changes === 1,
    failPending: (target, error) => failPending.run(error, target).changes,
    recoverSending: (note) => (recover.all(note) as { key: string }[]).map((row) => row.key),
    counts() {
      const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const row of counts.all() as { status: OutboxStatus; n: number }[]) out[row.status] = row.n;
      return out;
    },
    keys: (status) => keysByStatus.all(status) as string[],
    get(key) {
      const row = byKey.get(key) as OutboxRow | undefined;
      if (!row) return null;
      return {
        id: row.id,
        key: row.key,
        target: row.target,
        status: row.status,
        notBefore: row.not_before,
        attempts: row.attempts,
        lastError: row.last_error,
        platformIds: row.platform_ids === null ? null : (JSON.parse(row.platform_ids) as string[]),
        createdAt: row.created_at,
        sentAt: row.sent_at,
      };
    },
    transaction: (fn) => db.transaction(fn)(),
  };
}
