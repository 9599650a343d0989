/**
 * Does a vacancy match a person's job alert? Pure rules over what the classifier read in the tweet:
 *
 * - keywords: every keyword must appear; words compare by their Snowball stems, so "разработчик" finds
 *   "разработчика" and "developer" finds "developers"; a keyword with a space is a phrase (its words in a
 *   row); hyphenated words match whole or by their parts ("backend-разработчика" has "разработчик"), and
 *   hashtags count as words ("#golang" has "golang");
 * - remote: only vacancies read as fully remote pass (hybrid and office do not);
 * - salary: see {@link salaryPasses} — monthly amounts, converted with the configured rates;
 * - location: the place the classifier found, or any name of the filter's place in the text, in either
 *   script ("in Moscow" finds "в Москве"); a location the gazetteer does not know is matched as a phrase.
 */
import gazetteer from '../classify/data/locations.json' with { type: 'json' };
import { findLocation } from '../classify/location.js';
import type { Salary } from '../classify/salary.js';
import { stem, tokenize } from '../classify/text.js';
import type { JobCriteria } from '../store/subscription-store.js';
import { type CurrencyRates, convertAmount, monthlyAmount } from './currency.js';

/** What matching needs of a vacancy. */
export interface MatchableVacancy {
  text: string;
  salary: Salary | null;
  /** `remote`, `hybrid`, `office` or null when the tweet does not say. */
  remote: string | null;
  /** The place the classifier read (a gazetteer name), or null. */
  location: string | null;
}

/** The words of a text as stems: in order (hyphenated words as their parts) and as a set (also whole). */
export interface TextWords {
  sequence: string[];
  set: Set<string>;
}

/** A vacancy ready to be matched against many alerts: its words are stemmed once. */
export interface PreparedVacancy extends MatchableVacancy {
  words: TextWords;
}

/** Stems the words of a text once, for {@link matchesJob}. */
export function prepareVacancy(vacancy: MatchableVacancy): PreparedVacancy {
  return { ...vacancy, words: wordsOf(vacancy.text) };
}

/** The text's words (and numbers, and hashtags without `#`) as stems. */
export function wordsOf(text: string): TextWords {
  const sequence: string[] = [];
  const set = new Set<string>();
  for (const token of tokenize(text)) {
    if (token.kind === 'number') {
      sequence.push(token.text);
      continue;
    }
    if (token.kind !== 'word' && token.kind !== 'hashtag') continue;
    const word = token.kind === 'hashtag' ? token.text.slice(1) : token.text;
    if (token.parts && token.parts.length > 1) {
      set.add(stem(word));
      set.add(stem(token.parts.join('')));
      for (const part of token.parts) sequence.push(stem(part));
    } else {
      sequence.push(stem(word));
    }
  }
  for (const s of sequence) set.add(s);
  return { sequence, set };
}

interface KeywordPattern {
  /** The keyword's stems in a row, hyphenated words split into parts. */
  sequence: string[];
  /** For a single hyphenated word: its whole stem and its parts joined ("full-stack" → "fullstack"). */
  whole: string[];
}

const KEYWORD_CACHE_MAX = 10_000;
const keywordCache = new Map<string, KeywordPattern>();

function keywordPattern(keyword: string): KeywordPattern {
  const cached = keywordCache.get(keyword);
  if (cached) return cached;
  const words = wordsOf(keyword);
  const tokens = tokenize(keyword).filter((t) => t.kind === 'word' || t.kind === 'hashtag');
  const single = tokens.length === 1 ? tokens[0] : undefined;
  const whole =
    single?.parts && single.parts.length > 1 ? [stem(single.text), stem(single.parts.join(''))] : [];
  const pattern = { sequence: words.sequence, whole };
  if (keywordCache.size >= KEYWORD_CACHE_MAX) keywordCache.clear();
  keywordCache.set(keyword, pattern);
  return pattern;
}

