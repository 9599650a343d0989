import type { ChatMemberUpdated } from 'grammy/types';
import type { ChatSettings, ChatStore } from '../../src/store/chat-store.js';
import { chatKindOf, chatTitleOf, telegramId } from './ids.js';

/** True when a chat member status means the bot is in the chat and may post there. */
export function isPresent(member: ChatMemberUpdated['new_chat_member']): boolean {
  if (member.status === 'left' || member.status === 'kicked') return false;
  if (member.status === 'restricted') return member.is_member;
  return true;
}

/**
 * Records the bot's own membership changes (`my_chat_member`): added to a group or channel, or a person
 * (re)starting a private chat → active; removed, kicked, or blocked by the person → inactive, so the
 * chat gets no more digests or alerts. Returns the chat as saved.
 */
export function recordMembership(
  update: ChatMemberUpdated,
  deps: { chats: Pick<ChatStore, 'save'>; now: () => number },
): ChatSettings {
  // A rights change (e.g. promoted to admin) keeps the chat active and refreshes its kind and title.
  const chat = update.chat;
  return deps.chats.save(
    { id: telegramId(chat.id), kind: chatKindOf(chat), title: chatTitleOf(chat) },
    { active: isPresent(update.new_chat_member) },
    deps.now(),
  );
}
