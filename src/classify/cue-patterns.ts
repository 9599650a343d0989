/**
 * Pattern cues read from the normalised text or the token stream rather than single words: money amounts
 * (salary or price), discounts, promo codes, phones, years of experience, job-board links, contact
 * requests and the shape of link-only spam.
 */
import type { Token } from './text.js';

/** Names of the pattern cues. */
export const PATTERN_CUES = [
  'salary',
  'budget',
  'price',
  'percentOff',
  'promoCode',
  'phone',
  'experience',
  'jobLink',
  'contact',
  'question',
  'url',
  'linkSpam',
  'manyHashtags',
  'reply',
  'adMarker',
] as const;

export type PatternCue = (typeof PATTERN_CUES)[number];

/** A pattern cue found in a text, with the normalised snippet that showed it. */
export interface PatternHit {
  cue: PatternCue;
  evidence: string;
}

const AMOUNT = '\\d{1,3}(?:[ .,\\u00a0\\u202f]\\d{3})+|\\d+(?:[.,]\\d+)?';
const MULT = '(?:(?<=\\d)(?:k|к|m)|\\s?(?:тыс\\.?|т\\.\\s?р\\.?|тр|тысяч\\p{L}*|млн|mln))';
const CURRENCY = '(?:₽|руб(?:лей|ля|\\.)?|р\\.|rub|\\$|usd|€|eur|евро|долл\\p{L}*|£|gbp)';
const MONEY = new RegExp(
  `(?:(от|до|from|up to|всего за|всего|только|за|from just|only)\\s)?` +
    `(?:([$€£])\\s?(${AMOUNT})(${MULT})?|(${AMOUNT})(?:\\s?[-–—]\\s?(?:${AMOUNT}))?(${MULT})?\\s?(${CURRENCY})?)` +
    '(?![\\p{L}\\p{N}])',
  'gu',
);
const NB = '(?![\\p{L}\\p{N}])';
const SALARY_CONTEXT = new RegExp(
  `(?:зп|з/п|зарплат|оклад|вилк|оффер|offer|salary|compensation|comp${NB}|base${NB}|на руки|gross|net${NB}|` +
    `/\\s?(?:мес|month|mo|year|yr|год)${NB}|в месяц|per (?:month|year|annum)|a year|в год|k\\s?\\+\\s?equity)`,
  'u',
);
const BUDGET_CONTEXT = new RegExp(
  `(?:бюджет|budget|заплачу|оплачу|оплата|оплачиваю|pay|paying|will pay|/\\s?(?:час|hour|hr|h)${NB}|в час|per hour|an hour|за проект|за задачу|per project|fixed)`,
  'u',
);
const PRICE_CONTEXT =
  /(?:всего|цен[аыу]|стоимост|price|only|just|за штуку|купить|buy|доставк|скидк|sale|was|вместо|курс|course|рассрочк|now)/u;
const LOAN_CONTEXT = /(?:кредит|займ|заем|ипотек|loan|mortgage|годовых)/u;
const FINANCE_NEWS =
  /(?:raise[sd]?|raising|funding|series [a-e]|round|valuation|revenue|привлек|раунд|инвестици|выручк|оценк|капитализац|млрд|billion|bn|users|пользовател|средн|average|median|медиан)/u;

const PERCENT_OFF =
  /(?:(?:^|\s)[-−–]\s?\d{1,2}\s?%|\d{1,2}\s?%\s?(?:off|скидк\p{L}*|discount)|(?:скидк\p{L}*|sale|discount|off|выгод\p{L}*)\s(?:до\s|up to\s|в\s)?\d{1,2}\s?%)/u;
const PROMO_CODE =
  /(?:промо-?код\p{L}*|promo ?code|coupon|купон\p{L}*|(?:use |with |enter )?code:?\s[«"']?[a-z0-9_-]{3,}[»"']?|код[уа]?:?\s[«"']?[a-z0-9_-]{4,})/u;
const PHONE = /(?:\+7|\+375|\+380|(?<![\d])8)[\s(.-]*\d{3}[\s).-]*\d{3}[\s.-]*\d{2}[\s.-]*\d{2}(?!\d)/u;
const EXPERIENCE =
  /(?:опыт\p{L}*(?:\s[\p{L}-]+){0,3}\s(?:от\s|не менее\s|более\s)?\d+(?:[.,]\d)?\+?\s?(?:[-–]\s?\d+\s?)?(?:год|лет|г\.)|(?:от\s)?\d+\+?\s?(?:год\p{L}*|лет)\s(?:коммерческого\s)?опыт|\d+\+?\s?(?:years?|yrs?|yoe)(?:\sof)?(?:\s[\p{L}-]+){0,2}\s(?:experience|exp)(?![\p{L}])|\d+\+\s?(?:years?|yrs?|yoe)(?![\p{L}]))/u;
