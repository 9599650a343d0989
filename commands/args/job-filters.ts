import type { Lang, Localized } from '../../src/chat/i18n.js';
import { formatNumber } from '../../src/chat/i18n.js';
import { findLocation } from '../../src/classify/location.js';
import { SYMBOL_CODES } from '../../src/classify/salary.js';
import { describeProblem } from '../../src/query/problems.js';
import { termsOfQuery } from '../../src/query/terms-of.js';
import type { JobCriteria } from '../../src/store/subscription-store.js';
import { isOperatorWord, type Token, termOfTokens, tokenize } from './words.js';

/** What a person's job alert asks for (the store's criteria). */
export type JobFilter = JobCriteria;

/** A parsed filter, or what could not be understood (naming the filter as typed), in both languages. */
export type JobFilterResult = { ok: true; filter: JobFilter } | { ok: false; problem: Localized };

/** Most keywords one alert may have. */
export const MAX_KEYWORDS = 8;
const MAX_KEYWORD_LENGTH = 60;
const MAX_LOCATION_LENGTH = 60;
const MAX_LOCATION_WORDS = 4;

const REMOTE = /^(?:remote|удал[её]нно|удал[её]нка)$/iu;
const IN = /^(?:in)$/iu;
const SALARY = /^(?:salary|зп|зарплата)(?<rest>.*)$/iu;
const COMPARATOR = /^(?:>=|=>|≥|<=|=<|≤|=|>|<)/u;
const KEY_VALUE = /^[\p{L}\p{N}_-]*(?:>=|=>|≥|<=|=<|≤|=|>|<)/u;
const DIGIT_GROUP = /^\d{3}(?:[.,]\d{1,2})?$/u;
const MULTIPLIER_WORD = /^(?:k|к|тыс\.?|тысяч|млн\.?|mln|m)$/iu;
const AMOUNT =
  /^(?<pre>US\$|[$€£₽₸₴₾₺֏]|[A-Za-z]{3}(?=\s?\d))?\s?(?<num>\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?)\s?(?<mult>(?:k|к|тыс|тысяч|млн|mln|m)(?!\p{L})\.?)?\s?(?<post>\S+)?$/iu;

const ISO_CODES: ReadonlySet<string> = new Set(
  'RUB USD EUR GBP KZT BYN UAH GEL AMD TRY AED CHF PLN RSD CAD AUD ILS CZK CNY JPY INR SEK NOK DKK UZS KGS AZN HUF RON BGN SGD HKD THB'.split(
    ' ',
  ),
);
const WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:rur|р|руб|рубл[ьяей]|рублей)$/u, 'RUB'],
  [/^(?:долл|доллар(?:ов|а|ы)?|бакс(?:ов|а|ы)?|dollars?)$/u, 'USD'],
  [/^(?:евро|euros?)$/u, 'EUR'],
  [/^(?:фунт(?:ов|а)?|pounds?)$/u, 'GBP'],
  [/^тенге$/u, 'KZT'],
  [/^(?:грн|гривн[аыя]?|гривен)$/u, 'UAH'],
];

/** The ISO 4217 code a currency token stands for (`₽`, `$`, `rub`, `руб.`, `евро`, `USD`), or null. */
export function currencyCode(token: string): string | null {
  const lower = token.trim().toLowerCase().replace(/\.$/u, '');
  const symbol = SYMBOL_CODES[lower];
  if (symbol) return symbol;
  if (ISO_CODES.has(lower.toUpperCase())) return lower.toUpperCase();
  for (const [re, code] of WORDS) if (re.test(lower)) return code;
  return null;
}

/** Reads `200k RUB`, `200 000 ₽`, `5k USD`, `$5000`, `€4k`, `1.5 млн руб`: an amount with its currency. */
export function parseAmount(
  text: string,
): { amount: number; currency: string } | { problem: Localized; missingCurrency?: true } {
  const m = AMOUNT.exec(text.trim());
  const g = m?.groups;
  if (!g?.num) {
    return /\d/u.test(text)
      ? { problem: { en: `"${text}" is not an amount I can read`, ru: `«${text}» — не понятная мне сумма` } }
      : { problem: { en: `"${text}" is not a number`, ru: `«${text}» — не число` } };
  }
  const pre = g.pre ? currencyCode(g.pre) : null;
  const post = g.post ? currencyCode(g.post) : null;
  const unknown = (g.pre && !pre ? g.pre : null) ?? (g.post && !post ? g.post : null);
  if (unknown) {
    return {
      problem: {
        en: `"${unknown}" is not a currency; use a code (RUB, USD, EUR, GBP, KZT…) or a sign (₽, $, €, £)`,
        ru: `«${unknown}» — не валюта; укажите код (RUB, USD, EUR, GBP, KZT…) или знак (₽, $, €, £)`,
      },
    };
  }
  if (pre && post && pre !== post) {
    return { problem: { en: `two currencies: ${pre} and ${post}`, ru: `две валюты: ${pre} и ${post}` } };
  }
  const currency = pre ?? post;
  if (!currency) {
    return {
      missingCurrency: true,
      problem: {
        en: `no currency; add one, e.g. ${text} RUB or ${text} USD`,
        ru: `нет валюты; добавьте её, например ${text} RUB или ${text} USD`,
      },
    };
  }
  const grouped = /^\d{1,3}(?:[ ,.]\d{3})+$/u.test(g.num);
  let amount = Number(grouped ? g.num.replace(/[ ,.]/gu, '') : g.num.replace(',', '.'));
  const mult = g.mult?.toLowerCase().replace(/\.$/u, '');
  if (mult) amount *= /^(?:m|млн|mln)$/u.test(mult) ? 1_000_000 : 1000;
  amount = Math.round(amount * 100) / 100;
  if (!(amount > 0) || amount > 1e9) {
    return { problem: { en: `${text} is not a sensible salary`, ru: `${text} — не похоже на зарплату` } };
  }
  return { amount, currency };
}

