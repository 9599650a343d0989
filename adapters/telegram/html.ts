import { safeText } from '../../src/chat/safe-text.js';

/**
 * Telegram HTML (parse_mode HTML) building blocks. Every piece of text that reaches Telegram passes
 * through `escapeHtml`; attribute values through `escapeAttr`. Only the four named entities Telegram
 * knows are produced: &lt; &gt; &amp; &quot;.
 */

/** Escapes text for Telegram HTML: `&`, `<`, `>`, after making it safe to show ({@link safeText}). */
export function escapeHtml(text: string): string {
  return safeText(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes an attribute value (inside double quotes): `&`, `<`, `>`, `"`. */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** Longest href rendered as a link; longer ones are shown as plain text (they would not split well). */
export const MAX_HREF_LENGTH = 1024;

/** The URL if it is safe to put in `<a href>` (http, https or tg, not too long), else null. */
export function safeHref(url: string): string | null {
  if (url.length > MAX_HREF_LENGTH) return null;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'tg:'].includes(parsed.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** `<b>text</b>`, escaped. */
export const bold = (text: string): string => `<b>${escapeHtml(text)}</b>`;

/** `<i>text</i>`, escaped. */
export const italic = (text: string): string => `<i>${escapeHtml(text)}</i>`;

/** A link showing `label` (default: the URL itself); an unsafe URL is shown as escaped text. */
export function link(url: string, label = url): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeAttr(href)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

/** Strips tags and decodes entities: the text Telegram would show, for a plain-text fallback. */
export function htmlToPlain(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot);/gi, (_, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return String.fromCodePoint(code);
  });
}
