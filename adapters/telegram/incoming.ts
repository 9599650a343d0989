import type { Message } from 'grammy/types';
import type { ChatMembership, MessageHandler } from '../../src/chat/adapter.js';
import type { CommandContext } from '../../src/chat/context.js';
import type { MessageOrigin } from '../../src/chat/context-builder.js';
import { t } from '../../src/chat/i18n.js';
import type { Reply } from '../../src/chat/reply.js';
import type { AdminCache } from './admins.js';
import { chatKindOf, chatTitleOf, commandOf, isForUs, telegramId, userNameOf } from './ids.js';
import { handleStart, type StartSubscriptions } from './start.js';

/** A message as the adapter acts on it: who wrote what where, and what to answer. */
export interface IncomingResult {
  /** The text handed to the handler (null when the message was ignored). */
  text: string | null;
  context: CommandContext | null;
  reply: Reply | null;
}

/** What handling an incoming message needs: the registry's handler, contexts, admins, membership, the bot's name. */
export interface IncomingDeps {
  handler: () => MessageHandler | null;
  context: (origin: MessageOrigin) => CommandContext;
  admins: AdminCache;
  membership: Pick<ChatMembership, 'joined'>;
  subscriptions: StartSubscriptions;
  /** The bot's username (from getMe), to tell `/cmd@us` from `/cmd@another_bot`. */
  username: () => string;
}

/** Anonymous group admins write as the group itself (`sender_chat` is the chat). */
const isAnonymousAdmin = (message: Message) => message.sender_chat?.id === message.chat.id;

/**
 * Turns one incoming message or channel post into an answer. In groups and channels only commands
 * addressed to this bot are handled (`/cmd` or `/cmd@us`; `/cmd@another_bot` is ignored); in a private
 * chat every text is, and a text that is not a command gets a hint. `/start` in a private chat
 * registers the person for job alerts; in a group it shows `/help`. The origin carries the person's
 * `language_code` and, in groups, whether they are an admin (getChatMember, cached); in channels only
 * admins can post, so a post is an admin's.
 */
export async function handleIncoming(message: Message, deps: IncomingDeps): Promise<IncomingResult> {
  const ignored: IncomingResult = { text: null, context: null, reply: null };
  const handler = deps.handler();
  const raw = message.text;
  if (!handler || raw === undefined) return ignored;
  const kind = chatKindOf(message.chat);
  const command = commandOf(raw);
  if (command && !isForUs(command, deps.username())) return ignored;
  if (kind !== 'private' && !command) return ignored;
  if (message.from?.is_bot && !isAnonymousAdmin(message)) return ignored;

  const from = message.from;
  const user = message.sender_chat
    ? {
        id: telegramId(message.sender_chat.id),
        name: message.author_signature ?? chatTitleOf(message.sender_chat) ?? 'admin',
      }
    : { id: telegramId(from?.id ?? message.chat.id), name: from ? userNameOf(from) : 'someone' };
  let isAdmin = true;
  if (kind === 'group' && !isAnonymousAdmin(message)) {
    isAdmin = from ? await deps.admins.isAdmin(message.chat.id, from.id) : false;
  }
  const title = chatTitleOf(message.chat);
  const origin: MessageOrigin = {
    user,
    chat: { id: telegramId(message.chat.id), kind, ...(title ? { title } : {}) },
    locale: from?.language_code ?? null,
    isAdmin,
  };
  const context = deps.context(origin);

  if (command?.name === 'start') {
    if (kind === 'private') {
      return { text: raw, context, reply: handleStart(context, deps) };
    }
    const text = '/help';
    return { text, context, reply: await handler({ text, context }) };
  }
  const reply = await handler({ text: raw, context });
  if (reply || kind !== 'private') return { text: raw, context, reply };
  return {
    text: raw,
    context,
    reply: {
      title: t(context.lang, { en: 'Not a command', ru: 'Это не команда' }),
      blocks: [
        { type: 'text', text: t(context.lang, { en: 'All commands: /help', ru: 'Список команд: /help' }) },
      ],
      tone: 'refusal',
    },
  };
}
