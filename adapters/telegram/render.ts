import type { Figure, Reply, ReplyBlock, ReplyItem } from '../../src/chat/reply.js';
import { type FeedbackButton, itemButtons, MAX_BUTTON_ITEMS } from '../../src/feedback/buttons.js';
import { bold, escapeHtml, italic, link } from './html.js';
import { type HtmlUnit, packTagged } from './split.js';

/** Telegram's limit for a message's text. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram's limit for a photo caption. */
export const MAX_CAPTION_LENGTH = 1024;

/** One Telegram API call of a rendered reply: a text message, a chart sent with sendPhoto, a file with sendDocument. */
export type TelegramPart =
  | { kind: 'text'; html: string; keyboard?: FeedbackButton[][] }
  | { kind: 'photo'; png: Uint8Array; filename: string; caption: string }
  | { kind: 'document'; bytes: Uint8Array; filename: string; caption: string };

/** Limits of the rendering; the defaults are Telegram's. */
export interface RenderOptions {
  /** Most code units of HTML source per message (default 4096). */
  maxLength?: number;
  /** Most code units of HTML source per caption (default 1024). */
  maxCaption?: number;
  /** Put feedback buttons ("3 ✓", "3 ✗") under the message that ends each item that has a button id. */
  buttons?: boolean;
}

/**
 * Renders a reply as Telegram HTML: the title in bold, blocks separated by blank lines, figures with
 * their values in bold, items numbered through the reply (the numbers `/feedback` takes) with author, text,
 * metrics, link and note, the footer in italics; with `buttons`, an inline keyboard of one row per item.
 * Text longer than a message is split between items and blocks (and a single over-long text at
 * whitespace); each chart becomes a photo whose caption holds its title and alt text.
 */
export function renderTelegram(reply: Reply, options: RenderOptions = {}): TelegramPart[] {
  const maxLength = options.maxLength ?? MAX_MESSAGE_LENGTH;
  const maxCaption = options.maxCaption ?? MAX_CAPTION_LENGTH;
  const parts: TelegramPart[] = [];
  let units: HtmlUnit[] = [titleUnit(reply)];
  const numbering: Numbering = { next: 1, buttons: options.buttons ? new Map() : null };

  const flushText = () => {
    for (const { html, tags } of packTagged(units, maxLength)) {
      const rows = tags
        .map((tag) => numbering.buttons?.get(tag))
        .filter((row): row is FeedbackButton[] => row !== undefined)
        .slice(0, MAX_BUTTON_ITEMS);
      parts.push(rows.length > 0 ? { kind: 'text', html, keyboard: rows } : { kind: 'text', html });
    }
    units = [];
  };

  for (const block of reply.blocks) {
    if (block.type === 'chart') {
      flushText();
      const { caption, complete } = captionOf(block.chart.title, block.chart.alt, maxCaption);
      parts.push({ kind: 'photo', png: block.chart.png, filename: fileName(block.chart.filename), caption });
      // Nothing is cut silently: an alt text too long for the caption follows as a message.
      if (!complete) units.push({ html: escapeHtml(block.chart.alt), separator: '\n\n' });
      continue;
    }
    if (block.type === 'file') {
      flushText();
      const caption = bold(shorten(block.file.title, maxCaption - 7));
      parts.push({
        kind: 'document',
        bytes: block.file.bytes,
        filename: fileName(block.file.filename),
        caption,
      });
      continue;
    }
    units.push(...blockUnits(block, numbering));
  }
  if (reply.footer) units.push({ html: italic(reply.footer), separator: '\n\n' });
  flushText();
  return parts;
}

function titleUnit(reply: Reply): HtmlUnit {
  if (!reply.title.trim()) return { html: '', separator: '' };
  const mark = reply.tone === 'error' ? '⚠️ ' : '';
  return { html: `${mark}${bold(reply.title)}`, separator: '' };
}

/** Items are numbered through the whole reply; with buttons on, each item with a button id gets its row. */
interface Numbering {
  next: number;
  buttons: Map<number, FeedbackButton[]> | null;
}

function blockUnits(
  block: Exclude<ReplyBlock, { type: 'chart' | 'file' }>,
  numbering: Numbering,
): HtmlUnit[] {
  const heading = block.heading ? `${bold(block.heading)}\n` : '';
  switch (block.type) {
    case 'text':
      return [{ html: heading + escapeHtml(block.text), separator: '\n\n' }];
    case 'figures':
      return block.figures.map((figure, i) => ({
        html: (i === 0 ? heading : '') + figureLine(figure),
        separator: i === 0 ? '\n\n' : '\n',
      }));
    case 'items': {
      const units: HtmlUnit[] = block.items.map((item, i) => {
        const number = numbering.next++;
        const button = item.feedback?.button;
        const tagged = numbering.buttons !== null && button !== undefined;
        if (tagged) numbering.buttons?.set(number, itemButtons({ number, button }));
        return {
          html: (i === 0 ? heading : '') + itemHtml(item, number),
          separator: i === 0 ? '\n\n' : '\n',
          ...(tagged ? { tag: number } : {}),
        };
      });
      if (block.more) units.push({ html: escapeHtml(`… +${block.more}`), separator: '\n' });
      if (units.length === 0 && heading) units.push({ html: heading.trimEnd(), separator: '\n\n' });
      return units;
    }
  }
}

function figureLine(figure: Figure): string {
  const note = figure.note ? ` (${escapeHtml(figure.note)})` : '';
  return `${escapeHtml(figure.label)}: ${bold(figure.value)}${note}`;
}

function itemHtml(item: ReplyItem, n: number): string {
  const who = item.author ? `${bold(item.author)}: ` : '';
  const lines = [`${n}. ${who}${escapeHtml(oneLine(item.text))}`];
  const tail = [
    item.metrics?.length ? escapeHtml(item.metrics.join('  ')) : '',
    item.link ? link(item.link) : '',
  ]
    .filter(Boolean)
    .join('  ');
  if (tail) lines.push(`    ${tail}`);
  if (item.note) lines.push(`    ${italic(item.note)}`);
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The caption of a chart: bold title and alt text, shortened to fit; `complete` is false when cut. */
function captionOf(title: string, alt: string, max: number): { caption: string; complete: boolean } {
  const head = bold(shorten(title, Math.floor(max / 4)));
  const full = `${head}\n${escapeHtml(alt)}`;
  if (full.length <= max) return { caption: full, complete: true };
  return { caption: `${head}\n${escapeHtml(shorten(alt, max - head.length - 1))}`, complete: false };
}

/** The longest prefix of `text` (whole code points, with `…`) whose escaped form fits `budget`. */
export function shorten(text: string, budget: number): string {
  if (escapeHtml(text).length <= budget) return text;
  const points = [...text];
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (escapeHtml(points.slice(0, mid).join('')).length + 1 <= budget) low = mid;
    else high = mid - 1;
  }
  return `${points.slice(0, low).join('')}…`;
}

/** A file name safe for a multipart header. */
function fileName(name: string): string {
  const clean = name.replace(/[^\w.-]+/g, '_').slice(0, 100);
  return clean || 'chart.png';
}
