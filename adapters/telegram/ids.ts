import type { Chat, User } from 'grammy/types';
import type { ChatKind } from '../../src/store/chat-store.js';

/** `telegram:<id>`: the one format of Telegram chat and person ids in Kestrel. */
export const telegramId = (id: number | string): string => `telegram:${id}`;

/** The Bot API chat id of `telegram:<id>` (a number, or an `@channel` name), or null when it is not one. */
export function parseTelegramId(chatId: string): number | string | null {
  const match = /^telegram:(-?\d{1,20}|@\w{4,64})$/.exec(chatId);
  if (!match) return null;
  const raw = match[1] as string;
  return raw.startsWith('@') ? raw : Number(raw);
}

/** Kestrel's kind of a Telegram chat: supergroups are groups. */
export function chatKindOf(chat: Pick<Chat, 'type'>): ChatKind {
  if (chat.type === 'private') return 'private';
  return chat.type === 'channel' ? 'channel' : 'group';
}

/** A chat's title as people see it: the group's title, or the person's name in a private chat. */
export function chatTitleOf(chat: Chat): string | undefined {
  if ('title' in chat && chat.title) return chat.title;
  if ('first_name' in chat) return [chat.first_name, chat.last_name].filter(Boolean).join(' ') || undefined;
  return undefined;
}

/** A person's display name: `@username`, else first and last name. */
export function userNameOf(user: Pick<User, 'username' | 'first_name' | 'last_name'>): string {
  if (user.username) return `@${user.username}`;
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || 'someone';
}

/** The command of a message: its name and, for `/name@bot`, the bot it is addressed to. */
export function commandOf(text: string): { name: string; bot: string | null } | null {
  const match = /^\/([\p{L}\p{N}_]+)(?:@(\w+))?(?:\s|$)/u.exec(text.trim());
  if (!match) return null;
  return { name: (match[1] as string).toLowerCase(), bot: match[2] ?? null };
}

/** True when the text is a command meant for this bot: no `@bot`, or `@` this bot's username. */
export function isForUs(command: { bot: string | null }, username: string): boolean {
  return command.bot === null || command.bot.toLowerCase() === username.toLowerCase();
}
