import { validateBlocks } from '../fakes/slack/block-kit.js';
import { parseTelegramHtml } from '../fakes/telegram/html-parse.js';

/** What a reply must never show: a stack trace, a source path, an internal error name. */
const STACK = /\n\s+at\s|\bat [\w.<>]+ \(.*:\d+:\d+\)|node_modules|\.ts:\d+|SqliteError|TypeError|RangeError/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** Links Kestrel itself renders: tweets on x.com. */
const OWN_LINK = /^https:\/\/x\.com\/[A-Za-z0-9_]{1,50}\/status\/\d{1,20}$/;

/** Problems every platform shares: stack traces, broken Unicode, control characters, others' secrets. */
export function commonProblems(text: string, markers: readonly string[]): string[] {
  const problems: string[] = [];
  if (STACK.test(text)) problems.push(`stack trace or internal error: ${excerpt(text, STACK)}`);
  if (LONE_SURROGATE.test(text)) problems.push('a lone surrogate (not UTF-8)');
  if (CONTROL.test(text)) problems.push(`a control or bidi override character: ${excerpt(text, CONTROL)}`);
  const lower = text.toLowerCase();
  for (const marker of markers)
    if (lower.includes(marker)) problems.push(`reveals another chat's "${marker}"`);
  return problems;
}

/**
 * A Telegram message as sent: HTML that Telegram's parser accepts (the fake's parser is Telegram's subset
 * and stricter), at most 4096 characters after parsing, whose only tags are Kestrel's own (`<b>`, `<i>`,
 * `<a>` to a tweet): markup typed by a person or written in a tweet would show as another tag or link.
 */
export function telegramProblems(source: string, markers: readonly string[]): string[] {
  const parsed = parseTelegramHtml(source);
  if (!parsed.ok) return [parsed.error];
  const problems = commonProblems(parsed.text, markers);
  if (parsed.text.length > 4096) problems.push(`too long: ${parsed.text.length}`);
  for (const entity of parsed.entities) {
    if (!['bold', 'italic', 'text_link'].includes(entity.type))
      problems.push(`foreign entity ${entity.type}`);
    if (entity.type === 'text_link' && !OWN_LINK.test(entity.url ?? ''))
      problems.push(`foreign link ${entity.url}`);
  }
  for (const tag of source.match(/<[^>]*>/g) ?? []) {
    if (!/^<\/?[bi]>$|^<\/a>$|^<a href="[^"]*">$/.test(tag)) problems.push(`foreign tag ${tag}`);
  }
  return problems;
}

/** Every mrkdwn and plain_text string of some blocks. */
function textsOf(blocks: unknown): { type: string; text: string }[] {
  const out: { type: string; text: string }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') {
        out.push({ type: o.type, text: o.text });
      } else for (const x of Object.values(o)) walk(x);
    }
  };
  walk(blocks);
  return out;
}

/**
 * A Slack message or response_url answer: blocks valid for Block Kit and within its limits (50 blocks, 3000
 * characters a section…); in mrkdwn, no control sequence but Kestrel's own tweet links (`<!channel>`,
 * `<@U…>`, `<#C…>`, a forged `<url|label>` typed by a person would ping people or disguise a link); a fallback
 * text within 40 000 characters.
 */
export function slackProblems(body: Record<string, unknown>, markers: readonly string[]): string[] {
  const blocks = body.blocks;
  const problems: string[] = [];
  if (blocks !== undefined) problems.push(...validateBlocks(blocks));
  const texts = blocks === undefined ? [] : textsOf(blocks);
  if (typeof body.text === 'string') {
    texts.push({ type: 'mrkdwn', text: body.text });
    if (body.text.length > 40_000) problems.push('fallback text over 40 000 characters');
  }
  if (texts.length === 0) problems.push('an empty message');
  for (const { type, text } of texts) {
    problems.push(...commonProblems(text.replace(/&lt;|&gt;|&amp;/g, '_'), markers));
    if (type !== 'mrkdwn') continue;
    for (const sequence of text.match(/<[^>]*>?/g) ?? []) {
      const url = /^<([^|>]*)(?:\|[^>]*)?>$/.exec(sequence)?.[1];
      if (!url || !OWN_LINK.test(url)) problems.push(`mrkdwn control sequence ${sequence.slice(0, 80)}`);
    }
    if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`unescaped & in ${excerpt(text, /&/)}`);
  }
  return problems;
}

/** A console reply: plain text without control characters (an ESC sequence would repaint the terminal). */
export function consoleProblems(text: string, markers: readonly string[]): string[] {
  const problems = commonProblems(text, markers);
  if (text.trim().length === 0) problems.push('an empty reply');
  return problems;
}

function excerpt(text: string, re: RegExp): string {
  const at = text.search(re);
  return JSON.stringify(text.slice(Math.max(0, at - 30), at + 50));
}
