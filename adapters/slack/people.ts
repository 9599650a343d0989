import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

/** What Kestrel needs to know about the person behind a message. */
export interface SlackPerson {
  id: string;
  name: string;
  /** Slack locale, e.g. `ru-RU`; null when unknown. */
  locale: string | null;
  /** Workspace admin or owner (`users.info` is_admin / is_owner). */
  workspaceAdmin: boolean;
}

/** Looks people up with `users.info` (locale included), caching answers briefly. */
export interface SlackPeople {
  /** The person; on a failed lookup a stand-in with `fallbackName`, no locale and no admin rights. */
  get(userId: string, fallbackName?: string): Promise<SlackPerson>;
  /** True for a workspace admin/owner or a user listed in the config's admins. */
  isAdmin(person: SlackPerson): boolean;
}

/** Five minutes: long enough to spare the API during a conversation, short enough for role changes. */
export const PEOPLE_TTL_MS = 5 * 60_000;

export function createSlackPeople(deps: {
  client: webApi.WebClient;
  /** User ids allowed to change watches and schedules anywhere, besides workspace admins and owners. */
  admins: readonly string[];
  now: () => number;
  logger: Logger;
  ttlMs?: number;
}): SlackPeople {
  const ttl = deps.ttlMs ?? PEOPLE_TTL_MS;
  const admins = new Set(deps.admins);
  const cache = new Map<string, { person: SlackPerson; at: number }>();

  return {
    async get(userId, fallbackName) {
      const cached = cache.get(userId);
      if (cached && deps.now() - cached.at < ttl) return cached.person;
      try {
        const result = await deps.client.users.info({ user: userId, include_locale: true });
        const user = result.user;
        const person: SlackPerson = {
          id: userId,
          name: user?.profile?.display_name || user?.real_name || user?.name || fallbackName || userId,
          locale: user?.locale ?? null,
          workspaceAdmin:
            user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true,
        };
        cache.set(userId, { person, at: deps.now() });
        return person;
      } catch (error) {
        deps.logger.warn({ err: error, user: userId }, 'users.info failed; treating the person as a member');
        return { id: userId, name: fallbackName || userId, locale: null, workspaceAdmin: false };
      }
    },
    isAdmin: (person) => person.workspaceAdmin || admins.has(person.id),
  };
}
