/**
 * Salary mentions in vacancy tweets, Russian and English: "от 200 000 ₽", "$120K–$150K", "ЗП 180-220 тыс",
 * "€70–85k/yr", "150к на руки". All regexes are compiled once at module load.
 */
import { blankNonSalary } from './salary-masks.js';
import { execAtWordStart, wordStartSearch } from './word-start.js';

/**
 * A salary as stated: bounds in currency units, ISO 4217 currency and pay period, each null when unsaid, except
 * that a rouble salary with no stated period is per month (the Russian convention).
 */
export interface Salary {
  min: number | null;
  max: number | null;
  /** ISO 4217 code, or null when only a salary keyword marked the figure. */
  currency: string | null;
  period: 'month' | 'year' | 'hour' | null;
}

/** A salary with the span of `text` it was read from (`raw` = `text.slice(start, end)`). */
export interface SalaryMatch {
  salary: Salary;
  start: number;
  end: number;
  raw: string;
}

/** Options of {@link findSalary}. */
export interface SalaryOptions {
  /**
   * ISO 4217 code to report when the figure carries no currency (e.g. 'RUB' for a Russian "300к"). Default null:
   * the parser does not guess.
   */
  fallbackCurrency?: string | null;
}

const L = '\\p{L}';
const NUM = '\\d{1,3}(?:[ ,.]\\d{3})+(?:[.,]\\d{1,2})?(?!\\d)|\\d+(?:[.,]\\d+)?';
const MULT = `\\s?(?:тыс(?:яч[аи]?)?(?!${L})\\.?|т\\.\\s?р\\.?|тр(?!${L})|тыщ(?!${L})|[kк](?![${L}\\d])|млн(?!${L})\\.?|миллион(?:а|ов)?(?!${L})|mln(?!${L})|million(?!${L})|m(?![${L}\\d]))`;
const CUR_SYM = '(?:[CA]\\$|[$€£₽₸₴₾֏₺])';
const CUR_CODE = '(?:US\\$|USDT|USD|EUR|GBP|RUB|RUR|KZT|BYN|UAH|GEL|AMD|TRY|AED|CHF|PLN|RSD|CAD|AUD|ILS|CZK)';
const CUR_WORD = `(?:бел\\.?\\s?руб(?:лей|ля|ль)?\\.?|руб(?:лей|ля|ль)?\\.?|р\\.|р(?!${L})|долл(?:ар(?:ов|а|ы)?)?\\.?(?:\\s?США)?|бакс(?:ов|а|ы)?|dollars?|евро|euros?|фунт(?:ов|а)?(?:\\sстерлингов)?|pounds?|тенге|грн\\.?|гривен|гривн[ыа]?|лари|драм(?:ов)?|дирхам(?:ов)?|динар(?:ов)?|злотых|франк(?:ов|а)?)(?!${L})`;
const CUR_PRE = `(?:${CUR_SYM}|${CUR_CODE}(?!${L}))`;
const CUR_POST = `(?:${CUR_SYM}|${CUR_CODE}(?!${L})|${CUR_WORD})`;
const PRE = `(?:от|from|start(?:s|ing)?\\s(?:at|from)|не\\sменее|не\\sниже|min\\.?|до|up\\sto|upto|не\\sболее|max\\.?)(?!${L})\\s*`;
const TAX = `(?:net|gross|нетто|брутто|гросс|на\\s?руки|чистыми|фикс|fixed|base|(?:до|после)\\s(?:вычета|уплаты)(?:\\s(?:налогов|ндфл))?|(?:до|после)\\sналогов|(?:before|after)\\stax(?:es)?|pre-tax|post-tax|и\\sвыше|и\\sболее|and\\s(?:up|above)|or\\smore|\\+\\s?(?:бонус|bonus|преми|equity|опцион|stock|rsu)${L}*)(?!${L})`;
const PERIOD = `(?:/\\s?(?:month|mo|mth|m|мес(?:яц)?|год|г|year|yr|y|annum|hour|hr|h|час|ч)\\.?|(?:per|a|an|в|за|each)\\s(?:month|мес(?:яц)?|год|year|annum|hour|час)\\.?|monthly|annually|annual|yearly|hourly|ежемесячно|ежегодно|почасово|p\\.a\\.|pa|pcm)(?!${L})`;
const TAIL = `(?:[\\s,(]*(?:${TAX}|${PERIOD})\\)?)*`;
const N_START = `(?<![${L}\\d_#@/№\\\\]|\\d[.,:])`;

