/**
 * What a brand alias may be, the same from the config file as from `/watch add brand`: a name of words, an
 * X `@username`, a `#hashtag` or a domain. Anything else could carry search operators into a query.
 */
const USERNAME = /^@?([A-Za-z0-9_]{1,15})$/u;
const HASHTAG = /^#[\p{L}\p{N}_]{1,50}$/u;
const DOMAIN = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;
const NAME_WORDS = /^[\p{L}\p{N}][\p{L}\p{N} '’&+-]*$/u;

/** Longest alias or brand name. */
export const MAX_ALIAS = 50;

/** The X username in `@name` or `name` (letters, digits, _; at most 15), or null. */
export function usernameOf(text: string): string | null {
  return USERNAME.exec(text)?.[1] ?? null;
}

export function isDomain(text: string): boolean {
  return DOMAIN.test(text);
}

/** Words a brand name may be made of (letters, digits, spaces, - ' & +), up to {@link MAX_ALIAS}. */
export function isNameWords(text: string): boolean {
  return text.length <= MAX_ALIAS && NAME_WORDS.test(text);
}

/** True when `alias` is a name, `@username`, `#hashtag` or domain of at most {@link MAX_ALIAS} characters. */
export function isValidAlias(alias: string): boolean {
  if (alias.length > MAX_ALIAS) return false;
  if (alias.startsWith('@')) return USERNAME.test(alias);
  if (alias.startsWith('#')) return HASHTAG.test(alias);
  return DOMAIN.test(alias) || NAME_WORDS.test(alias);
}

/** Why an alias is refused, for the config error and the chat reply. */
export const ALIAS_RULE =
  'use a word or words (up to 50 characters), @username (letters, digits and _, at most 15), #hashtag or a domain like example.com';
