/**
 * Searches for patterns that may only start where no letter (or letter or digit) precedes, without the
 * leading lookbehind: irregexp checks a `(?<!\p{L})` at every position of the text, which for the unicode
 * case-insensitive patterns costs more than trying the pattern body there and dropping the few matches
 * that start inside a word. The result is the lookbehind regex's own: the first match whose start passes.
 */

/** A pattern compiled without its leading lookbehind; see {@link wordStartSearch}. */
export interface WordStartSearch {
  /** The pattern body, global. */
  readonly re: RegExp;
  /** True when a digit before the start also rules a match out (`(?<![\p{L}\d])`). */
  readonly digits: boolean;
}

const NOT_AFTER_LETTER = '(?<!\\p{L})';
const NOT_AFTER_LETTER_OR_DIGIT = '(?<![\\p{L}\\d])';

/** Compiles `re`, whose source must start with `(?<!\p{L})` or `(?<![\p{L}\d])`, for {@link execAtWordStart}. */
export function wordStartSearch(re: RegExp): WordStartSearch {
  const digits = re.source.startsWith(NOT_AFTER_LETTER_OR_DIGIT);
  const prefix = digits ? NOT_AFTER_LETTER_OR_DIGIT : NOT_AFTER_LETTER;
  if (!re.source.startsWith(prefix) || !re.unicode) throw new Error(`no leading lookbehind: ${re.source}`);
  const flags = re.flags.includes('g') ? re.flags : `${re.flags}g`;
  return { re: new RegExp(re.source.slice(prefix.length), flags), digits };
}

/**
 * `exec` of the lookbehind regex with `lastIndex = from`: the first match at or after `from` that no
 * letter (or digit) precedes. Afterwards `search.re.lastIndex` is where a global scan would go on.
 */
export function execAtWordStart(search: WordStartSearch, text: string, from: number): RegExpExecArray | null {
  const re = search.re;
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (!endsWithWordChar(text, m.index, search.digits)) return m;
    re.lastIndex = m.index + (isSurrogatePair(text, m.index) ? 2 : 1);
  }
  return null;
}

/** Per BMP code unit: 0 not yet known, 1 a letter (`\p{L}`), 2 not. */
const LETTER_UNITS = new Uint8Array(0x10000);
const LETTER = /\p{L}/u;

/** True when the code point ending just before `i` is a letter (or, with `digits`, an ASCII digit). */
function endsWithWordChar(text: string, i: number, digits: boolean): boolean {
  if (i === 0) return false;
  const c = text.charCodeAt(i - 1);
  if (digits && c >= 0x30 && c <= 0x39) return true;
  if (c >= 0xdc00 && c < 0xe000 && isSurrogatePair(text, i - 2)) return LETTER.test(text.slice(i - 2, i));
  let known = LETTER_UNITS[c] ?? 0;
  if (known === 0) {
    known = c >= 0xd800 && c < 0xe000 ? 2 : LETTER.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_UNITS[c] = known;
  }
  return known === 1;
}

function isSurrogatePair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high < 0xdc00 && low >= 0xdc00 && low < 0xe000;
}
