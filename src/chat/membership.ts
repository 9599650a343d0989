import type { Logger } from '../logger.js';
import type { ChatRef } from '../store/chat-store.js';
import type { MembershipStore, MigrationReport } from '../store/membership-store.js';
import type { ChatMembership, MessageHandler } from './adapter.js';

const HOUR = 3_600_000;

/** What the chat-membership service needs. */
export interface ChatMembershipDeps {
  store: MembershipStore;
  now: () => number;
  logger: Logger;
  /** Messages that failed while a chat was away go out if it comes back within this (default 24 h). */
  reviveWithinMs?: number;
  /** Told when messages went back to pending (revived or moved), so the sender looks again at once. */
  onPending?: () => void;
}

/** The membership service plus what the rest of the core asks of it. */
export interface ChatMembershipService extends ChatMembership {
  /** Messages to a chat known to be inactive fail (revivable) instead of being sent; returns how many. */
  failPendingIfInactive(chatId: string, reason: string): number;
}

/**
 * The one place that decides whether Kestrel can post to a chat, for every platform. Adapters report signs
 * of life (a command, the bot added or re-added, a successful send), departures (removed, blocked, a
 * permanent send failure) and moves (a Telegram group upgraded to a supergroup) through the adapter
 * contract; the dispatcher reports sends. A chat that comes back within `reviveWithinMs` gets the messages
 * that failed while it was away, in their order, once.
 */
export function createChatMembership(deps: ChatMembershipDeps): ChatMembershipService {
  const { store, logger } = deps;
  const window = deps.reviveWithinMs ?? 24 * HOUR;
  const pendingChanged = (count: number) => {
    if (count > 0) deps.onPending?.();
  };

  const back = (chat: ChatRef, record: boolean, why: string): number => {
    const now = deps.now();
    const wasInactive = store.isInactive(chat.id);
    if (!record && !wasInactive) return 0;
    const revived = store.reactivate(chat, { now, reviveFrom: window > 0 ? now - window : now + 1, record });
    if (wasInactive) logger.info({ chatId: chat.id, why, revived }, 'chat is back: active again');
    pendingChanged(revived);
    return revived;
  };

  return {
    seen: (chat) => back(chat, false, 'sign of life'),
    joined: (chat) => back(chat, true, 'bot added'),
    gone(chat, reason) {
      const failed = store.deactivate(chat, reason, deps.now());
      logger.warn({ chatId: chat.id, reason, failed }, 'chat unreachable: marked inactive');
      return failed;
    },
    migrated(from, to): MigrationReport {
      const report = store.migrate(from, to, deps.now());
      if (report.moved) logger.info({ from, to: to.id, ...report }, 'chat moved to a new id');
      pendingChanged(report.pending);
      return report;
    },
    failPendingIfInactive(chatId, reason) {
      if (!store.isInactive(chatId)) return 0;
      return store.failPending(chatId, reason, deps.now());
    },
  };
}

/** A message handler that counts every command as a sign of life of its chat, on every platform. */
export function withSignsOfLife(
  handler: MessageHandler,
  membership: Pick<ChatMembership, 'seen'>,
): MessageHandler {
  return (message) => {
    membership.seen(message.context.chat);
    return handler(message);
  };
}
