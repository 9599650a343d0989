import type { ChatRef } from './chat-store.js';
import type { Db } from './database.js';

/** A chat Kestrel cannot post to, and why (for `/stats` and operators). */
export interface InactiveChat {
  id: string;
  kind: ChatRef['kind'];
  title: string | null;
  reason: string | null;
  /** Epoch ms, or null for chats made inactive before the reason was recorded. */
  since: number | null;
}

/** What moving a chat to a new id (a Telegram group upgraded to a supergroup) carried over. */
export interface MigrationReport {
  moved: boolean;
  watches: number;
  subscribers: number;
  pending: number;
}

/**
 * The SQL of chat membership: a chat going away (with its pending messages), coming back (with the
 * messages it missed recently), and moving to a new id. Each method is one transaction.
 */
export interface MembershipStore {
  /** True when the chat is known and inactive. */
  isInactive(chatId: string): boolean;
  /**
   * Marks the chat inactive with the reason (creating it if unknown) and fails its pending messages,
   * keeping them revivable; returns how many were failed.
   */
  deactivate(chat: ChatRef, reason: string, now: number): number;
  /** Fails the chat's pending messages (it is inactive), keeping them revivable; returns how many. */
  failPending(chatId: string, reason: string, now: number): number;
  /**
   * Makes the chat active (recording kind and title when `record`, else only when it is known) and puts its
   * revivable messages that failed at or after `reviveFrom` back to pending, due now, in their old order;
   * older ones stop being revivable. Returns how many were revived.
   */
  reactivate(chat: ChatRef, opts: { now: number; reviveFrom: number; record: boolean }): number;
  /**
   * Moves watches, language, timezone, digest schedule and history, job-alert chats and pending messages
   * from one chat id to another, and marks the old chat inactive ("migrated to …"). Does nothing (moved:
   * false) when the old chat was already migrated.
   */
  migrate(from: string, to: ChatRef, now: number): MigrationReport;
  /** Inactive chats, most recent first. */
  inactive(): InactiveChat[];
}

const MIGRATED = 'migrated to ';

