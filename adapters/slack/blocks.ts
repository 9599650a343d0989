/**
 * The Block Kit subset Kestrel sends: headers, sections (mrkdwn text and fields), context lines and dividers.
 * Structurally compatible with @slack/types' KnownBlock, but kept here so rendering stays a pure function.
 */
export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  /** plain_text only: shows `:emoji:` codes as emoji. */
  emoji?: boolean;
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

/** The texts of a block, in reading order. */
export function textsOf(block: SlackBlock): SlackText[] {
  switch (block.type) {
    case 'header':
      return [block.text];
    case 'section':
      return [...(block.text ? [block.text] : []), ...(block.fields ?? [])];
    case 'context':
      return block.elements;
    case 'divider':
      return [];
  }
}

/** Characters of all texts of a block: what counts toward a message's size. */
export function charsOf(block: SlackBlock): number {
  return textsOf(block).reduce((sum, t) => sum + t.text.length, 0);
}
