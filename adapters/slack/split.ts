import { charsOf, type SlackBlock, textsOf } from './blocks.js';
import { chunkText } from './chunk.js';
import { SLACK_LIMITS, type SlackLimits } from './limits.js';
import { escapeMrkdwn, unescapeMrkdwn } from './mrkdwn.js';
import type { RenderedReply } from './render.js';

/** One message to post: its blocks and the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  blocks: SlackBlock[];
  text: string;
}

/**
 * Packs the rendered groups into messages: as many whole groups as fit under the block count (≤ 50) and
 * the total size of a message; a group is never split across messages. The first message goes to the
 * channel, the others continue in its thread (the caller decides). Each message gets a `text` fallback:
 * the title (with "(2/3)" on continuations) and the start of what the message says.
 */
export function splitMessages(
  rendered: RenderedReply,
  limits: SlackLimits = { ...SLACK_LIMITS },
): SlackMessage[] {
  const parts: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let chars = 0;
  for (const group of rendered.groups) {
    const groupChars = group.reduce((sum, b) => sum + charsOf(b), 0);
    const fits =
      current.length + group.length <= limits.blocksPerMessage && chars + groupChars <= limits.messageChars;
    if (!fits && current.length > 0) {
      parts.push(current);
      current = [];
      chars = 0;
    }
    if (group.length > limits.blocksPerMessage || groupChars > limits.messageChars) {
      // Not expected from renderReply (groups are one item or one figure section); pack block by block.
      for (const block of group) {
        if (current.length + 1 > limits.blocksPerMessage || chars + charsOf(block) > limits.messageChars) {
          if (current.length > 0) parts.push(current);
          current = [];
          chars = 0;
        }
        current.push(block);
        chars += charsOf(block);
      }
      continue;
    }
    current.push(...group);
    chars += groupChars;
  }
  if (current.length > 0) parts.push(current);
  return parts.map((blocks, i) => ({
    blocks,
    text: fallbackText(rendered.title, blocks, i, parts.length, limits),
  }));
}

/** Plain text of a message for notifications and clients without blocks (escaped: `text` is mrkdwn too). */
function fallbackText(
  title: string,
  blocks: SlackBlock[],
  index: number,
  total: number,
  limits: SlackLimits,
): string {
  const head = total > 1 ? `${title} (${index + 1}/${total})` : title;
  const body = blocks
    .filter((b) => b.type !== 'header')
    .flatMap(textsOf)
    .map((t) => (t.type === 'mrkdwn' ? unescapeMrkdwn(t.text) : t.text))
    .join('\n');
  const plain = body ? `${head}\n${body}` : head;
  const escaped = escapeMrkdwn(plain);
  if (escaped.length <= limits.fallbackText) return escaped;
  return `${chunkText(escaped, limits.fallbackText - 2)[0] ?? ''} …`;
}
