import type { Lang } from './i18n.js';

/** Who asks, where and in which language. What a command needs beyond this it gets from its factory. */
export interface CommandContext {
  user: { id: string; name: string };
  /** Chat ids follow one format everywhere: `console:<name>`, `telegram:<id>`, `slack:<team>:<channel>`. */
  chat: { id: string; kind: 'private' | 'group' | 'channel'; title?: string };
  lang: Lang;
  /** IANA timezone of the chat: days and schedules are shown in it. */
  timezone: string;
  /** Whether the asker administers this chat (always true in a private chat). */
  isAdmin: boolean;
  /** Epoch ms, from the injected clock. */
  now: number;
}
