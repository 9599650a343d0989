/**
 * Telegram's HTML parse mode, as the Bot API documents it: tags b/strong, i/em, u/ins, s/strike/del,
 * span class="tg-spoiler", tg-spoiler, a href, code, pre, blockquote (expandable), tg-emoji; named
 * entities &lt; &gt; &amp; &quot; and numeric ones. Anything else is rejected the way Telegram answers:
 * 400 "Bad Request: can't parse entities: …". Stricter than Telegram in one point: a bare `>` or an
 * `&` that starts no entity is refused too, so the adapter is held to escaping all of `& < >`.
 */

/** An entity of the parsed text (offsets and lengths in UTF-16 code units, as Telegram gives them). */
export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export type ParseResult = { ok: true; text: string; entities: ParsedEntity[] } | { ok: false; error: string };

const TAG_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface Open {
  name: string;
  type: string;
  start: number;
  url?: string;
}

/** Parses Telegram HTML into text and entities, or says why Telegram would refuse it. */
export function parseTelegramHtml(html: string): ParseResult {
  let text = '';
  const entities: ParsedEntity[] = [];
  const stack: Open[] = [];
  const byteOffset = (i: number) => Buffer.byteLength(html.slice(0, i), 'utf8');
  const fail = (detail: string): ParseResult => ({
    ok: false,
    error: `Bad Request: can't parse entities: ${detail}`,
  });
  let i = 0;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '&') {
      const entity = /^&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
      if (!entity) return fail(`Character entity expected at byte offset ${byteOffset(i)}`);
      const name = entity[1] as string;
      let decoded: string | undefined;
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        if (code > 0x10ffff || code === 0)
          return fail(`Invalid character entity at byte offset ${byteOffset(i)}`);
        decoded = String.fromCodePoint(code);
      } else decoded = NAMED[name];
      if (decoded === undefined)
        return fail(`Unsupported HTML entity "&${name};" at byte offset ${byteOffset(i)}`);
      text += decoded;
      i += entity[0].length;
      continue;
    }
    if (c === '>') return fail(`Unexpected ">" at byte offset ${byteOffset(i)}`);
    if (c !== '<') {
      text += c;
      i++;
      continue;
    }
    const end = html.indexOf('>', i);
    if (end < 0) return fail(`Unclosed start tag at byte offset ${byteOffset(i)}`);
    const inner = html.slice(i + 1, end);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) return fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
      if (open.name !== name) {
        return fail(
          `Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${open.name}>", found "</${name}>"`,
        );
      }
      if (text.length > open.start) {
        entities.push({
          type: open.type,
          offset: open.start,
          length: text.length - open.start,
          ...(open.url ? { url: open.url } : {}),
        });
      }
      i = end + 1;
      continue;
    }
    const tag = /^([a-zA-Z][\w-]*)([\s\S]*)$/.exec(inner);
    const name = tag?.[1]?.toLowerCase() ?? '';
    const type = TAG_TYPES[name];
    if (!tag || !type) return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
    const attributes = parseAttributes(tag[2] ?? '');
    if (attributes === null)
      return fail(`Can't parse attributes of "${name}" at byte offset ${byteOffset(i)}`);
    if (name === 'span' && attributes.class !== 'tg-spoiler') {
      return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(i)}`);
    }
    let url: string | undefined;
    if (name === 'a') {
      url = attributes.href;
      if (!url || !/^(https?|tg):\/\/\S+$/i.test(url)) return fail(`Wrong URL "${url ?? ''}" in tag "a"`);
    }
    const inside = stack.at(-1);
    if (
      inside &&
      (inside.name === 'pre' || inside.name === 'code') &&
      !(inside.name === 'pre' && name === 'code')
    ) {
      return fail(`Entities can't be nested in "${inside.name}" at byte offset ${byteOffset(i)}`);
    }
    stack.push({ name, type, start: text.length, ...(url ? { url } : {}) });
    i = end + 1;
  }
  const open = stack.at(-1);
  if (open) return fail(`Can't find end tag corresponding to start tag "${open.name}"`);
  return { ok: true, text, entities };
}

/** `href="…"`, `href='…'` or `href=…`, values with entities decoded; null when malformed. */
function parseAttributes(source: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  const re = /\s*([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
  const rest = source.trimEnd();
  let at = 0;
  while (at < rest.length) {
    re.lastIndex = at;
    const match = re.exec(rest);
    if (!match || match[0].length === 0) return null;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (/[<>]/.test(value) || /&(?!(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot);)/.test(value)) return null;
    out[(match[1] as string).toLowerCase()] = value.replace(
      /&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot);/g,
      (_, n: string) =>
        NAMED[n] ?? String.fromCodePoint(n[1] === 'x' ? Number.parseInt(n.slice(2), 16) : Number(n.slice(1))),
    );
    at = re.lastIndex;
  }
  return out;
}
