import { KestrelError } from '../errors.js';

/** One piece of a term: a single word, or several words that must stand together in order (a phrase). */
export type TermPart = string[];

/** A search term: every part must appear in the tweet. */
export interface Term {
  parts: TermPart[];
}

const WORD_CHARS = /^[\p{L}\p{N}_]+$/u;
const SPLIT = /[^\p{L}\p{N}_]+/u;
const OPERATOR_WORDS = new Set(['or', 'and', 'not']);

/**
 * Parses a term as written in config or a chat command: `вакансия backend`, `"code review"`,
 * `"product manager" hiring`. Quotes are syntax; everything else is reduced to words, so X operators
 * (`from:`, `-word`, `OR`, parentheses) never pass through: a user can add words, never change a query.
 */
export function parseTerm(input: string): Term {
  const parts: TermPart[] = [];
  for (const match of input.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    if (match[1] !== undefined) {
      const words = splitWords(match[1]);
      if (words.length > 0) parts.push(words);
    } else if (match[2] !== undefined) {
      for (const word of splitWords(match[2])) parts.push([word]);
    }
  }
  if (parts.length === 0) {
    throw new KestrelError('INPUT_INVALID', `"${input}" has no words to search for`, { details: { input } });
  }
  return { parts };
}

/** Lower-cased words of a text as X matches them: runs of letters, digits and underscores. */
export function splitWords(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    let inWord: boolean;
    if (c < 0x80) inWord = ASCII_WORD[c] === 1;
    else if (c >= 0xd800 && c < 0xdc00 && isLowSurrogate(lower.charCodeAt(i + 1))) {
      // An astral character (a pair of surrogates): the Unicode regex decides, rarely.
      inWord = !SPLIT.test(lower.slice(i, i + 2));
      if (inWord && start < 0) start = i;
      if (!inWord && start >= 0) {
        words.push(lower.slice(start, i));
        start = -1;
      }
      i++;
      continue;
    } else inWord = bmpWordChar(c);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) words.push(lower.slice(start));
  return words;
}

const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) =>
  /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0,
);
/** Word-ness of BMP characters above ASCII, filled in on first sight: 0 unknown, 1 word, 2 separator. */
const BMP_WORD = new Uint8Array(0x10000);

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c < 0xe000;
}

function bmpWordChar(c: number): boolean {
  let kind = BMP_WORD[c] as number;
  if (kind === 0) {
    kind = SPLIT.test(String.fromCharCode(c)) ? 2 : 1;
    BMP_WORD[c] = kind;
  }
  return kind === 1;
}

/** Renders a term as an X query clause that is safe to join with OR. */
export function renderTerm(term: Term): string {
  const parts = term.parts.map(renderPart);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' ')})`;
}

/** One word, or a run of words as a "quoted phrase", as X query syntax. */
export function renderRun(words: readonly string[]): string {
  return renderPart(words as TermPart);
}

function renderPart(words: TermPart): string {
  if (words.length > 1) return `"${words.join(' ')}"`;
  const word = words[0] as string;
  return WORD_CHARS.test(word) && !OPERATOR_WORDS.has(word) ? word : `"${word}"`;
}
