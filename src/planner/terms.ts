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
  return text
    .toLowerCase()
    .split(SPLIT)
    .filter((w) => w.length > 0);
}

/** Renders a term as an X query clause that is safe to join with OR. */
export function renderTerm(term: Term): string {
  const parts = term.parts.map(renderPart);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' ')})`;
}

function renderPart(words: TermPart): string {
  if (words.length > 1) return `"${words.join(' ')}"`;
  const word = words[0] as string;
  return WORD_CHARS.test(word) && !OPERATOR_WORDS.has(word) ? word : `"${word}"`;
}
