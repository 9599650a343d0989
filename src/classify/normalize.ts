/**
 * Text normalisation for the classifiers (NFKC, lower case, ё→е, invisible characters dropped) with a fast
 * path: most tweets consist only of characters that NFKC leaves alone, and for those (and for any token
 * made of them) normalising is just lower-casing and ё→е.
 */

const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
const HAS_INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/;
const WHITESPACE = /\s+/g;
const MARK = /\p{M}/u;

/** NFKC, locale-independent lower case, ё→е, invisible characters dropped, whitespace collapsed and trimmed. */
export function normalizeText(text: string): string {
  if (isPlainRange(text, 0, text.length)) return collapse(lowerYo(text));
  let out = text.normalize('NFKC').toLowerCase();
  if (out.includes('ё')) out = out.replaceAll('ё', 'е');
  return out.replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/** Normalises one token's text: as {@link normalizeText}, without whitespace handling. */
export function normalizeToken(raw: string): string {
  if (isPlainRange(raw, 0, raw.length)) return lowerYo(raw);
  let out = raw.normalize('NFKC').toLowerCase();
  if (out.includes('ё')) out = out.replaceAll('ё', 'е');
  return HAS_INVISIBLE.test(out) ? out.replace(INVISIBLE, '') : out;
}

/**
 * Per UTF-16 code unit: 0 not yet known, 1 plain, 2 not plain. A plain character is unchanged by NFKC,
 * never combines with its neighbours (no marks but variation selectors, no Hangul jamo) and is not
 * invisible: a run of plain characters is its own NFKC form. Σ is not plain either: its lower case
 * depends on the characters around it, so a token's lower case could differ from its slice of the text's.
 */
const PLAIN = new Uint8Array(0x10000);
const PLAIN_ASTRAL = new Map<number, boolean>();

function isPlainUnit(code: number): boolean {
  const known = PLAIN[code];
  if (known === 1) return true;
  if (known === 2) return false;
  const ch = String.fromCharCode(code);
  const plain =
    !(code >= 0xd800 && code < 0xe000) &&
    !(code >= 0x1100 && code < 0x1200) &&
    !(code >= 0xa960 && code < 0xa980) &&
    !(code >= 0xd7b0 && code < 0xd800) &&
    code !== 0x3a3 &&
    !HAS_INVISIBLE.test(ch) &&
    (!MARK.test(ch) || (code >= 0xfe00 && code <= 0xfe0f)) &&
    ch.normalize('NFKC') === ch;
  PLAIN[code] = plain ? 1 : 2;
  return plain;
}

/** An astral character is plain when NFKC leaves it alone and it is not a mark. */
function isPlainAstral(codePoint: number): boolean {
  const known = PLAIN_ASTRAL.get(codePoint);
  if (known !== undefined) return known;
  const ch = String.fromCodePoint(codePoint);
  const plain = !MARK.test(ch) && ch.normalize('NFKC') === ch;
  PLAIN_ASTRAL.set(codePoint, plain);
  return plain;
}

/** True when every character of `text.slice(from, to)` is plain (see {@link PLAIN}). */
export function isPlainRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < to) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        if (!isPlainAstral(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000)) return false;
        i++;
        continue;
      }
    }
    if (!isPlainUnit(code)) return false;
  }
  return true;
}

/** Lower case and ё→е: the whole normalisation of a plain text (see {@link isPlainRange}). */
function lowerYo(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x451 || !isLowerStable(c)) {
      const lower = text.toLowerCase();
      return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
    }
  }
  return text;
}

/** `text.toLowerCase()`, returning `text` itself when no character changes (no call into ICU). */
export function toLower(text: string): string {
  for (let i = 0; i < text.length; i++) if (!isLowerStable(text.charCodeAt(i))) return text.toLowerCase();
  return text;
}

/** Per BMP code unit: 0 not yet known, 1 lower-casing leaves it alone, 2 it may change (or is a surrogate). */
const LOWER_STABLE = new Uint8Array(0x10000);

function isLowerStable(c: number): boolean {
  if (c < 0x80) return c < 0x41 || c > 0x5a;
  if (c >= 0x430 && c <= 0x44f) return true;
  let known = LOWER_STABLE[c] ?? 0;
  if (known === 0) {
    const ch = String.fromCharCode(c);
    known = !(c >= 0xd800 && c < 0xe000) && ch.toLowerCase() === ch ? 1 : 2;
    LOWER_STABLE[c] = known;
  }
  return known === 1;
}

/** Whitespace runs collapsed to one space, then trimmed. */
function collapse(text: string): string {
  return isCollapsed(text) ? text : text.replace(WHITESPACE, ' ').trim();
}

/** A text prepared for per-token normalisation (see {@link lowered}). */
export interface Lowered {
  text: string;
  /** Every character is plain: normalising is lower case and ё→е. */
  plain: boolean;
  /** For a plain text whose lower case keeps its length: the text lower-cased with ё→е. */
  lower: string | null;
}

/** Prepares `text` for {@link tokenText} and {@link normalizedOf}. */
export function lowered(text: string): Lowered {
  if (!isPlainRange(text, 0, text.length)) return { text, plain: false, lower: null };
  const lower = lowerYo(text);
  return { text, plain: true, lower: lower.length === text.length ? lower : null };
}

/** `normalizeToken(l.text.slice(start, end))`: a slice of the lower-cased text when it keeps offsets. */
export function tokenText(l: Lowered, start: number, end: number): string {
  if (l.lower !== null) return l.lower.slice(start, end);
  const raw = l.text.slice(start, end);
  return l.plain ? lowerYo(raw) : normalizeToken(raw);
}

/** `normalizeText(l.text)`, without NFKC when the text is plain. */
export function normalizedOf(l: Lowered): string {
  if (!l.plain) return normalizeText(l.text);
  return collapse(l.lower ?? lowerYo(l.text));
}

/** True when `s` is already collapsed: no whitespace but single spaces between other characters. */
function isCollapsed(s: string): boolean {
  let previousSpace = true; // a leading space is not collapsed
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
      continue;
    }
    if ((c >= 9 && c <= 13) || (c >= 0x80 && isWhitespace(c))) return false;
    previousSpace = false;
  }
  return !previousSpace || s.length === 0;
}

/** `\s` beyond ASCII: Unicode space separators, line and paragraph separators, BOM. */
function isWhitespace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
