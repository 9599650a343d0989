/**
 * Slack's mrkdwn in both directions: escaping text we send (only `&`, `<` and `>` are control characters,
 * so hostile text can neither ping `<!channel>` nor forge `<url|links>`), and reading the text Slack sends us
 * (`&lt;`, user mentions `<@U…|name>`, auto-links `<http://…|label>`) back into what the person typed.
 */

import { safeText } from '../../src/chat/safe-text.js';

/**
 * Escapes text for a mrkdwn or plain_text field: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, after making it
 * safe to show ({@link safeText}).
 */
export function escapeMrkdwn(text: string): string {
  return safeText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reverses escapeMrkdwn (what a person sees of an escaped text). */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A mrkdwn link `<url|label>`. The URL may not hold `|`, `<`, `>` or a raw `&` (they end or break the link),
 * so they are percent-encoded (`&` as `&amp;`). In the label `&`, `<`, `>` become entities, and `|` (Slack
 * reads the first one as the separator, and mrkdwn has no entity for it) becomes its lookalike U+2223 `∣`.
 * Without a label the URL itself is shown.
 */
export function mrkdwnLink(url: string, label?: string): string {
  const safeUrl = url
    .replace(/&/g, '&amp;')
    .replace(/\|/g, '%7C')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\s/g, (c) => encodeURIComponent(c));
  if (label === undefined || label === '') return `<${safeUrl}>`;
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '∣')}>`;
}

/** Bold mrkdwn text, escaped. Asterisks inside would end the bold early, so they are kept outside it. */
export function bold(text: string): string {
  const escaped = escapeMrkdwn(text).trim();
  if (!escaped) return '';
  return escaped.includes('*') ? escaped : `*${escaped}*`;
}

/**
 * What the person typed, from the text Slack delivers: user mentions `<@U123|kate>` → `@kate` (`@U123`
 * without a name), channels `<#C1|general>` → `#general`, specials `<!here>` → `@here`, links
 * `<http://a.b|a.b>` → the label (or the URL), then `&lt;` `&gt;` `&amp;` decoded.
 */
export function readIncoming(text: string): string {
  const replaced = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? '' : inner.slice(bar + 1);
    if (target.startsWith('@')) return `@${label || target.slice(1)}`;
    if (target.startsWith('#')) return `#${label || target.slice(1)}`;
    if (target.startsWith('!')) {
      const special = target.slice(1).split('^')[0] ?? '';
      return label || `@${special}`;
    }
    return label || target;
  });
  return unescapeMrkdwn(replaced);
}
