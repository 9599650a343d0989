import type { Reply } from '../chat/reply.js';
import type { FeedbackStore, NumberedRef } from '../store/feedback-store.js';
import type { OutboxWriter } from '../store/outbox-store.js';

/** The items of a reply that show a stored tweet, numbered through the whole reply as the console shows them. */
export function numberedRefs(reply: Reply): NumberedRef[] {
  const out: NumberedRef[] = [];
  let number = 0;
  for (const block of reply.blocks) {
    if (block.type !== 'items') continue;
    for (const item of block.items) {
      number++;
      if (item.feedback) out.push({ number, ref: item.feedback });
    }
  }
  return out;
}

/**
 * Remembers a reply sent to a chat as the chat's last list, when it lists stored tweets, and gives each of
 * its items the stored id its buttons carry (`FeedbackRef.button`, set in place before any adapter renders).
 */
export function rememberReply(store: FeedbackStore, chatId: string, reply: Reply, now: number): void {
  const refs = withButtons(store, chatId, reply, now);
  if (refs.length > 0) store.rememberList(chatId, refs, now);
}

/** The reply's numbered items, each given (in place) the stored id its buttons carry in that chat. */
function withButtons(store: FeedbackStore, chatId: string, reply: Reply, now: number): NumberedRef[] {
  const refs = numberedRefs(reply);
  for (const { ref } of refs) ref.button = store.buttonId(chatId, ref, now);
  return refs;
}

/** An outbox writer that remembers each list it is given as its target chat's last list, buttons included. */
export function rememberingOutbox(outbox: OutboxWriter, store: FeedbackStore): OutboxWriter {
  return {
    enqueue(message, now) {
      // The button ids go into the stored reply, so they are set before it is written.
      const refs = withButtons(store, message.target, message.reply, now);
      const added = outbox.enqueue(message, now);
      if (added && refs.length > 0) store.rememberList(message.target, refs, now);
      return added;
    },
  };
}
