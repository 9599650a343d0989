/**
 * The tweet-aware tokenizer: URLs, emails, @mentions, #hashtags, $cashtags, emoji sequences, numbers,
 * words (hyphenated ones with their parts) and punctuation, each with its normalised text and its offsets
 * in the original text.
 */
import { type Lowered, lowered, normalizedOf, tokenText } from './normalize.js';

/** What a token is. Words include hyphenated words and words with digits (k8s, 1С, web3, 200k). */
export type TokenKind =
  | 'word'
  | 'number'
  | 'url'
  | 'mention'
  | 'hashtag'
  | 'cashtag'
  | 'email'
  | 'emoji'
  | 'punct';

/** One token of a text. `start`/`end` are UTF-16 offsets into the original, un-normalised text. */
export interface Token {
  kind: TokenKind;
  /** The token's text, normalised with {@link normalizeText}. */
  text: string;
  start: number;
  end: number;
  /** For hyphenated words only: the normalised parts (`full-stack` → `['full', 'stack']`). */
  parts?: string[];
}

const TLDS =
  'ru|su|com|org|net|io|me|co|dev|ai|app|ly|gl|be|to|tv|info|biz|us|uk|de|ua|by|kz|uz|pro|tech|xyz|site|' +
  'online|store|shop|jobs|work|cc|sh|gg|fm|edu|gov|club|space|link|page|blog|news|team|careers|moscow|eu';

const EMOJI_UNIT = '\\p{Extended_Pictographic}(?:\\uFE0F|\\p{Emoji_Modifier})?';
const EMOJI =
  '\\p{Regional_Indicator}{2}|[#*0-9]\\uFE0F?\\u20E3|' +
  `\\u{1F3F4}[\\u{E0020}-\\u{E007E}]+\\u{E007F}|${EMOJI_UNIT}(?:\\u200D${EMOJI_UNIT})*`;
const WORD_PART = "[\\p{L}\\p{N}\\p{M}_\\u00ad]+(?:['’][\\p{L}\\p{M}]+)*";

const NEVER = '((?!))';

/**
 * Alternatives in priority order; exactly one capture group matches per token. Alternatives that need an
 * `@` or a `.` are replaced by a never-matching group when the text has none, which keeps plain tweets fast.
 */
function tokenRegex(hasAt: boolean, hasDot: boolean): RegExp {
  return new RegExp(
    [
      /* 1 url   */ hasDot ? '((?:https?:\\/\\/|www\\.)[^\\s<>"«»]+)' : NEVER,
      /* 2 email */ hasAt && hasDot
        ? '([\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,})'
        : NEVER,
      /* 3 bare domain */ hasDot
        ? `((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}])(?:[/?#][^\\s<>"«»]*)?|(?:[а-я0-9](?:[а-я0-9-]*[а-я0-9])?\\.)+рф(?![\\p{L}\\p{N}])(?:/[^\\s<>"«»]*)?)`
        : NEVER,
      /* 4 mention */ hasAt ? '(@[A-Za-z0-9_]{1,15})(?![\\p{L}\\p{N}_@])' : NEVER,
      /* 5 hashtag */ '(#(?=[\\p{N}_]*\\p{L})[\\p{L}\\p{N}\\p{M}_]+)',
      /* 6 cashtag */ '(\\$[A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?)(?![\\p{L}\\p{N}])',
      /* 7 jargon  */ '((?:[cf]#|c\\+\\+|\\.net)(?![\\p{L}\\p{N}#+]))',
      /* 8 emoji   */ `(${EMOJI})`,
      /* 9 number  */ '(\\d{1,3}(?:[ \\u00a0\\u202f\\u2009]\\d{3})+(?![\\p{L}\\p{N}])|\\d+(?:[.,]\\d+)*(?![\\p{L}\\p{N}]))',
      /* 10 word   */ `(${WORD_PART}(?:[-‐‑]${WORD_PART})*)`,
      /* 11 punct  */ '([^\\s\\u200b-\\u200d\\u2060])',
    ].join('|'),
    'iuy',
  );
}

/** Sticky, applied at each token start. Indexed by `(hasAt ? 2 : 0) + (hasDot ? 1 : 0)`. */
const TOKEN_RES: readonly RegExp[] = [
  tokenRegex(false, false),
  tokenRegex(false, true),
  tokenRegex(true, false),
  tokenRegex(true, true),
];

const KINDS: readonly TokenKind[] = [
  'url',
  'url',
  'email',
  'url',
  'mention',
  'hashtag',
  'cashtag',
  'word',
  'emoji',
  'number',
  'word',
  'punct',
];

const URL_TRAILING = /[.,;:!?)\]}'’…]+$/u;
const HYPHENS = /[-‐‑]/;

/**
 * Splits a tweet into typed tokens. URLs (with or without a scheme, bare domains such as `hh.ru`),
 * emails, @mentions, #hashtags (Cyrillic too), $cashtags and emoji sequences are kept whole; hyphenated
 * words are one token with their `parts`. Offsets refer to the original text.
 */
export function tokenize(text: string): Token[] {
  return tokenizeLowered(lowered(text));
}

/** A text's tokens and its {@link normalizeText} form, computed together (one lower-casing for both). */
export interface PreparedText {
  text: string;
  tokens: Token[];
  normalized: string;
}

/** Tokenizes and normalises a text once, for the classifiers to share. */
export function prepareText(text: string): PreparedText {
  const l = lowered(text);
  return { text, tokens: tokenizeLowered(l), normalized: normalizedOf(l) };
}

/**
 * Every character outside whitespace starts a token (the last alternative takes any single character), so
 * the scan skips whitespace and, at each token start, either reads a plain word or a lone punctuation mark
 * directly (when the first character rules out every earlier alternative) or applies the sticky regex.
 */
