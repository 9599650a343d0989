import { readIncoming } from './mrkdwn.js';

/** A command as Kestrel's registry reads it, and whether the asker wants the answer shown to everyone. */
export interface CommandText {
  /** `/mentions yandex 7d` */
  text: string;
  /** The asker ended the command with `public` (or `публично`): answer in the channel, not just to them. */
  public: boolean;
}

const PUBLIC_WORDS = new Set(['public', 'публично']);

/**
 * The command of a slash command. `/mentions yandex` is `/mentions yandex`; the umbrella command
 * (`/kestrel mentions yandex`, for workspaces that limit slash commands) carries the name as its first
 * word, with or without a slash, and alone means `/help`. A last word `public` is taken off and noted.
 */
export function slashCommandText(command: string, text: string, umbrella: string): CommandText {
  const words = readIncoming(text).trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1)?.toLowerCase();
  const isPublic = last !== undefined && PUBLIC_WORDS.has(last);
  if (isPublic) words.pop();
  const name = command.replace(/^\//, '').toLowerCase();
  if (name === umbrella.toLowerCase()) {
    const [first, ...rest] = words;
    if (!first) return { text: '/help', public: isPublic };
    return { text: [`/${first.replace(/^\//, '')}`, ...rest].join(' '), public: isPublic };
  }
  return { text: [`/${name}`, ...words].join(' '), public: isPublic };
}

/**
 * The command in a mention or a DM: `<@U0BOT> mentions yandex`, `/mentions yandex` and `mentions yandex`
 * all read `/mentions yandex`. Leading mentions of the bot (any of its ids; any user when none are known) are
 * dropped; an empty message means `/help`.
 */
export function messageCommandText(text: string, botUserIds: readonly string[] = []): string {
  let rest = text.trim();
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>[\s,:]*/;
  const isBot = (id: string) => botUserIds.length === 0 || botUserIds.includes(id);
  for (let m = mention.exec(rest); m && isBot(m[1] as string); m = mention.exec(rest)) {
    rest = rest.slice(m[0].length);
  }
  const plain = readIncoming(rest).trim();
  if (!plain) return '/help';
  return plain.startsWith('/') ? plain : `/${plain}`;
}
