/**
 * Slack's Block Kit limits, as documented for messages, plus one undocumented one: Slack rejects a message
 * whose blocks hold more than roughly 12–13 thousand characters in all (`msg_blocks_too_long`, see
 * slackapi/bolt-js#2509 and #2867), so a message is kept under `messageChars`.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** Characters of a section's text. */
  sectionText: 3000,
  /** Fields of one section. */
  fieldsPerSection: 10,
  /** Characters of one section field. */
  fieldText: 2000,
  /** Characters of a header's plain_text. */
  headerText: 150,
  /** Elements of one context block. */
  contextElements: 10,
  /** Characters of one context element (Slack allows 3000 for text objects; kept lower on purpose). */
  contextText: 2000,
  /** Characters of all the texts of one message's blocks together (conservative, see above). */
  messageChars: 11_000,
  /** Characters of the plain `text` fallback kept per message (notifications show far less). */
  fallbackText: 3000,
} as const;

export type SlackLimits = { -readonly [K in keyof typeof SLACK_LIMITS]: number };