function tokenizeLowered(l: Lowered): Token[] {
  const text = l.text;
  const n = text.length;
  const tokens: Token[] = [];
  const hasAt = text.includes('@');
  const hasDot = text.includes('.');
  const re = TOKEN_RES[(hasAt ? 2 : 0) + (hasDot ? 1 : 0)]!;
  // Cyrillic letters may start an email or a .рф domain, Latin ones an email, a domain, a URL or c#/f#/c++.
  const cyrillicWords = !(hasDot && (hasAt || RF.test(text)));
  const latinWords = !(hasDot && hasAt);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || isSkipped(c)) {
      i++;
      continue;
    }
    let kind: TokenKind;
    let end: number;
    if (
      (cyrillicWords && isCyrillicLetter(c)) ||
      (latinWords && isAsciiLetter(c) && onlyWordAt(text, i, hasDot))
    ) {
      kind = 'word';
      end = wordEnd(text, i);
    } else if (c < 0x2030 && LONE_PUNCT.has(c)) {
      kind = 'punct';
      end = i + 1;
    } else {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m === null) break; // unreachable: the last alternative takes any character here
      let group = 1;
      while (m[group] === undefined) group++;
      kind = KINDS[group] ?? 'punct';
      end = i + (m[group]?.length ?? 0);
      if (kind === 'url') end = i + trimUrl(m[group] ?? '').length;
    }
    const token: Token = { kind, text: tokenText(l, i, end), start: i, end };
    if (kind === 'word' && hasHyphen(text, i, end)) {
      const parts = token.text.split(HYPHENS).filter((p) => p.length > 0);
      if (parts.length > 1) token.parts = parts;
    }
    tokens.push(token);
    i = end;
  }
  return tokens;
}

const RF = /[рР][фФ]/;
/** Characters that never start an alternative before the last one: each is a punctuation token alone. */
const LONE_PUNCT: ReadonlySet<number> = new Set(
  [...'!"&\'(),/:;<=>?[\\]^`{|}~«»—–…“”„‘’•'].map((ch) => ch.charCodeAt(0)),
);
/** A token's word part: letters, digits, marks, `_`, soft hyphen; then apostrophe and hyphen joins. */
const WORD = new RegExp(`${WORD_PART}(?:[-‐‑]${WORD_PART})*`, 'uy');

/** Whitespace as `\s` has it, plus the zero-width characters no token starts with. */
function isSkipped(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isCyrillicLetter(c: number): boolean {
  return (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451;
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

/**
 * True when, at the ASCII letter at `i`, no alternative before the word one can match (the text has no
 * email): not c#, f# or c++; and, when the text has a dot, not `http`/`www` and not a run of domain-label
 * characters followed by a dot. Letters compare case-insensitively, and ſ and K (Kelvin) count as s and k.
 */
function onlyWordAt(text: string, i: number, hasDot: boolean): boolean {
  const c = text.charCodeAt(i) | 0x20;
  const next = text.charCodeAt(i + 1);
  if ((c === 0x63 || c === 0x66) && (next === 0x23 || (c === 0x63 && next === 0x2b))) return false;
  if (!hasDot) return true;
  const lowerNext = next | 0x20;
  if (c === 0x68 && lowerNext === 0x74 && (text.charCodeAt(i + 2) | 0x20) === 0x74) return false;
  if (c === 0x77 && lowerNext === 0x77 && (text.charCodeAt(i + 2) | 0x20) === 0x77) return false;
  let j = i + 1;
  while (j < text.length && isDomainLabelChar(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) !== 0x2e;
}

/** `[a-z0-9-]` of the tokenizer's case-insensitive domain alternative. */
function isDomainLabelChar(c: number): boolean {
  if (c < 0x80) return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
  return c === 0x17f || c === 0x212a;
}

/** Where the word starting at `start` ends: a direct scan over plain letters, else the word regex. */
function wordEnd(text: string, start: number): number {
  let j = start + 1;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (!(isCyrillicLetter(c) || isAsciiLetter(c) || (c >= 0x30 && c <= 0x39))) break;
  }
  // Past the plain letters: the end of the text, or a character that can neither continue a word nor
  // join another part to it (an apostrophe, a hyphen).
  if (j === text.length || !mayContinueWord(text.charCodeAt(j))) return j;
  WORD.lastIndex = start;
  const m = WORD.exec(text);
  return start + (m?.[0].length ?? 1);
}

/** Per BMP code unit: 0 not yet known, 1 may be part of a word (see {@link WORD}), 2 never. */
const CONTINUES = new Uint8Array(0x10000);
const WORDISH = /[\p{L}\p{N}\p{M}_\u00ad'’\-‐‑]/u;

function mayContinueWord(c: number): boolean {
  let known = CONTINUES[c] ?? 0;
  if (known === 0) {
    // A surrogate may be half of an astral letter.
    known = (c >= 0xd800 && c < 0xe000) || WORDISH.test(String.fromCharCode(c)) ? 1 : 2;
    CONTINUES[c] = known;
  }
  return known === 1;
}

/** True when `text.slice(from, to)` holds a hyphen (-, ‐ or ‑). */
function hasHyphen(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2010 || c === 0x2011) return true;
  }
  return false;
}

/** Drops sentence punctuation glued to the end of a URL, keeping a `)` that closes a `(` inside it. */
function trimUrl(raw: string): string {
  let out = raw.replace(URL_TRAILING, '');
  if (raw.length > out.length && raw[out.length] === ')' && out.includes('(') && !out.includes(')')) {
    out += ')';
  }
  return out;
}
