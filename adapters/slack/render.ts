import type { Chart, Figure, Reply, ReplyBlock, ReplyFile, ReplyItem } from '../../src/chat/reply.js';
import { safeText } from '../../src/chat/safe-text.js';
import { type FeedbackButton, itemButtons } from '../../src/feedback/buttons.js';
import type { SlackBlock, SlackElement, SlackText } from './blocks.js';
import { chunkText } from './chunk.js';
import { SLACK_LIMITS } from './limits.js';
import { bold, escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';

/**
 * A reply rendered to Block Kit: blocks in groups that belong together (an item and its metrics line; a
 * heading and what follows it), so splitting into messages never strands a line from its item; the
 * charts to upload as files; and the title for the plain-text fallback.
 */
export interface RenderedReply {
  title: string;
  groups: SlackBlock[][];
  charts: Chart[];
  /** Files sent with the reply (CSV exports), uploaded like the charts. */
  files: ReplyFile[];
}

const mrkdwn = (text: string): SlackText => ({ type: 'mrkdwn', text });

const TONE_MARK: Record<NonNullable<Reply['tone']>, string> = { normal: '', refusal: '⚠️ ', error: '❗ ' };

/**
 * Renders the platform-neutral reply model to Block Kit within Slack's limits: the title as a header
 * (≤ 150 characters; a longer title is repeated whole in a section), text as mrkdwn sections (escaped, cut
 * at line breaks into ≤ 3000-character sections), figures as section fields (≤ 10 per section), items as
 * sections with a context line for metrics and notes, charts as a context line with their alt text (the
 * image itself is uploaded as a file), and the footer as a context line. Nothing is cut silently.
 */
export function renderReply(reply: Reply, options: { buttons?: boolean } = {}): RenderedReply {
  const groups: SlackBlock[][] = [headerGroup(reply)];
  const charts: Chart[] = [];
  const files: ReplyFile[] = [];
  const numbering = { next: 1, buttons: options.buttons ?? false };
  for (const block of reply.blocks) {
    if (block.type === 'chart') charts.push(block.chart);
    if (block.type === 'file') files.push(block.file);
    groups.push(...renderBlock(block, numbering));
  }
  if (reply.footer) groups.push(contextBlocks(escapeMrkdwn(reply.footer)));
  return { title: reply.title, groups: groups.filter((g) => g.length > 0), charts, files };
}

function headerGroup(reply: Reply): SlackBlock[] {
  const title = safeText(`${TONE_MARK[reply.tone ?? 'normal']}${reply.title}`).trim() || '…';
  const chars = [...title];
  if (chars.length <= SLACK_LIMITS.headerText) {
    return [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }];
  }
  const short = `${chars.slice(0, SLACK_LIMITS.headerText - 1).join('')}…`;
  return [
    { type: 'header', text: { type: 'plain_text', text: short, emoji: true } },
    ...sections(bold(reply.title)),
  ];
}

function renderBlock(block: ReplyBlock, numbering: { next: number; buttons: boolean }): SlackBlock[][] {
  switch (block.type) {
    case 'text':
      return withHeading(
        block.heading,
        sections(escapeMrkdwn(block.text)).map((s) => [s]),
      );
    case 'figures':
      return withHeading(block.heading, figureGroups(block.figures));
    case 'items': {
      const groups = block.items.map((item) => {
        const number = numbering.next++;
        const button = item.feedback?.button;
        const blocks = itemBlocks(item, number);
        return numbering.buttons && button !== undefined
          ? [...blocks, feedbackActions(button, itemButtons({ number, button }))]
          : blocks;
      });
      if (block.more) groups.push(contextBlocks(`… +${block.more}`));
      return withHeading(block.heading, groups);
    }
    case 'chart':
      return [contextBlocks(`📈 ${bold(block.chart.title)} — ${escapeMrkdwn(block.chart.alt)}`)];
    case 'file':
      return [contextBlocks(`📎 ${bold(block.file.title)} — ${escapeMrkdwn(block.file.filename)}`)];
  }
}

