import type { ChatMemberUpdated, Message } from 'grammy/types';
import type { ChatMembership } from '../../src/chat/adapter.js';
import type { ChatRef } from '../../src/store/chat-store.js';
import { chatKindOf, chatTitleOf, telegramId } from './ids.js';

/** True when a chat member status means the bot is in the chat and may post there. */
export function isPresent(member: ChatMemberUpdated['new_chat_member']): boolean {
  if (member.status === 'left' || member.status === 'kicked') return false;
  if (member.status === 'restricted') return member.is_member;
  return true;
}

/** Why the bot cannot post any more, in the words `/stats` shows. */
function absenceReason(update: ChatMemberUpdated): string {
  const status = update.new_chat_member.status;
  if (update.chat.type === 'private') return 'the person blocked the bot';
  if (status === 'kicked') return 'the bot was removed from the chat';
  if (status === 'restricted') return 'the bot may not post here';
  return 'the bot left the chat';
}

/**
 * Reports the bot's own membership changes (`my_chat_member`) to the membership service: added to a group
 * or channel, or a person (re)starting a private chat → joined (a rights change refreshes kind and title);
 * removed, kicked, or blocked by the person → gone, so the chat gets no more digests or alerts.
 */
export function recordMembership(
  update: ChatMemberUpdated,
  membership: Pick<ChatMembership, 'joined' | 'gone'>,
): ChatRef & { active: boolean } {
  const chat = update.chat;
  const title = chatTitleOf(chat);
  const ref: ChatRef = { id: telegramId(chat.id), kind: chatKindOf(chat), ...(title ? { title } : {}) };
  const active = isPresent(update.new_chat_member);
  if (active) membership.joined(ref);
  else membership.gone(ref, absenceReason(update));
  return { ...ref, active };
}

/**
 * The move a service message announces: `migrate_to_chat_id` in the old group, `migrate_from_chat_id` in
 * the new supergroup (Telegram sends both). Null for any other message.
 */
export function migrationOf(message: Message): { from: string; to: ChatRef } | null {
  const title = chatTitleOf(message.chat);
  if (message.migrate_to_chat_id !== undefined) {
    return {
      from: telegramId(message.chat.id),
      to: { id: telegramId(message.migrate_to_chat_id), kind: 'group', ...(title ? { title } : {}) },
    };
  }
  if (message.migrate_from_chat_id !== undefined) {
    return {
      from: telegramId(message.migrate_from_chat_id),
      to: { id: telegramId(message.chat.id), kind: 'group', ...(title ? { title } : {}) },
    };
  }
  return null;
}