/** True when the keyword (a word or a phrase) appears among the words, compared by stems. */
export function keywordMatches(words: TextWords, keyword: string): boolean {
  const pattern = keywordPattern(keyword);
  if (pattern.sequence.length === 0) return false;
  if (pattern.whole.some((w) => words.set.has(w))) return true;
  if (pattern.sequence.length === 1) return words.set.has(pattern.sequence[0] as string);
  return containsRun(words.sequence, pattern.sequence);
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The salary condition. Without one, every vacancy passes. With one, the vacancy must state a salary
 * whose upper bound (the lower one when there is no upper) — brought to a month (÷ 12 per year, × 168
 * per hour; an unstated period counts as monthly) and converted to the filter's currency — is at least
 * the filter's minimum, which is read as monthly. A vacancy without a salary, or whose currency is
 * unknown or has no configured rate, does not pass: we cannot tell that it pays enough.
 */
export function salaryPasses(salary: Salary | null, criteria: JobCriteria, rates: CurrencyRates): boolean {
  if (criteria.minSalary === null) return true;
  if (!salary) return false;
  const amount = salary.max ?? salary.min;
  if (amount === null || salary.currency === null) return false;
  const monthly = monthlyAmount(amount, salary.period);
  const target = criteria.salaryCurrency ?? salary.currency;
  const converted = convertAmount(monthly, salary.currency, target, rates);
  // A hair of tolerance so that 5,000 USD ≥ 450,000 RUB survives floating-point rates.
  return converted !== null && converted >= criteria.minSalary * (1 - 1e-9);
}

/** The remote condition: with `remote` in the filter, only vacancies read as fully remote pass. */
export function remotePasses(remote: string | null, remoteOnly: boolean): boolean {
  return !remoteOnly || remote === 'remote';
}

/**
 * The location condition: the vacancy's place is the filter's place (in either script), or the text
 * names it anywhere ("Москва или Питер" passes "in Saint Petersburg"). A location unknown to the
 * gazetteer is looked for as a phrase. Vacancies that name no place do not pass a location filter.
 */
export function locationPasses(vacancy: PreparedVacancy, location: string | null): boolean {
  if (location === null || location.trim() === '') return true;
  const place = placeOf(location);
  if (!place) return keywordMatches(vacancy.words, location);
  if (vacancy.location !== null && placeOf(vacancy.location) === place) return true;
  return textMentionsPlace(vacancy.text, place);
}

/** True when the vacancy passes every condition of the alert. */
export function matchesJob(vacancy: PreparedVacancy, criteria: JobCriteria, rates: CurrencyRates): boolean {
  return (
    remotePasses(vacancy.remote, criteria.remoteOnly) &&
    criteria.keywords.every((k) => keywordMatches(vacancy.words, k)) &&
    salaryPasses(vacancy.salary, criteria, rates) &&
    locationPasses(vacancy, criteria.location)
  );
}

// ---- places --------------------------------------------------------------------------------------------------

interface Place {
  ru: string;
  en: string;
  aliases: string[];
  exact: string[];
}

const fold = (s: string): string => s.toLowerCase().replace(/ё/gu, 'е').replace(/\s+/gu, ' ').trim();
const PLACES: readonly Place[] = gazetteer.locations;
const PLACE_BY_NAME = new Map<string, Place>();
for (const place of PLACES) {
  for (const name of [place.ru, place.en, ...place.aliases]) PLACE_BY_NAME.set(fold(name), place);
}
const PLACE_BY_EXACT = new Map<string, Place>();
for (const place of PLACES) for (const name of place.exact) PLACE_BY_EXACT.set(name, place);

/** The gazetteer place a name stands for (`Moscow`, `Москва`, `в Питере`, `СПб`), or null. */
function placeOf(name: string): Place | null {
  const direct = PLACE_BY_NAME.get(fold(name)) ?? PLACE_BY_EXACT.get(name.trim());
  if (direct) return direct;
  const found = findLocation(name);
  return found === null ? null : (PLACE_BY_NAME.get(fold(found)) ?? PLACE_BY_EXACT.get(found) ?? null);
}

const escapeAlias = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/\s+/gu, '\\s+');
const mentionCache = new Map<Place, { aliases: RegExp; exact: RegExp | null }>();

/** True when the text names the place by any of its aliases (case-insensitive) or exact abbreviations. */
function textMentionsPlace(text: string, place: Place): boolean {
  let res = mentionCache.get(place);
  if (!res) {
    const names = [...new Set([place.ru, place.en, ...place.aliases].map(fold))].sort(
      (a, b) => b.length - a.length,
    );
    res = {
      aliases: new RegExp(`(?<![\\p{L}\\d])(?:${names.map(escapeAlias).join('|')})(?![\\p{L}\\d])`, 'iu'),
      exact:
        place.exact.length > 0
          ? new RegExp(`(?<![\\p{L}\\d])(?:${place.exact.map(escapeAlias).join('|')})(?![\\p{L}\\d])`, 'u')
          : null,
    };
    mentionCache.set(place, res);
  }
  return res.aliases.test(text.replace(/ё/gu, 'е').replace(/Ё/gu, 'Е')) || (res.exact?.test(text) ?? false);
}
