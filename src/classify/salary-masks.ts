/**
 * The salary parser's first step: spans that hold digits but never a salary (links, handles, phones, dates,
 * times, percentages, versions) are blanked to spaces of the same length. Each mask runs only when the text
 * holds the characters every match of it needs; blanking only turns characters into spaces, so a mask
 * skipped on the original text could not have matched after the masks before it either.
 */

/** Characters (or short sequences) of a text that some mask needs, as bits. */
const DIGIT = 1;
const DOUBLE_SLASH = 2;
const W_DOT = 4;
const AT = 8;
const HASH_OR_NUMERO = 16;
const PLUS_DIGIT = 32;
const PAREN = 64;
const PERCENT = 128;
const DIGIT_HYPHEN_DIGIT = 256;
const DIGIT_DOT_DIGIT = 512;
const DIGIT_SLASH_DIGIT = 1024;
const DIGIT_COLON_DIGIT = 2048;
const V_DIGIT = 4096;
const WIDE_SPACE = 8192;
const YO = 16384;

/** Each mask with the features of which a match needs at least one. */
const MASKS: ReadonlyArray<readonly [RegExp, number]> = [
  [/(?:https?:\/\/|www\.)\S+/giu, DOUBLE_SLASH | W_DOT],
  [/[\w.%+-]+@[\w.-]+\.[a-z]{2,}/giu, AT],
  [/[@#№][\p{L}\d_]+/giu, AT | HASH_OR_NUMERO],
  [/\+\d[\d\s().-]{7,}\d/gu, PLUS_DIGIT],
  [/(?<!\d)8[\s-]?\(\d{3}\)[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)/gu, PAREN],
  [/(?<!\d)\d{3}-\d{2}-\d{2}(?!\d)/gu, DIGIT_HYPHEN_DIGIT],
  [/[-−+]?\d+(?:[.,]\d+)?\s?%/gu, PERCENT],
  [
    /(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?!\d)/gu,
    DIGIT_DOT_DIGIT | DIGIT_SLASH_DIGIT | DIGIT_HYPHEN_DIGIT,
  ],
  [/(?<!\d)\d{1,2}:\d{2}(?!\d)/gu, DIGIT_COLON_DIGIT],
  [/(?<![\d.,])\d+\/\d+(?!\d)/gu, DIGIT_SLASH_DIGIT],
  [/(?<![\p{L}\d])v?\d+\.\d{1,2}(?:\.\d+)+/giu, DIGIT_DOT_DIGIT],
  [/(?<![\p{L}\d])v\d+(?:\.\d+)?(?!\p{L})/giu, V_DIGIT],
];

const WIDE_SPACES = /[\u00a0\u202f\u2007\u2009]/gu;
/** A `replace` callback that blanks the match to spaces of the same length, so offsets stay put. */
export const blankMatch = (m: string): string => ' '.repeat(m.length);

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The {@link MASKS} features present in `text`, as bits. */
function featuresOf(text: string): number {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      found |= DIGIT;
      if (isDigit(text.charCodeAt(i + 2))) {
        const next = text.charCodeAt(i + 1);
        if (next === 0x2d) found |= DIGIT_HYPHEN_DIGIT;
        else if (next === 0x2e) found |= DIGIT_DOT_DIGIT;
        else if (next === 0x2f) found |= DIGIT_SLASH_DIGIT;
        else if (next === 0x3a) found |= DIGIT_COLON_DIGIT;
      }
    } else if (c === 0x2f) {
      if (text.charCodeAt(i + 1) === 0x2f) found |= DOUBLE_SLASH;
    } else if (c === 0x77 || c === 0x57) {
      if (text.charCodeAt(i + 1) === 0x2e) found |= W_DOT;
    } else if (c === 0x76 || c === 0x56) {
      if (isDigit(text.charCodeAt(i + 1))) found |= V_DIGIT;
    } else if (c === 0x40) found |= AT;
    else if (c === 0x23 || c === 0x2116) found |= HASH_OR_NUMERO;
    else if (c === 0x2b) {
      if (isDigit(text.charCodeAt(i + 1))) found |= PLUS_DIGIT;
    } else if (c === 0x28) found |= PAREN;
    else if (c === 0x25) found |= PERCENT;
    else if (c === 0xa0 || c === 0x202f || c === 0x2007 || c === 0x2009) found |= WIDE_SPACE;
    else if (c === 0x451 || c === 0x401) found |= YO;
  }
  return found;
}

/**
 * `text` with wide spaces made plain, ё/Ё read as е/Е and every masked span blanked (same length), or null
 * when the text has no digit: then no salary can be found in it.
 */
export function blankNonSalary(text: string): string | null {
  const found = featuresOf(text);
  if ((found & DIGIT) === 0) return null;
  let out = text;
  if ((found & WIDE_SPACE) !== 0) out = out.replace(WIDE_SPACES, ' ');
  if ((found & YO) !== 0) out = out.replaceAll('ё', 'е').replaceAll('Ё', 'Е');
  for (const [re, needs] of MASKS) if ((found & needs) !== 0) out = out.replace(re, blankMatch);
  return out;
}