/**
 * Parses `/jobs add` arguments: `<keywords> [remote] [salary>=N CUR] [in <location>]`. Flags may stand
 * anywhere; after `salary>=N` the next word is its currency (unless the amount has one), and after `in`
 * the words up to the next filter are the location. Quoted words are always keywords. Anything that
 * looks like a filter but is not one (`salary>=abc`, `foo=bar`, `in` alone) is refused, by name.
 */
export function parseJobFilters(input: string): JobFilterResult {
  // The query grammar's refusals first (operator and position as typed); filters are words to it.
  const read = termsOfQuery(input, 'all', '/jobs add');
  if (!read.ok && read.problem.kind !== 'nothing')
    return { ok: false, problem: describeProblem(read.problem) };
  const tokens = tokenize(input);
  const keywords: Token[] = [];
  const filter: JobFilter = {
    keywords: [],
    remoteOnly: false,
    minSalary: null,
    salaryCurrency: null,
    location: null,
  };
  const fail = (problem: Localized): JobFilterResult => ({ ok: false, problem });
  const isFilterStart = (i: number): boolean => {
    const token = tokens[i];
    if (!token || token.quoted) return false;
    return (
      REMOTE.test(token.text) ||
      IN.test(token.text) ||
      salaryStart(tokens, i) > 0 ||
      KEY_VALUE.test(token.text)
    );
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.quoted) {
      keywords.push(token);
      continue;
    }
    if (REMOTE.test(token.text)) {
      filter.remoteOnly = true;
      continue;
    }
    if (IN.test(token.text)) {
      if (filter.location !== null) return fail(twice('in'));
      const words: string[] = [];
      // The location runs to the next filter; a quoted phrase after it is a keyword again.
      while (
        i + 1 < tokens.length &&
        !isFilterStart(i + 1) &&
        (words.length === 0 || !tokens[i + 1]?.quoted)
      ) {
        words.push((tokens[++i] as Token).text);
      }
      const location = checkLocation(words.join(' '));
      if (typeof location !== 'string') return fail(location);
      filter.location = location;
      continue;
    }
    const used = salaryStart(tokens, i);
    if (used > 0) {
      if (filter.minSalary !== null) return fail(twice('salary>='));
      const read = readSalary(tokens, i, used, isFilterStart);
      if ('problem' in read) return fail(read.problem);
      filter.minSalary = read.amount;
      filter.salaryCurrency = read.currency;
      i = read.last;
      continue;
    }
    if (KEY_VALUE.test(token.text)) {
      return fail({
        en: `Unknown filter "${token.text}". Filters: remote, salary>=N CUR, in <location>; put a word in quotes to search for it as is.`,
        ru: `Неизвестный фильтр «${token.text}». Фильтры: remote (удалёнка), salary>=N CUR, in <город>; слово в кавычках ищется как есть.`,
      });
    }
    if (isOperatorWord(token)) {
      return fail({
        en: `"${token.text}" is a search operator; all keywords must appear. For alternatives add another alert.`,
        ru: `«${token.text}» — оператор поиска; должны встретиться все слова. Для вариантов добавьте ещё одну подписку.`,
      });
    }
    keywords.push(token);
  }

  const term = termOfTokens(keywords);
  if (!term) {
    return fail({
      en: 'No keywords: give at least one word to look for, e.g. golang or "product manager".',
      ru: 'Нет ключевых слов: укажите хотя бы одно слово, например golang или "product manager".',
    });
  }
  filter.keywords = [...new Set(term.parts.map((p) => p.join(' ')))];
  if (filter.keywords.length > MAX_KEYWORDS) {
    return fail({
      en: `Too many keywords (${filter.keywords.length}); at most ${MAX_KEYWORDS}, and all of them must appear.`,
      ru: `Слишком много ключевых слов (${filter.keywords.length}); не больше ${MAX_KEYWORDS}, и встретиться должны все.`,
    });
  }
  const long = filter.keywords.find((k) => k.length > MAX_KEYWORD_LENGTH);
  if (long) {
    return fail({
      en: `The keyword "${long.slice(0, 20)}…" is longer than ${MAX_KEYWORD_LENGTH} characters.`,
      ru: `Ключевое слово «${long.slice(0, 20)}…» длиннее ${MAX_KEYWORD_LENGTH} символов.`,
    });
  }
  return { ok: true, filter };
}