const JOB_LINK =
  /(?:^|\/\/|\.)(?:hh\.ru|headhunter|superjob|rabota|trudvsem|career\.habr|getmatch|geekjob|djinni|lever\.co|greenhouse\.io|workable|wellfound|indeed|glassdoor|linkedin\.com\/jobs|jobs?\.|careers?\.)|\/(?:jobs?|careers?|vacanc\p{L}*|vakansi\p{L}*|вакансии|join-us|hiring)(?:[/?#]|$)/u;
const CONTACT =
  /(?:(?:пиши|пишите|напиши|напишите|стучите|стучи|обращайтесь|write|dm|message|ping|reach out)(?:\s(?:мне|me|нам|us|to me))?(?:\s(?:в|на|in|via))?\s(?:лс|личк\p{L}*|личные|личку|директ|direct|tg|тг|телеграм\p{L}*|telegram|dm|dms|whatsapp|ватсап\p{L}*|почту|email|e-mail)|(?:^|\s)в лс(?=$|[\s.,!)])|контакты в|резюме на|cv to|dm me|dms? (?:are )?open)/u;
/** The Russian legal ad label («Реклама.», «Реклама. ООО …») or an English «Ad.» / «#ad». */
const AD_MARKER =
  /(?:^|[.!?]\s)(?:реклама|ad)(?:\.|$)|(?:^|\s)(?:реклама|ad)\.\s(?:ооо|ип|ао|erid)|erid:?\s?\S+/u;
const SENTENCE_PUNCT = new Set(['.', ',', '!', '?', ':', ';', '—', '–']);

/**
 * Finds the pattern cues of a text. `normalized` is `normalizeText(original)`; `tokens` is
 * `tokenize(original)`; `stopCount` is how many word tokens are stop words.
 */
export function findPatternCues(
  normalized: string,
  tokens: readonly Token[],
  stopCount: number,
): PatternHit[] {
  const hits: PatternHit[] = [];
  const digits = DIGIT.test(normalized);
  if (digits) findMoney(normalized, hits);
  for (const [cue, re, may] of REGEX_CUES) {
    if (!may(normalized, digits)) continue;
    const m = re.exec(normalized);
    if (m) hits.push({ cue, evidence: m[0].trim() });
  }
  findTokenShapes(tokens, stopCount, hits);
  return hits;
}

const DIGIT = /\d/;

/**
 * Each regex cue with a cheap test that every match implies (a `%`, a digit, a keyword), so that most
 * texts skip most regexes.
 */
const REGEX_CUES: ReadonlyArray<readonly [PatternCue, RegExp, (s: string, digits: boolean) => boolean]> = [
  ['percentOff', PERCENT_OFF, (s) => s.includes('%')],
  [
    'promoCode',
    PROMO_CODE,
    (s) => s.includes('код') || s.includes('code') || s.includes('coupon') || s.includes('купон'),
  ],
  ['phone', PHONE, (_s, digits) => digits],
  ['experience', EXPERIENCE, (_s, digits) => digits],
  ['contact', CONTACT, () => true],
  ['adMarker', AD_MARKER, (s) => s.includes('ad') || s.includes('реклама') || s.includes('erid')],
];

/** Salary, budget and price amounts; `normalized` has a digit. */
function findMoney(normalized: string, hits: PatternHit[]): void {
  const re = MONEY;
  re.lastIndex = 0;
  let salary: string | undefined;
  let budget: string | undefined;
  let price: string | undefined;
  for (let m = re.exec(normalized); m !== null; m = re.exec(normalized)) {
    const prefix = m[1];
    const currency = m[2] ?? m[7];
    const mult = m[4] ?? m[6];
    if (currency === undefined && mult === undefined) continue;
    const value = parseAmount(m[3] ?? m[5] ?? '0') * multiplier(mult);
    const isRange = m[5] !== undefined && /\d\s?[-–—]\s?\d/.test(m[0]);
    const before = normalized.slice(Math.max(0, m.index - 40), m.index);
    const around = before + normalized.slice(m.index, m.index + m[0].length + 25);
    const evidence = m[0].trim();
    if (LOAN_CONTEXT.test(around) || FINANCE_NEWS.test(around)) continue;
    const bounded = isRange || prefix === 'от' || prefix === 'до' || prefix === 'from' || prefix === 'up to';
    if (BUDGET_CONTEXT.test(around)) budget ??= evidence;
    else if (SALARY_CONTEXT.test(around)) salary ??= evidence;
    else if (PRICE_CONTEXT.test(around)) price ??= evidence;
    else if (currency === undefined && !bounded) continue;
    else if (value >= 30_000 && value < 2_000_000) salary ??= evidence;
    else if (currency !== undefined && value < 30_000) price ??= evidence;
  }
  if (salary !== undefined) hits.push({ cue: 'salary', evidence: salary });
  if (budget !== undefined) hits.push({ cue: 'budget', evidence: budget });
  if (price !== undefined) hits.push({ cue: 'price', evidence: price });
}

function parseAmount(raw: string): number {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  return Number(compact.replace(',', '.'));
}

function multiplier(mult: string | undefined): number {
  if (mult === undefined) return 1;
  return /^\s?(?:млн|m|mln)$/.test(mult) ? 1_000_000 : 1000;
}

function findTokenShapes(tokens: readonly Token[], stopCount: number, hits: PatternHit[]): void {
  let urls = 0;
  let words = 0;
  let hashtags = 0;
  let sentencePunct = 0;
  let question: string | undefined;
  let jobLink: string | undefined;
  for (const t of tokens) {
    if (t.kind === 'url') {
      urls++;
      if (jobLink === undefined && JOB_LINK.test(t.text)) jobLink = t.text;
    } else if (t.kind === 'word') words++;
    else if (t.kind === 'hashtag') hashtags++;
    else if (t.kind === 'punct') {
      if (t.text === '?' || t.text === '？') question ??= '?';
      if (SENTENCE_PUNCT.has(t.text)) sentencePunct++;
    }
  }
  const first = tokens[0];
  if (first?.kind === 'mention') hits.push({ cue: 'reply', evidence: first.text });
  if (question !== undefined) hits.push({ cue: 'question', evidence: question });
  if (urls > 0) hits.push({ cue: 'url', evidence: 'link' });
  if (jobLink !== undefined) hits.push({ cue: 'jobLink', evidence: jobLink });
  if (hashtags >= 4) hits.push({ cue: 'manyHashtags', evidence: `${hashtags} hashtags` });
  if (urls > 0 && words <= 12 && sentencePunct <= 1 && stopCount * 2 <= words && first?.kind !== 'mention') {
    hits.push({ cue: 'linkSpam', evidence: 'keywords + link' });
  }
}
