import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Command } from '../../src/chat/command.js';
import type { Lang } from '../../src/chat/i18n.js';

/** Telegram's rule for a menu command name. */
const NAME = /^[a-z0-9_]{1,32}$/;

/** One setMyCommands call: a scope, a language (none = the fallback for every other language), the list. */
export interface MenuEntry {
  scope: BotCommandScope;
  language_code?: Lang;
  commands: BotCommand[];
}

/**
 * The command menus: per scope (private chats, group chats, group administrators) in Russian and
 * English, plus a language-less English fallback. Commands in `privateOnly` (default `/jobs`, which
 * works only in a private chat) are left out of the group menus.
 */
export function menuEntries(
  commands: readonly Pick<Command, 'name' | 'summary'>[],
  options: { privateOnly?: readonly string[] } = {},
): MenuEntry[] {
  const privateOnly = new Set(options.privateOnly ?? ['jobs']);
  const list = (lang: Lang, inGroups: boolean): BotCommand[] =>
    commands
      .filter((c) => NAME.test(c.name) && !(inGroups && privateOnly.has(c.name)))
      .slice(0, 100)
      .map((c) => ({ command: c.name, description: describe(c.summary[lang] || c.name) }));
  const scopes: [BotCommandScope, boolean][] = [
    [{ type: 'all_private_chats' }, false],
    [{ type: 'all_group_chats' }, true],
    [{ type: 'all_chat_administrators' }, true],
  ];
  const entries: MenuEntry[] = [];
  for (const [scope, inGroups] of scopes) {
    entries.push({ scope, language_code: 'ru', commands: list('ru', inGroups) });
    entries.push({ scope, language_code: 'en', commands: list('en', inGroups) });
    entries.push({ scope, commands: list('en', inGroups) });
  }
  return entries;
}

/** A description within Telegram's 1–256 characters. */
function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > 256 ? `${[...flat].slice(0, 255).join('')}…` : flat;
}

/** Registers every menu with setMyCommands. */
export async function registerMenus(api: Api, entries: readonly MenuEntry[]): Promise<void> {
  for (const entry of entries) {
    await api.setMyCommands(entry.commands, {
      scope: entry.scope,
      ...(entry.language_code ? { language_code: entry.language_code } : {}),
    });
  }
}
