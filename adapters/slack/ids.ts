import type { CommandContext } from '../../src/chat/context.js';
import { KestrelError } from '../../src/errors.js';

/** A Slack chat id taken apart: `slack:<team>:<channel or user>`. */
export interface SlackTarget {
  team: string;
  /** A conversation id (`C…` public, `G…` private or group DM, `D…` DM) or a user id (`U…`, `W…`). */
  id: string;
  /** True for a person (`U…`/`W…`): the message goes to the DM that `conversations.open` gives. */
  isUser: boolean;
}

/** `slack:<team>:<channel>`, the one chat id format of the store, the outbox and the logs. */
export function slackChatId(team: string, channelOrUser: string): string {
  return `slack:${team}:${channelOrUser}`;
}

/** Parses `slack:<team>:<id>`; throws INPUT_INVALID for anything else. */
export function parseSlackChatId(chatId: string): SlackTarget {
  const match = /^slack:([A-Z0-9]+):([A-Z0-9]+)$/.exec(chatId);
  if (!match) {
    throw new KestrelError(
      'INPUT_INVALID',
      `Not a Slack chat id: "${chatId}" (expected slack:<team>:<channel>)`,
    );
  }
  const team = match[1] as string;
  const id = match[2] as string;
  return { team, id, isUser: id.startsWith('U') || id.startsWith('W') };
}

/**
 * The kind of a conversation: DMs (`D…`, channel type `im`) are private; private channels and group DMs
 * (`G…`, types `group`/`mpim`) are groups; public channels are channels. The channel type of an event wins
 * over the id's prefix when known.
 */
export function chatKindOf(channelId: string, channelType?: string): CommandContext['chat']['kind'] {
  if (channelType === 'im') return 'private';
  if (channelType === 'mpim' || channelType === 'group') return 'group';
  if (channelType === 'channel') return 'channel';
  if (channelId.startsWith('D')) return 'private';
  if (channelId.startsWith('G')) return 'group';
  return 'channel';
}
