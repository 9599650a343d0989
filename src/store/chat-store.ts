import type { Lang } from '../chat/i18n.js';
import type { Db } from './database.js';

/** Kind of chat, as the platforms report it. */
export type ChatKind = 'private' | 'group' | 'channel';

/** A chat Kestrel talks in and its settings; null settings fall back to the defaults of the config. */
export interface ChatSettings {
  id: string;
  kind: ChatKind;
  title: string | null;
  lang: Lang | null;
  /** IANA timezone, e.g. Europe/Moscow. */
  timezone: string | null;
  /** Local time of the daily digest, `HH:MM`, or null when the chat gets none. */
  digestTime: string | null;
  /** False once the bot was removed or blocked there. */
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The chat as a message identifies it. */
export interface ChatRef {
  id: string;
  kind: ChatKind;
  title?: string | undefined;
}

/**
 * Changes to a chat's settings: a field left out (undefined) is kept, null clears it. Saving also
 * records the chat's current kind and title.
 */
export interface ChatPatch {
  lang?: Lang | null;
  timezone?: string | null;
  digestTime?: string | null;
  active?: boolean;
}

/** The `chats` table in domain words. */
export interface ChatStore {
  get(id: string): ChatSettings | null;
  /** Creates the chat if it is new, applies the patch, and returns the settings as saved. */
  save(chat: ChatRef, patch: ChatPatch, now: number): ChatSettings;
  /** Active chats with a daily digest, for the digest scheduler. */
  withDigest(): ChatSettings[];
}

interface ChatRow {
  id: string;
  kind: ChatKind;
  title: string | null;
  lang: Lang | null;
  timezone: string | null;
  digest_time: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

const toSettings = (row: ChatRow): ChatSettings => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  lang: row.lang,
  timezone: row.timezone,
  digestTime: row.digest_time,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Creates the chat store over an open database. */
export function createChatStore(db: Db): ChatStore {
  const select = db.prepare('SELECT * FROM chats WHERE id = ?');
  const selectWithDigest = db.prepare(
    'SELECT * FROM chats WHERE active = 1 AND digest_time IS NOT NULL ORDER BY id',
  );
  const upsert = db.prepare(`
    INSERT INTO chats (id, kind, title, lang, timezone, digest_time, active, created_at, updated_at)
    VALUES (@id, @kind, @title, @lang, @timezone, @digestTime, COALESCE(@active, 1), @now, @now)
    ON CONFLICT (id) DO UPDATE SET
      kind = excluded.kind,
      title = COALESCE(excluded.title, chats.title),
      lang = CASE WHEN @setLang = 1 THEN excluded.lang ELSE chats.lang END,
      timezone = CASE WHEN @setTimezone = 1 THEN excluded.timezone ELSE chats.timezone END,
      digest_time = CASE WHEN @setDigestTime = 1 THEN excluded.digest_time ELSE chats.digest_time END,
      active = COALESCE(@active, chats.active),
      updated_at = excluded.updated_at
    RETURNING *`);

  const flag = (value: unknown): number => (value === undefined ? 0 : 1);

  return {
    get: (id) => {
      const row = select.get(id) as ChatRow | undefined;
      return row ? toSettings(row) : null;
    },
    save: (chat, patch, now) =>
      toSettings(
        upsert.get({
          id: chat.id,
          kind: chat.kind,
          title: chat.title ?? null,
          lang: patch.lang ?? null,
          timezone: patch.timezone ?? null,
          digestTime: patch.digestTime ?? null,
          active: patch.active === undefined ? null : patch.active ? 1 : 0,
          setLang: flag(patch.lang),
          setTimezone: flag(patch.timezone),
          setDigestTime: flag(patch.digestTime),
          now,
        }) as ChatRow,
      ),
    withDigest: () => (selectWithDigest.all() as ChatRow[]).map(toSettings),
  };
}
