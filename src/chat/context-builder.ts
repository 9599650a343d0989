import type { ChatStore } from '../store/chat-store.js';
import type { CommandContext } from './context.js';
import { type Lang, langOfLocale } from './i18n.js';

/** What a platform knows about a message before the chat's stored settings are applied. */
export interface MessageOrigin {
  user: { id: string; name: string };
  chat: CommandContext['chat'];
  /** The platform's idea of the person's language (`language_code`, Slack locale), if any. */
  locale?: string | null;
  isAdmin: boolean;
}

/**
 * Builds command contexts: the chat's language and timezone come from its stored settings (`/lang`,
 * `/schedule … <timezone>`), else from the platform locale and the configured default timezone.
 */
export function createContextBuilder(deps: {
  chats: Pick<ChatStore, 'get'>;
  defaultTimezone: string;
  defaultLang?: Lang;
  now: () => number;
}) {
  return (origin: MessageOrigin): CommandContext => {
    const stored = deps.chats.get(origin.chat.id);
    const lang = stored?.lang ?? (origin.locale ? langOfLocale(origin.locale) : (deps.defaultLang ?? 'en'));
    return {
      user: origin.user,
      chat: origin.chat,
      lang,
      timezone: stored?.timezone ?? deps.defaultTimezone,
      isAdmin: origin.chat.kind === 'private' || origin.isAdmin,
      now: deps.now(),
    };
  };
}
