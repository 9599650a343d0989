import type { CommandContext } from '../../src/chat/context.js';
import type { MessageOrigin } from '../../src/chat/context-builder.js';
import { langOfLocale } from '../../src/chat/i18n.js';
import { chatKindOf, slackChatId } from './ids.js';
import type { SlackPeople } from './people.js';

/** Where a Slack message came from, as its payload says. */
export interface SlackSource {
  team: string;
  channel: string;
  /** Event `channel_type` (`im`, `mpim`, `group`, `channel`), when the payload has one. */
  channelType?: string;
  /** Slash commands carry the channel's name (`directmessage` / `privategroup` for unnamed ones). */
  channelName?: string;
  user: string;
  userName?: string;
}

/**
 * Turns a Slack message's source into Kestrel's MessageOrigin: chat id `slack:<team>:<channel>`, person
 * `slack:<team>:<user>` with their display name and locale from `users.info`, and `isAdmin` for a
 * workspace admin/owner or a configured admin (in a DM the context builder makes everyone admin).
 */
export async function originOf(source: SlackSource, people: SlackPeople): Promise<MessageOrigin> {
  const person = await people.get(source.user, source.userName);
  const kind = chatKindOf(source.channel, source.channelType);
  const named = source.channelName && !['directmessage', 'privategroup'].includes(source.channelName);
  return {
    user: { id: slackChatId(source.team, source.user), name: person.name },
    chat: {
      id: slackChatId(source.team, source.channel),
      kind,
      ...(named ? { title: `#${source.channelName}` } : {}),
    },
    locale: person.locale,
    isAdmin: people.isAdmin(person),
  };
}

/** The context of an origin without stored chat settings: the locale's language, the default timezone. */
export function plainContext(origin: MessageOrigin, defaultTimezone: string, now: number): CommandContext {
  return {
    user: origin.user,
    chat: origin.chat,
    lang: langOfLocale(origin.locale),
    timezone: defaultTimezone,
    isAdmin: origin.chat.kind === 'private' || origin.isAdmin,
    now,
  };
}