/** Creates the membership store over an open database. */
export function createMembershipStore(db: Db): MembershipStore {
  const select = db.prepare('SELECT active, inactive_reason AS reason FROM chats WHERE id = ?');
  const upsertInactive = db.prepare(`
    INSERT INTO chats (id, kind, title, active, inactive_reason, inactive_since, created_at, updated_at)
    VALUES (@id, @kind, @title, 0, @reason, @now, @now, @now)
    ON CONFLICT (id) DO UPDATE SET
      title = COALESCE(excluded.title, chats.title),
      active = 0,
      inactive_reason = excluded.inactive_reason,
      inactive_since = CASE WHEN chats.active = 1 OR chats.inactive_since IS NULL
        THEN excluded.inactive_since ELSE chats.inactive_since END,
      updated_at = excluded.updated_at`);
  const upsertActive = db.prepare(`
    INSERT INTO chats (id, kind, title, active, created_at, updated_at)
    VALUES (@id, @kind, @title, 1, @now, @now)
    ON CONFLICT (id) DO UPDATE SET
      kind = excluded.kind,
      title = COALESCE(excluded.title, chats.title),
      active = 1, inactive_reason = NULL, inactive_since = NULL,
      updated_at = excluded.updated_at`);
  const activateKnown = db.prepare(`
    UPDATE chats SET active = 1, inactive_reason = NULL, inactive_since = NULL, updated_at = ?
    WHERE id = ? AND active = 0`);
  const failPending = db.prepare(`
    UPDATE outbox SET status = 'failed', last_error = ?, failed_at = ?, revivable = 1
    WHERE status = 'pending' AND target = ?`);
  const revive = db.prepare(`
    UPDATE outbox SET status = 'pending', revivable = 0, attempts = 0, not_before = ?,
      last_error = 'revived: the chat came back'
    WHERE target = ? AND status = 'failed' AND revivable = 1 AND failed_at >= ?`);
  const expire = db.prepare(`UPDATE outbox SET revivable = 0 WHERE target = ? AND revivable = 1`);
  const copySettings = db.prepare(`
    INSERT INTO chats (id, kind, title, lang, timezone, digest_time, active, created_at, updated_at)
    SELECT @to, @kind, COALESCE(@title, title), lang, timezone, digest_time, 1, @now, @now
    FROM chats WHERE id = @from
    ON CONFLICT (id) DO UPDATE SET
      kind = excluded.kind,
      title = COALESCE(excluded.title, chats.title),
      lang = COALESCE(chats.lang, excluded.lang),
      timezone = COALESCE(chats.timezone, excluded.timezone),
      digest_time = COALESCE(chats.digest_time, excluded.digest_time),
      active = 1, inactive_reason = NULL, inactive_since = NULL,
      updated_at = excluded.updated_at`);
  const moveWatches = db.prepare(
    'UPDATE OR IGNORE watches SET chat_id = ? WHERE chat_id = ? AND removed_at IS NULL',
  );
  const moveSubscribers = db.prepare('UPDATE subscribers SET chat_id = ? WHERE chat_id = ?');
  const moveRuns = db.prepare('UPDATE OR IGNORE digest_runs SET chat_id = ? WHERE chat_id = ?');
  const movePending = db.prepare(`
    UPDATE outbox SET target = ?, status = 'pending', revivable = 0
    WHERE target = ? AND (status = 'pending' OR (status = 'failed' AND revivable = 1))`);
  const inactive = db.prepare(`
    SELECT id, kind, title, inactive_reason AS reason, inactive_since AS since FROM chats
    WHERE active = 0 ORDER BY COALESCE(inactive_since, updated_at) DESC, id`);

  const deactivate = db.transaction((chat: ChatRef, reason: string, now: number): number => {
    upsertInactive.run({ id: chat.id, kind: chat.kind, title: chat.title ?? null, reason, now });
    return failPending.run(reason, now, chat.id).changes;
  });
  const reactivate = db.transaction(
    (chat: ChatRef, opts: { now: number; reviveFrom: number; record: boolean }): number => {
      const known = select.get(chat.id) as { reason: string | null } | undefined;
      if (known?.reason?.startsWith(MIGRATED)) return 0;
      if (opts.record)
        upsertActive.run({ id: chat.id, kind: chat.kind, title: chat.title ?? null, now: opts.now });
      else if (activateKnown.run(opts.now, chat.id).changes === 0) return 0;
      const revived = revive.run(opts.now, chat.id, opts.reviveFrom).changes;
      expire.run(chat.id);
      return revived;
    },
  );
  const migrate = db.transaction((from: string, to: ChatRef, now: number): MigrationReport => {
    const old = select.get(from) as { active: number; reason: string | null } | undefined;
    if (old?.reason?.startsWith(MIGRATED) || from === to.id)
      return { moved: false, watches: 0, subscribers: 0, pending: 0 };
    if (old) copySettings.run({ from, to: to.id, kind: to.kind, title: to.title ?? null, now });
    else upsertActive.run({ id: to.id, kind: to.kind, title: to.title ?? null, now });
    const report: MigrationReport = {
      moved: true,
      watches: moveWatches.run(to.id, from).changes,
      subscribers: moveSubscribers.run(to.id, from).changes,
      pending: movePending.run(to.id, from).changes,
    };
    moveRuns.run(to.id, from);
    upsertInactive.run({ id: from, kind: to.kind, title: null, reason: `${MIGRATED}${to.id}`, now });
    return report;
  });

  return {
    isInactive: (chatId) => (select.get(chatId) as { active: number } | undefined)?.active === 0,
    deactivate: (chat, reason, now) => deactivate(chat, reason, now),
    failPending: (chatId, reason, now) => failPending.run(reason, now, chatId).changes,
    reactivate: (chat, opts) => reactivate(chat, opts),
    migrate: (from, to, now) => migrate(from, to, now),
    inactive: () => inactive.all() as InactiveChat[],
  };
}
