/**
 * What a command or a digest says, free of any platform's markup. Text is plain (adapters escape it);
 * links, figures and items are structured so each adapter can render them its own way: plain text in
 * the console, HTML in Telegram, Block Kit in Slack.
 */
export interface Reply {
  title: string;
  blocks: ReplyBlock[];
  footer?: string;
  /** `error` and `refusal` replies explain what was wrong and how to do it right. */
  tone?: 'normal' | 'refusal' | 'error';
}

export type ReplyBlock =
  | { type: 'text'; text: string; heading?: string }
  | { type: 'figures'; heading?: string; figures: Figure[] }
  | { type: 'items'; heading?: string; items: ReplyItem[]; more?: number }
  | { type: 'chart'; chart: Chart }
  | { type: 'file'; file: ReplyFile };

/** A key figure: "Mentions: 42 (+12%)". */
export interface Figure {
  label: string;
  value: string;
  /** Optional change or context, shown after the value. */
  note?: string;
}

/** One tweet or entry in a list. */
export interface ReplyItem {
  /** E.g. "@kate_backend" or "Kate (@kate_backend)". */
  author?: string;
  text: string;
  link?: string;
  /** Short metric strings: "♥ 12", "↻ 3", "💬 4", or "ER 4.1%". */
  metrics?: string[];
  /** A line under the item, e.g. why it is here or "also posted by 2". */
  note?: string;
  /** The stored tweet shown, so the chat can say it was read wrong (`/feedback`, buttons). */
  feedback?: FeedbackRef;
}

/** Which reading of which stored tweet an item shows: its label and tone, and the brand it is listed for. */
export interface FeedbackRef {
  tweetSeq: number;
  /** Set when the item stands for a mention of this brand ("not this brand" is then a choice). */
  brand?: string;
  /** The stored id the item's buttons carry, set by the core before the reply reaches an adapter. */
  button?: number;
}

/** A chart drawn by the core: SVG source and its PNG rendering. */
export interface Chart {
  title: string;
  /** What the chart shows, for platforms or people that cannot see images. */
  alt: string;
  png: Uint8Array;
  svg: string;
  /** Suggested file name, e.g. "mentions-yandex-7d.png". */
  filename: string;
}

/** A file sent with the reply (a CSV export): a document in Telegram, a file in Slack, a path in the console. */
export interface ReplyFile {
  /** E.g. "mentions-yandex-7d.csv"; letters, digits, `-`, `_` and `.` only. */
  filename: string;
  mime: string;
  bytes: Uint8Array;
  /** One line saying what the file holds. */
  title: string;
}

/** A text-only reply, the common case for confirmations and refusals. */
export function textReply(title: string, text: string, tone: Reply['tone'] = 'normal'): Reply {
  return { title, blocks: [{ type: 'text', text }], tone };
}