const SINGLE_SRC = `(?<pre>${PRE})?(?:(?<ca>${CUR_PRE})\\s?)?${N_START}(?<n1>${NUM})(?<m1>${MULT})?(?:\\s?(?<cb>${CUR_POST}))?`;
const RANGE_SRC = `(?:\\s*(?:[-–—−~]|\\.{2,3}|to|до)\\s*(?:(?<cc>${CUR_PRE})\\s?)?(?<n2>${NUM})(?<m2>${MULT})?)?`;
const END_SRC = `(?<plus>\\+(?![${L}\\d]))?(?:\\s?(?<cd>${CUR_POST}))?(?<tail>${TAIL})`;

/** Searched as a word start (see `word-start.ts`): its leading lookbehind is checked per match. */
const RANGE = wordStartSearch(new RegExp(`(?<![${L}\\d])${SINGLE_SRC}${RANGE_SRC}${END_SRC}`, 'giu'));
const SINGLE_RE = new RegExp(`${SINGLE_SRC}${END_SRC}`, 'iuy');
const PERIOD_RE = new RegExp(PERIOD, 'iu');
const TAX_RE = new RegExp(TAX, 'iu');
const MIN_ONLY_TAIL_RE = /и\s(?:выше|более)|and\s(?:up|above)|or\smore/iu;
const MIN_PRE_RE = /^(?:от|from|start|не\sменее|не\sниже|min)/iu;
const MAX_PRE_RE = /^(?:до|up\s?to|не\sболее|max)/iu;
const KEYWORD_BEFORE_RE =
  /(?:^|[^\p{L}])(?:зп|з\/п|з\.п\.?|зарплат\p{L}*|заработн\p{L}*(?:\sплат\p{L}*)?|оклад\p{L}*|вилк\p{L}*|доход\p{L}*|компенсаци\p{L}*|оплат\p{L}*|ставк\p{L}*|бюджет\p{L}*|salary|salaries|pay|paying|paid|comp|compensation|rate|budget|ctc|tc)(?!\p{L})[^\d\n.!?;]{0,30}$/iu;
const NON_SALARY_AFTER_RE =
  /^\s*\+?\s*(?:лет|года?|годах|г\.|years?|yrs?|y\.?o\.?|мес(?:яц(?:а|ев))?|months?|человек\p{L}*|чел\.?|people|persons?|engineers?|devs?|developers?|разработчик\p{L}*|инженер\p{L}*|сотрудник\p{L}*|employees?|followers?|подписчик\p{L}*|users?|пользовател\p{L}*|клиент\p{L}*|customers?|просмотр\p{L}*|views?|stars?|звезд\p{L}*|rps|qps|строк\p{L}*|lines?|час\p{L}*|hours?|дн\p{L}*|days?|недел\p{L}*|weeks?|раз|times|x|шт\.?|мб|гб|тб|mb|gb|tb|ms|мс|сек\p{L}*|минут\p{L}*|min|км|km|январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[яй]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*|jan\p{L}*|feb\p{L}*|mar\p{L}*|apr\p{L}*|may|jun\p{L}*|jul\p{L}*|aug\p{L}*|sep\p{L}*|oct\p{L}*|nov\p{L}*|dec\p{L}*)(?!\p{L})/iu;
const WORD_AFTER_RE = /^\s*[\p{L}\d]/u;

