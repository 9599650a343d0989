/**
 * Text that is safe to show on any platform, whoever wrote it (a person's arguments echoed back, a tweet):
 * lone UTF-16 surrogates become U+FFFD (Telegram refuses strings that are not UTF-8, Slack mangles them),
 * C0 and C1 control characters other than tab and line feed are dropped (an ESC sequence would repaint a
 * terminal; a carriage return would overwrite the console line), and bidirectional embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) are dropped, so a reply cannot be made to read backwards.
 * Zero-width characters and the left-to-right / right-to-left marks stay: they change no meaning.
 */
export function safeText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is removed
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