/** How many tokens starting at `i` open a salary filter: 1 (`salary>=…`), 2 (`salary >=…`) or 0. */
function salaryStart(tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  if (!token || token.quoted) return 0;
  const rest = SALARY.exec(token.text)?.groups?.rest;
  if (rest === undefined) return 0;
  if (COMPARATOR.test(rest)) return 1;
  const next = tokens[i + 1];
  return rest === '' && next && !next.quoted && COMPARATOR.test(next.text) ? 2 : 0;
}

/**
 * Reads the salary filter opening at token `i` (`used` tokens: `salary>=…` or `salary >=…`): the amount,
 * digit groups (`200 000`), a separate multiplier (`200 тыс`) and, when the amount has no currency, the
 * next word as its currency. Returns the index of the last token read.
 */
function readSalary(
  tokens: readonly Token[],
  i: number,
  used: number,
  isFilterStart: (i: number) => boolean,
): { amount: number; currency: string; last: number } | { problem: Localized } {
  const head = tokens
    .slice(i, i + used)
    .map((t) => t.text)
    .join(' ');
  let last = i + used - 1;
  const rest = (SALARY.exec(head.replace(' ', ''))?.groups?.rest ?? '').trim();
  const comparator = COMPARATOR.exec(rest)?.[0] ?? '';
  if (!['>=', '=>', '≥'].includes(comparator)) {
    return {
      problem: filterProblem(head, { en: 'write it as salary>=N CUR', ru: 'пишите так: salary>=N CUR' }),
    };
  }
  const parts = rest.slice(comparator.length).trim() ? [rest.slice(comparator.length).trim()] : [];
  const next = (): string | null => {
    const token = tokens[last + 1];
    return token && !token.quoted && !isFilterStart(last + 1) ? token.text : null;
  };
  const take = (): void => {
    parts.push(tokens[++last]?.text ?? '');
  };
  if (parts.length === 0 && next() !== null) take();
  const endsInDigit = () => /\d$/u.test(parts.at(-1) ?? '');
  while (endsInDigit() && DIGIT_GROUP.test(next() ?? '')) take();
  if (endsInDigit() && MULTIPLIER_WORD.test(next() ?? '')) take();
  if (parts.length === 0) {
    return { problem: filterProblem(head, { en: 'the amount is missing', ru: 'не указана сумма' }) };
  }
  let read = parseAmount(parts.join(' '));
  const following = next();
  // Without a currency the next word must be one; with one, a currency word after it is read (and checked) too.
  if (following !== null && ('missingCurrency' in read || ('amount' in read && currencyCode(following)))) {
    take();
    read = parseAmount(parts.join(' '));
  }
  if ('problem' in read) return { problem: filterProblem(`salary>=${parts.join(' ')}`, read.problem) };
  return { ...read, last };
}

function checkLocation(text: string): string | Localized {
  if (!text) {
    return {
      en: '"in" needs a location after it, e.g. in Berlin or in "New York".',
      ru: 'После «in» нужен город или страна, например in Москва или in "Нижний Новгород".',
    };
  }
  const words = text.split(' ').length;
  if (
    text.length > MAX_LOCATION_LENGTH ||
    words > MAX_LOCATION_WORDS ||
    !/^[\p{L}\p{N}][\p{L}\p{N} .,'’-]*$/u.test(text)
  ) {
    return filterProblem(`in ${text}`, {
      en: `a location is up to ${MAX_LOCATION_WORDS} words of letters, e.g. Berlin or "Saint Petersburg"`,
      ru: `место — до ${MAX_LOCATION_WORDS} слов из букв, например Москва или "Нижний Новгород"`,
    });
  }
  return findLocation(text) ?? text;
}

function twice(name: string): Localized {
  return { en: `The filter ${name} is given twice.`, ru: `Фильтр ${name} указан дважды.` };
}

function filterProblem(typed: string, why: Localized): Localized {
  return {
    en: `Cannot read the filter "${typed}": ${why.en}.`,
    ru: `Не понял фильтр «${typed}»: ${why.ru}.`,
  };
}

/** A filter in a line: `golang "senior developer" · remote · salary ≥ 200,000 RUB · in Berlin`. */
export function describeJobFilter(filter: JobFilter, lang: Lang): string {
  const parts = [filter.keywords.map((k) => (k.includes(' ') ? `"${k}"` : k)).join(' ')];
  if (filter.remoteOnly) parts.push(lang === 'ru' ? 'удалённо' : 'remote');
  if (filter.minSalary !== null) {
    const amount = `${formatNumber(lang, filter.minSalary)} ${filter.salaryCurrency ?? ''}`.trim();
    parts.push(lang === 'ru' ? `зарплата от ${amount}` : `salary ≥ ${amount}`);
  }
  if (filter.location) parts.push(lang === 'ru' ? `место: ${filter.location}` : `in ${filter.location}`);
  return parts.join(' · ');
}
