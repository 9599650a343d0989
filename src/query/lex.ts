/**
 * Splits a query into tokens with their positions (1-based, in characters of the text as typed). Typographic
 * quotes count as `"`. Nothing here interprets words: that is the parser's job.
 */
import type { QueryProblem } from './problems.js';

export type QueryToken =
  | { kind: 'open'; at: number }
  | { kind: 'close'; at: number }
  /** A `-` directly before a term, a quote or a parenthesis. */
  | { kind: 'minus'; at: number }
  /** The inside of a pair of quotes. */
  | { kind: 'quoted'; text: string; at: number }
  /** A run of characters other than spaces, quotes and parentheses. */
  | { kind: 'bare'; text: string; at: number };

const QUOTES = new Set(['"', '“', '”', '„', '‟', '«', '»', '″']);
const SPACE = /[\s\p{Cc}\p{Cf}\u2028\u2029]/u;

/** The tokens of `text`, or the problem (an unclosed quote). */
export function lexQuery(text: string): { tokens: QueryToken[] } | { problem: QueryProblem } {
  const chars = [...text];
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    const at = i + 1;
    if (SPACE.test(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ kind: 'open', at });
      i++;
    } else if (c === ')') {
      tokens.push({ kind: 'close', at });
      i++;
    } else if (QUOTES.has(c)) {
      let j = i + 1;
      while (j < chars.length && !QUOTES.has(chars[j] as string)) j++;
      if (j >= chars.length) return { problem: { kind: 'unclosed_quote', operator: c, at } };
      tokens.push({ kind: 'quoted', text: chars.slice(i + 1, j).join(''), at });
      i = j + 1;
    } else if (c === '-' && i + 1 < chars.length && !SPACE.test(chars[i + 1] as string)) {
      tokens.push({ kind: 'minus', at });
      i++;
    } else {
      let j = i;
      while (j < chars.length) {
        const d = chars[j] as string;
        if (SPACE.test(d) || d === '(' || d === ')' || QUOTES.has(d)) break;
        j++;
      }
      tokens.push({ kind: 'bare', text: chars.slice(i, j).join(''), at });
      i = j;
    }
  }
  return { tokens };
}
