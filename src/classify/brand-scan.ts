/**
 * The brand matcher's scanner: splits a normalised text (see `normalizeForBrands`) into URLs, bare
 * domains, @handles, #hashtags and word runs. Word runs are finer than `text.ts` tokens on purpose:
 * letters of one script only, digits apart and hyphens, dots and apostrophes as separators, so that
 * ВТБ24 → ВТБ + 24, МТС-Украина → МТС + Украина, Yandex's → Yandex + s, Яндекс.Такси → Яндекс + Такси.
 */

/** Token kinds, as numbers in the scan output: a handle, a hashtag, a URL or bare domain, a word run. */
export const HANDLE = 0;
export const HASHTAG = 1;
export const HOST = 2;
export const WORD = 3;

const TLDS =
  'ru|su|com|org|net|io|me|co|dev|ai|app|ly|gl|be|to|tv|info|biz|us|uk|de|ua|by|kz|uz|am|ge|az|kg|md|' +
  'pro|tech|xyz|site|online|store|shop|club|space|link|page|blog|news|moscow|eu|рф';

/** Groups: 1 url, 2 handle body, 3 hashtag body, 4 bare domain, 5 word run. */
const SCAN_RE = new RegExp(
  [
    '((?:https?:\\/\\/|www\\.)[^\\s<>"«»]+)',
    '(?<![\\p{L}\\p{N}_])@([a-z0-9_]{1,30})',
    '(?<![\\p{L}\\p{N}_&])#(?=[\\p{N}_]*\\p{L})([\\p{L}\\p{M}\\p{N}_]+)',
    `(?<![\\p{L}\\p{N}._-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}]))`,
    '([\\p{Script=Cyrillic}\\p{M}]+|[\\p{Script=Latin}\\p{M}]+|\\p{N}+)',
  ].join('|'),
  'uy',
);

/** Word runs only, for splitting the inside of a handle, hashtag or host name. */
const WORD_RE = /[\p{Script=Cyrillic}\p{M}]+|[\p{Script=Latin}\p{M}]+|\p{N}+/gu;

/**
 * Appends the tokens of a normalised text to `out`, in order, five numbers each: kind ({@link HANDLE},
 * {@link HASHTAG}, {@link HOST} or {@link WORD}), start, end, inner start, inner end (the handle or tag
 * without its sign, a URL's host name; a word's own span). Characters outside any token are skipped.
 * Plain runs of ASCII or basic Cyrillic letters are read directly when nothing but a word run can start
 * there; everywhere else the sticky regex decides, exactly as a global scan would.
 */
export function scanText(norm: string, out: number[]): void {
  const n = norm.length;
  const hasDot = norm.includes('.');
  let i = 0;
  while (i < n) {
    const c = norm.charCodeAt(i);
    let end = -1;
    if (c < 0x80) {
      const letter = c >= 0x61 && c <= 0x7a;
      const digit = c >= 0x30 && c <= 0x39;
      if (!letter && !digit && c !== 0x40 && c !== 0x23 && !(c >= 0x41 && c <= 0x5a)) {
        i++; // no token starts with other ASCII characters
        continue;
      }
      if ((letter || digit) && !mayStartUrl(norm, i, c) && !(hasDot && mayStartDomain(norm, i)))
        end = runEnd(norm, i, digit ? DIGITS : LATIN);
    } else if (isCyrillic(c)) end = runEnd(norm, i, CYRILLIC);
    if (end >= 0) {
      out.push(WORD, i, end, i, end);
      i = end;
      continue;
    }
    i = scanAt(norm, i, out);
  }
}

/** True when a URL (`http://`, `https://`, `www.`) starts at `i`. */
function mayStartUrl(norm: string, i: number, c: number): boolean {
  if (c === 0x68) return norm.startsWith('http://', i) || norm.startsWith('https://', i);
  return c === 0x77 && norm.startsWith('www.', i);
}

/** True when the run of domain-label characters (`[a-z0-9-]`) starting at `i` is followed by a dot. */
function mayStartDomain(norm: string, i: number): boolean {
  let j = i;
  for (; j < norm.length; j++) {
    const c = norm.charCodeAt(j);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) break;
  }
  return norm.charCodeAt(j) === 0x2e;
}

const DIGITS = 0;
const LATIN = 1;
const CYRILLIC = 2;

function isCyrillic(c: number): boolean {
  return (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451;
}

/**
 * End of the run of one script starting at `start`, or -1 when a character that might continue it (a
 * non-ASCII one, or an ASCII letter after Latin) is outside the plain ranges: the regex then decides.
 */
function runEnd(norm: string, start: number, script: number): number {
  let j = start + 1;
  for (; j < norm.length; j++) {
    const c = norm.charCodeAt(j);
    const same =
      script === CYRILLIC
        ? isCyrillic(c)
        : script === LATIN
          ? c >= 0x61 && c <= 0x7a
          : c >= 0x30 && c <= 0x39;
    if (!same) break;
  }
  if (j === norm.length) return j;
  const next = norm.charCodeAt(j);
  if (next >= 0x80) return -1;
  if (script === LATIN && ((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a))) return -1;
  return j;
}

/** Applies the scanner regex at `i`: appends the token found there and returns its end, or the next position. */
function scanAt(norm: string, i: number, out: number[]): number {
  SCAN_RE.lastIndex = i;
  const m = SCAN_RE.exec(norm);
  if (m === null) {
    const c = norm.charCodeAt(i);
    const low = norm.charCodeAt(i + 1);
    return c >= 0xd800 && c < 0xdc00 && low >= 0xdc00 && low < 0xe000 ? i + 2 : i + 1;
  }
  const end = i + m[0].length;
  if (m[5] !== undefined) out.push(WORD, i, end, i, end);
  else if (m[3] !== undefined) out.push(HASHTAG, i, end, i + 1, end);
  else if (m[2] !== undefined) out.push(HANDLE, i, end, i + 1, end);
  else if (m[4] !== undefined) out.push(HOST, i, end, i, end);
  else {
    const [hostStart, hostEnd] = hostOf(norm, i, end);
    out.push(HOST, i, end, hostStart, hostEnd);
  }
  return end;
}

/** Appends the start and end of each word run inside `[from, to)` of a normalised text to `out`. */
export function scanWords(norm: string, from: number, to: number, out: number[]): void {
  const re = WORD_RE;
  re.lastIndex = from;
  for (let m = re.exec(norm); m !== null && m.index < to; m = re.exec(norm)) {
    out.push(m.index, Math.min(m.index + m[0].length, to));
  }
}

/** The host name inside a URL token, without scheme, `www.`, port, path or query. */
function hostOf(norm: string, start: number, end: number): [number, number] {
  let i = start;
  const scheme = norm.indexOf('://', i);
  if (scheme !== -1 && scheme < end) i = scheme + 3;
  if (norm.startsWith('www.', i)) i += 4;
  let j = i;
  while (j < end) {
    const c = norm.charCodeAt(j);
    // '/', '?', '#', ':' end the host.
    if (c === 47 || c === 63 || c === 35 || c === 58) break;
    j++;
  }
  return [i, j];
}

/** Separators allowed between the parts of a multi-word alias: a few spaces, a hyphen or dash, or a dot/underscore/apostrophe. */
const PART_GAP = /^(?:[\s\u00a0]{1,3}|[\s\u00a0]?[-‐‑–—][\s\u00a0]?|[._'’])$/;

/** True when the text between two word runs may join the parts of one alias. */
export function isPartGap(norm: string, from: number, to: number): boolean {
  return from === to || (to - from <= 3 && PART_GAP.test(norm.slice(from, to)));
}