/** Currency signs and symbol-like tokens (lower case) → ISO 4217 code; `/jobs` filters read the same table. */
export const SYMBOL_CODES: Readonly<Record<string, string>> = {
  $: 'USD',
  us$: 'USD',
  c$: 'CAD',
  a$: 'AUD',
  usdt: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '₽': 'RUB',
  '₸': 'KZT',
  '₴': 'UAH',
  '₾': 'GEL',
  '֏': 'AMD',
  '₺': 'TRY',
  rur: 'RUB',
};

/** Ordered word-stem → code table for currency words written after a figure. */
const WORD_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^бел/u, 'BYN'],
  [/^(?:руб|р)/u, 'RUB'],
  [/^(?:долл|бакс|dollar)/u, 'USD'],
  [/^(?:евро|euro)/u, 'EUR'],
  [/^(?:фунт|pound)/u, 'GBP'],
  [/^тенге/u, 'KZT'],
  [/^(?:грн|гривн|гривен)/u, 'UAH'],
  [/^лари/u, 'GEL'],
  [/^драм/u, 'AMD'],
  [/^дирхам/u, 'AED'],
  [/^динар/u, 'RSD'],
  [/^злот/u, 'PLN'],
  [/^франк/u, 'CHF'],
];

/** Codes safe to read in lower case; others ("try", "amd", "gel") must be written in capitals. */
const COMMON_CODES: ReadonlySet<string> = new Set(['usd', 'eur', 'gbp', 'rub', 'kzt', 'byn', 'uah']);

function currencyOf(token: string | undefined): string | null {
  if (!token) return null;
  const t = token.toLowerCase().replace(/\s+/gu, ' ').trim();
  const symbol = SYMBOL_CODES[t];
  if (symbol) return symbol;
  if (/^[a-z]{3}$/u.test(t))
    return COMMON_CODES.has(t) || token === token.toUpperCase() ? t.toUpperCase() : null;
  for (const [re, code] of WORD_CODES) if (re.test(t)) return code;
  return null;
}

interface Multiplier {
  factor: number;
  rub: boolean;
  latinM: boolean;
}

function multiplierOf(token: string | undefined): Multiplier | null {
  if (!token) return null;
  const t = token.trim().toLowerCase();
  if (t === 'm') return { factor: 1e6, rub: false, latinM: true };
  if (/^(?:млн|миллион|mln|million)/u.test(t)) return { factor: 1e6, rub: false, latinM: false };
  return { factor: 1000, rub: /^т\.?\s?р|^тр/u.test(t), latinM: false };
}

/** Reads "200 000", "120,000", "1.500.000", "4.5", "1,5", "200 000,00"; `scaled` prefers decimals. */
function parseNumber(raw: string, scaled: boolean): number {
  const s = raw.replace(/\s/gu, '');
  const seps = s.match(/[.,]/gu) ?? [];
  if (seps.length === 0) return Number(s);
  const last = s.search(/[.,][^.,]*$/u);
  const intPart = s.slice(0, last).replace(/[.,]/gu, '');
  const frac = s.slice(last + 1);
  if (seps.length > 1) {
    if (seps.every((c) => c === seps[0])) return Number(s.replace(/[.,]/gu, ''));
    return Number(`${intPart}.${frac}`);
  }
  if (frac.length === 3 && !scaled) return Number(intPart + frac);
  return Number(`${intPart}.${frac}`);
}

