/**
 * The Block Kit subset Kestrel sends: headers, sections (mrkdwn text and fields), context lines, dividers, and
 * the actions of feedback (buttons and a static select).
 * Structurally compatible with @slack/types' KnownBlock, but kept here so rendering stays a pure function.
 */
export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  /** plain_text only: shows `:emoji:` codes as emoji. */
  emoji?: boolean;
}

/** A plain-text option of a select: what it says and the value it sends. */
export interface SlackOption {
  text: { type: 'plain_text'; text: string };
  value: string;
}

/** An interactive element of an actions block. */
export type SlackElement =
  | { type: 'button'; action_id: string; text: { type: 'plain_text'; text: string }; value: string }
  | {
      type: 'static_select';
      action_id: string;
      placeholder: { type: 'plain_text'; text: string };
      option_groups: { label: { type: 'plain_text'; text: string }; options: SlackOption[] }[];
    };

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[]; block_id?: string }
  | { type: 'divider' }
  | { type: 'actions'; block_id: string; elements: SlackElement[] };

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
    case 'actions':
      return [];
  }
}

/** Characters of all texts of a block: what counts toward a message's size. */
export function charsOf(block: SlackBlock): number {
  return textsOf(block).reduce((sum, t) => sum + t.text.length, 0);
}
