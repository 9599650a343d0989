import type { Logger } from '../../src/logger.js';

/** Who administers a group or channel, asked of Telegram with getChatMember and remembered briefly. */
export interface AdminCache {
  /** True when the user is the chat's creator or an administrator. Fails closed (false) when Telegram errs. */
  isAdmin(chatId: number, userId: number): Promise<boolean>;
  /** Forgets what is known about a chat (e.g. after the bot's own rights changed). */
  forget(chatId: number): void;
}

/** Where the cache asks and what time it is. */
export interface AdminCacheDeps {
  /** `api.getChatMember`, narrowed to what is needed. */
  getChatMember(chatId: number, userId: number): Promise<{ status: string }>;
  now: () => number;
  logger: Logger;
}

/** Creates the cache; answers are trusted for `ttlMs` (default 60 s) of the injected clock. */
export function createAdminCache(options: { ttlMs?: number }, deps: AdminCacheDeps): AdminCache {
  const ttl = options.ttlMs ?? 60_000;
  const known = new Map<string, { admin: boolean; at: number }>();
  const pending = new Map<string, Promise<boolean>>();

  const lookup = async (key: string, chatId: number, userId: number): Promise<boolean> => {
    try {
      const member = await deps.getChatMember(chatId, userId);
      const admin = member.status === 'creator' || member.status === 'administrator';
      if (known.size > 10_000) known.clear();
      known.set(key, { admin, at: deps.now() });
      return admin;
    } catch (error) {
      deps.logger.warn({ err: error, chatId, userId }, 'getChatMember failed; treating as not an admin');
      return false;
    } finally {
      pending.delete(key);
    }
  };

  return {
    isAdmin(chatId, userId) {
      const key = `${chatId}:${userId}`;
      const hit = known.get(key);
      if (hit && deps.now() - hit.at < ttl) return Promise.resolve(hit.admin);
      const running = pending.get(key);
      if (running) return running;
      const asked = lookup(key, chatId, userId);
      pending.set(key, asked);
      return asked;
    },
    forget(chatId) {
      for (const key of known.keys()) if (key.startsWith(`${chatId}:`)) known.delete(key);
    },
  };
}
