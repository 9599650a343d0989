/**
 * Splitting Telegram HTML into messages of at most `limit` UTF-16 code units of HTML source (a
 * conservative bound: Telegram counts the shorter text left after entity parsing). Replies are packed
 * from units (title, a block, an item) and split between units; a unit longer than a message is split
 * at whitespace, closing the open tags at the end of a part and reopening them at the start of the
 * next, never inside a tag or an entity.
 */

/** A piece of a reply that should stay in one message when it fits, and what joins it to the previous one. */
export interface HtmlUnit {
  html: string;
  /** Joins this unit to the one before it in the same message: `\n` inside a block, `\n\n` between blocks. */
  separator: string;
  /** Marks the unit (an item with buttons); a message lists the tags of the units that end in it. */
  tag?: number;
}

/** One packed message and the tags of the units that end in it. */
export interface PackedMessage {
  html: string;
  tags: number[];
}

/** Packs units greedily into messages of at most `limit` code units; over-long units are split. */
export function packUnits(units: readonly HtmlUnit[], limit: number): string[] {
  return packTagged(units, limit).map((m) => m.html);
}

/** Like packUnits, and says which tagged units end in each message (an item split in two ends in the second). */
export function packTagged(units: readonly HtmlUnit[], limit: number): PackedMessage[] {
  const messages: PackedMessage[] = [];
  let current = '';
  let tags: number[] = [];
  const push = (html: string) => {
    messages.push({ html, tags });
    tags = [];
  };
  for (const unit of units) {
    if (!unit.html) continue;
    if (current && current.length + unit.separator.length + unit.html.length <= limit) {
      current += unit.separator + unit.html;
      if (unit.tag !== undefined) tags.push(unit.tag);
      continue;
    }
    if (current) push(current);
    current = '';
    if (unit.html.length <= limit) {
      current = unit.html;
      if (unit.tag !== undefined) tags.push(unit.tag);
      continue;
    }
    const pieces = splitHtml(unit.html, limit);
    for (const piece of pieces.slice(0, -1)) push(piece);
    current = pieces.at(-1) ?? '';
    if (unit.tag !== undefined) tags.push(unit.tag);
  }
  if (current) push(current);
  return messages;
}

type Atom =
  | { kind: 'open'; raw: string; name: string }
  | { kind: 'close'; raw: string }
  | { kind: 'word'; raw: string };

interface OpenTag {
  raw: string;
  name: string;
  /** False when the tag was too long to reopen in this part: its end tag is then left out too. */
  emitted: boolean;
}

const ATOMS = /<\/[^>]*>|<[^>]*>|(?:[^\s<]+)?\s*/gy;

function atomsOf(html: string): Atom[] {
  const atoms: Atom[] = [];
  ATOMS.lastIndex = 0;
  while (ATOMS.lastIndex < html.length) {
    const start = ATOMS.lastIndex;
    const match = ATOMS.exec(html);
    const raw = match?.[0] ?? '';
    if (!raw) {
      // A lone `<` without `>` cannot come from our renderer; keep it as text rather than loop.
      atoms.push({ kind: 'word', raw: html.slice(start, start + 1) });
      ATOMS.lastIndex = start + 1;
      continue;
    }
    if (raw.startsWith('</')) atoms.push({ kind: 'close', raw });
    else if (raw.startsWith('<')) {
      const name = /^<([a-zA-Z][\w-]*)/.exec(raw)?.[1]?.toLowerCase() ?? '';
      atoms.push({ kind: 'open', raw, name });
    } else atoms.push({ kind: 'word', raw });
  }
  return atoms;
}

/** The smallest pieces a word may be cut into: entities and surrogate pairs stay whole. */
function graphemesOf(word: string): string[] {
  return word.match(/&(?:#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);|[\s\S]/gu) ?? [];
}

/** Splits one piece of HTML into parts of at most `limit` code units, each valid on its own. */
export function splitHtml(html: string, limit: number): string[] {
  const parts: string[] = [];
  const stack: OpenTag[] = [];
  let current = '';
  let visible = false;

  const closing = (tags: readonly OpenTag[]) =>
    tags
      .filter((t) => t.emitted)
      .reverse()
      .map((t) => `</${t.name}>`)
      .join('');
  const closingLength = (extra = 0) => closing(stack).length + extra;

  const flush = () => {
    if (visible) parts.push(current + closing(stack));
    // Reopen the tags that are still open, unless they would eat too much of the next part.
    let reopened = '';
    for (const tag of stack) {
      tag.emitted = reopened.length + tag.raw.length + closing(stack).length <= limit / 4;
      if (tag.emitted) reopened += tag.raw;
    }
    current = reopened;
    visible = false;
  };

  const fits = (text: string, extraClosing = 0) =>
    current.length + text.length + closingLength(extraClosing) <= limit;

  for (const atom of atomsOf(html)) {
    if (atom.kind === 'open') {
      const endLength = atom.name.length + 3;
      if (!fits(atom.raw, endLength)) flush();
      const emitted = fits(atom.raw, endLength);
      if (emitted) current += atom.raw;
      stack.push({ raw: atom.raw, name: atom.name, emitted });
      continue;
    }
    if (atom.kind === 'close') {
      const tag = stack.pop();
      if (tag?.emitted) current += atom.raw;
      continue;
    }
    if (fits(atom.raw)) {
      current += atom.raw;
      visible ||= /\S/.test(atom.raw);
      continue;
    }
    if (visible) flush();
    if (fits(atom.raw)) {
      current += atom.raw;
      visible ||= /\S/.test(atom.raw);
      continue;
    }
    // A word longer than a whole part: cut it between characters (never inside an entity).
    for (const piece of graphemesOf(atom.raw)) {
      if (!fits(piece)) flush();
      current += piece;
      visible ||= /\S/.test(piece);
    }
  }
  if (visible) parts.push(current + closing(stack));
  return parts;
}
