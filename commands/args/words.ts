import { parseTerm, type Term } from '../../src/planner/terms.js';

/** One argument as typed: a run of non-spaces, or the text between a pair of double quotes. */
export interface Token {
  text: string;
  /** Written in quotes: never read as a keyword, flag or operator, and searched as a phrase. */
  quoted: boolean;
}

/** Typographic quotes that phones and keyboards put in place of `"`: “…”, „…“, «…», ″…″. */
const FANCY_QUOTES = /[“”„‟«»″]/gu;

/** X's boolean operators when typed in capitals, as X reads them. */
const OPERATOR_WORDS: ReadonlySet<string> = new Set(['OR', 'AND', 'NOT']);

/** Replaces typographic quotes with `"` and non-breaking spaces with plain ones. */
export function normalizeQuotes(input: string): string {
  return input.replace(FANCY_QUOTES, '"').replace(/[\u00a0\u2007\u202f]/gu, ' ');
}

/**
 * Splits command arguments into tokens: words separated by spaces, or `"quoted phrases"`. A quote
 * without its pair is not syntax: it stays part of its word (and is dropped later as punctuation).
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalizeQuotes(input).matchAll(/"([^"]*)"|(\S+)/gu)) {
    if (match[1] !== undefined) tokens.push({ text: match[1].trim().replace(/\s+/gu, ' '), quoted: true });
    else if (match[2] !== undefined) tokens.push({ text: match[2], quoted: false });
  }
  return tokens;
}

/** The first word, lower-cased (a subcommand such as `add`), and the rest of the arguments as typed. */
export function splitSubcommand(args: string): { sub: string; rest: string } {
  const trimmed = args.trim();
  const space = trimmed.search(/\s/u);
  if (space < 0) return { sub: trimmed.toLowerCase(), rest: '' };
  return { sub: trimmed.slice(0, space).toLowerCase(), rest: trimmed.slice(space + 1).trim() };
}

/** Whether a token is an unquoted X boolean operator (`OR`, `AND`, `NOT` in capitals). */
export function isOperatorWord(token: Token): boolean {
  return !token.quoted && OPERATOR_WORDS.has(token.text);
}

/**
 * The search term of some tokens, through {@link parseTerm}: a quoted token is one phrase, an unquoted
 * one is reduced to its words, so X operators (`from:`, `-word`, parentheses, stray quotes) are
 * neutralised. Each token is parsed on its own, so quotes never pair up across tokens. Null when no
 * word is left.
 */
export function termOfTokens(tokens: readonly Token[]): Term | null {
  const parts = tokens.flatMap((token) => termOfToken(token)?.parts ?? []);
  return parts.length > 0 ? { parts } : null;
}

/** The search term of one token, or null when it holds no word (`-`, `(`, `""`). */
export function termOfToken(token: Token): Term | null {
  const source = token.quoted ? `"${token.text}"` : token.text.replaceAll('"', ' ');
  if (!/[\p{L}\p{N}_]/u.test(source)) return null;
  return parseTerm(source);
}

/**
 * A term written back as the term syntax of config and watches: words as they are, phrases in quotes.
 * `parseTerm(canonicalTerm(t))` gives `t` again, and the text holds nothing but words, spaces and quotes.
 */
export function canonicalTerm(term: Term): string {
  return term.parts.map((part) => (part.length > 1 ? `"${part.join(' ')}"` : (part[0] ?? ''))).join(' ');
}