function periodOf(tail: string): Salary['period'] {
  const m = PERIOD_RE.exec(tail);
  if (!m) return null;
  const unit = m[0].toLowerCase().replace(/^(?:\/\s?|(?:per|a|an|в|за|each)\s)/u, '');
  if (/^(?:h|hr|hour|hourly|час|ч|почасово)/u.test(unit)) return 'hour';
  if (/^(?:y|yr|year|yearly|annum|annual|annually|год|г|ежегодно|p\.a\.|pa)/u.test(unit)) return 'year';
  return 'month';
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** Turns one regex match into a salary, or null when the figure is not a salary or the range is reversed. */
function interpret(m: RegExpExecArray, scan: string): Salary | null {
  const g = m.groups ?? {};
  const n1 = g.n1;
  if (n1 === undefined) return null;
  const mult1 = multiplierOf(g.m1);
  const mult2 = multiplierOf(g.m2);
  const currency =
    currencyOf(g.ca) ??
    currencyOf(g.cb) ??
    currencyOf(g.cc) ??
    currencyOf(g.cd) ??
    (mult1?.rub || mult2?.rub ? 'RUB' : null);
  const tail = g.tail ?? '';
  const after = scan.slice(m.index + m[0].length);
  const hasCue = TAX_RE.test(tail) || PERIOD_RE.test(tail);
  const keyword = KEYWORD_BEFORE_RE.test(scan.slice(Math.max(0, m.index - 60), m.index));
  const endsInNumber = !g.cd && tail === '';
  if (/\d$/u.test(m[0]) && /^\p{L}/u.test(after)) return null;
  if (!currency && !hasCue && endsInNumber && NON_SALARY_AFTER_RE.test(after)) return null;
  const usesLatinM = Boolean(mult1?.latinM || mult2?.latinM);
  if (!currency) {
    const thousands = (mult1 && !mult1.latinM) || (mult2 && !mult2.latinM);
    const bareThousands = thousands && (!WORD_AFTER_RE.test(after) || /\.$/u.test(m[0]));
    if (usesLatinM || !(hasCue || keyword || bareThousands)) return null;
  }
  let v1 = parseNumber(n1, mult1 !== null);
  let v2 = g.n2 === undefined ? null : parseNumber(g.n2, mult2 !== null);
  if (mult1) v1 *= mult1.factor;
  if (v2 !== null && mult2) {
    if (!mult1 && v1 <= v2) v1 *= mult2.factor;
    v2 *= mult2.factor;
  }
  if (!currency && !mult1 && !mult2 && !hasCue && Math.max(v1, v2 ?? 0) < 100) return null;
  if (!(v1 > 0) || (v2 !== null && !(v2 >= v1))) return null;
  const period = periodOf(tail);
  if (v2 !== null) return { min: round(v1), max: round(v2), currency, period };
  const pre = (g.pre ?? '').trim();
  if (g.plus || MIN_ONLY_TAIL_RE.test(tail) || MIN_PRE_RE.test(pre))
    return { min: round(v1), max: null, currency, period };
  if (MAX_PRE_RE.test(pre)) return { min: null, max: round(v1), currency, period };
  return { min: round(v1), max: round(v1), currency, period };
}

/** Finds the first salary mention in `text` with its span, or null. Offsets index the original `text`. */
export function findSalary(text: string, options: SalaryOptions = {}): SalaryMatch | null {
  const scan = blankNonSalary(text);
  if (scan === null) return null;
  for (
    let m = execAtWordStart(RANGE, scan, 0);
    m !== null;
    m = execAtWordStart(RANGE, scan, RANGE.re.lastIndex)
  ) {
    let hit = m;
    let salary = interpret(m, scan);
    if (!salary && m.groups?.n2 !== undefined) {
      SINGLE_RE.lastIndex = m.index;
      const single = SINGLE_RE.exec(scan);
      if (single) {
        hit = single;
        salary = interpret(single, scan);
      }
    }
    if (salary) {
      if (salary.currency === null) salary.currency = options.fallbackCurrency ?? null;
      // The Russian convention: a rouble salary with no stated period is per month. Others stay unsaid.
      if (salary.currency === 'RUB' && salary.period === null) salary.period = 'month';
      const raw = text.slice(hit.index, hit.index + hit[0].length).trimEnd();
      return { salary, start: hit.index, end: hit.index + raw.length, raw };
    }
  }
  return null;
}

/** Parses the first salary stated in a vacancy text, or null when none is stated. */
export function parseSalary(text: string, options: SalaryOptions = {}): Salary | null {
  return findSalary(text, options)?.salary ?? null;
}