/** Puts a bold heading section in front of the first group, so a heading never ends a message. */
function withHeading(heading: string | undefined, groups: SlackBlock[][]): SlackBlock[][] {
  if (!heading) return groups;
  const head = sections(bold(heading));
  const [first, ...rest] = groups;
  return [[...head, ...(first ?? [])], ...rest];
}

/** Section blocks for an escaped mrkdwn text, cut to the section limit. */
function sections(text: string): SlackBlock[] {
  if (!text.trim()) return [];
  return chunkText(text, SLACK_LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

/** Context blocks for an escaped mrkdwn text, cut to the element and element-count limits. */
function contextBlocks(text: string): SlackBlock[] {
  if (!text.trim()) return [];
  const pieces = chunkText(text, SLACK_LIMITS.contextText).map(mrkdwn);
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < pieces.length; i += SLACK_LIMITS.contextElements) {
    blocks.push({ type: 'context', elements: pieces.slice(i, i + SLACK_LIMITS.contextElements) });
  }
  return blocks;
}

function figureText(figure: Figure): string {
  const note = figure.note ? ` (${escapeMrkdwn(figure.note)})` : '';
  return `${bold(figure.label)}\n${escapeMrkdwn(figure.value)}${note}`;
}

/** Figures as fields, ten to a section; a figure too long for a field becomes its own section text. */
function figureGroups(figures: Figure[]): SlackBlock[][] {
  const groups: SlackBlock[][] = [];
  let fields: SlackText[] = [];
  const flush = () => {
    if (fields.length > 0) groups.push([{ type: 'section', fields }]);
    fields = [];
  };
  for (const figure of figures) {
    const text = figureText(figure);
    if (text.length > SLACK_LIMITS.fieldText) {
      flush();
      groups.push(sections(text));
      continue;
    }
    fields.push(mrkdwn(text));
    if (fields.length === SLACK_LIMITS.fieldsPerSection) flush();
  }
  flush();
  return groups;
}

/** One item: `n. *author* text` and its link in a section, metrics and note in a context line. */
function itemBlocks(item: ReplyItem, n: number): SlackBlock[] {
  const who = item.author ? `${bold(item.author)} ` : '';
  const pieces = chunkText(`${n}. ${who}${escapeMrkdwn(item.text)}`, SLACK_LIMITS.sectionText);
  if (item.link) {
    // The link is never cut: it joins the last piece when it fits, else gets a section of its own.
    const link = mrkdwnLink(item.link);
    const last = pieces.length - 1;
    const joined = `${pieces[last] ?? ''}\n${link}`;
    if (joined.length <= SLACK_LIMITS.sectionText) pieces[last] = joined;
    else pieces.push(link);
  }
  const body: SlackBlock[] = pieces.map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
  const meta = [
    item.metrics?.length ? escapeMrkdwn(item.metrics.join(' · ')) : '',
    escapeMrkdwn(item.note ?? ''),
  ]
    .filter(Boolean)
    .join('  —  ');
  return [...body, ...contextBlocks(meta)];
}

/** The id of the actions block of an item's feedback buttons, and of the line showing the last vote. */
export const feedbackBlockId = (button: number) => `fb:${button}`;
export const voteBlockId = (button: number) => `fbv:${button}`;

/** A feedback button as a Block Kit button; its data travels as the value. */
export function slackButton(button: FeedbackButton, actionId: string): SlackElement {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: button.text },
    value: button.data,
  };
}

/** An item's "N ✓" and "N ✗" buttons as an actions block. */
export function feedbackActions(button: number, buttons: readonly FeedbackButton[]): SlackBlock {
  const [right, wrong] = buttons;
  return {
    type: 'actions',
    block_id: feedbackBlockId(button),
    elements: [
      ...(right ? [slackButton(right, 'fb_right')] : []),
      ...(wrong ? [slackButton(wrong, 'fb_wrong')] : []),
    ],
  };
}
