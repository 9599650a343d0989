import type { Writable } from 'node:stream';
import type { Kestrel } from '../app.js';

/**
 * `kestrel feedback export`: every vote as one JSON line, oldest first: the tweet (id and text), the chat, the
 * person, whether they were an admin, what the vote is about (label, brand or tone, and the brand) and when.
 */
export function runFeedbackExport(kestrel: Pick<Kestrel, 'feedback' | 'logger'>, out: Writable): number {
  let n = 0;
  for (const v of kestrel.feedback.exportVotes()) {
    const line = {
      tweet_id: v.tweetId,
      text: v.text,
      chat: v.chatId,
      person: v.personId,
      admin: v.admin,
      kind: v.kind,
      brand: v.brand || null,
      value: v.value,
      at: new Date(v.at).toISOString(),
    };
    out.write(`${JSON.stringify(line)}\n`);
    n++;
  }
  kestrel.logger.info({ votes: n }, 'feedback exported');
  return 0;
}
