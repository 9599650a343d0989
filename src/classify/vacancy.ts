/**
 * Facts of a vacancy tweet, Russian and English: role, seniority, remote mode, location, employment type,
 * contact and salary. Rule-based; every regex is compiled once at module load.
 */
import { findLocation } from './location.js';
import { parseSalary, type Salary, type SalaryOptions } from './salary.js';
import { blankMatch } from './salary-masks.js';
import { execAtWordStart, type WordStartSearch, wordStartSearch } from './word-start.js';

export type Seniority = 'intern' | 'junior' | 'middle' | 'senior' | 'lead' | 'principal';
export type RemoteMode = 'remote' | 'hybrid' | 'office';
export type EmploymentType = 'full_time' | 'part_time' | 'contract' | 'internship' | 'freelance';

/** What a vacancy tweet says about the job; each field is null when the tweet does not say. */
export interface VacancyFacts {
  /** Role phrase as written, without seniority, head noun in its base form ("Go developer", "бэкенд-разработчик"). */
  role: string | null;
  seniority: Seniority | null;
  remote: RemoteMode | null;
  /** Gazetteer name in the script it was written in ("в Питере" → "Санкт-Петербург", "Berlin"). */
  location: string | null;
  employmentType: EmploymentType | null;
  /** First email, @handle, t.me link or job URL. */
  contact: string | null;
  salary: Salary | null;
}

const NB = '(?![\\p{L}\\d])';
const NA = '(?<![\\p{L}\\d])';

// ---- role ---------------------------------------------------------------------------------------------------
const QUAL =
  'back[\\s-]?end|бэк[\\s-]?энд|бэкенд|бекенд|бэк|бек|front[\\s-]?end|фронт[\\s-]?энд|фронтенд|фронт|full[\\s-]?stack|фул+[\\s-]?ст[еэ]к|' +
  'mobile|мобильн\\p{L}*|ios|android|golang|go|python|javascript|java|kotlin|swift|react\\s?native|react|vue(?:\\.js)?|' +
  'angular|node(?:\\.js|js)?|typescript|ts|js|php|ruby|rails|c\\+\\+|c#|\\.net|rust|scala|elixir|erlang|1[сc]|flutter|' +
  'unity|data|ml|ai|llm|nlp|cv|qa|aqa|devops|mlops|sre|ux\\s?/\\s?ui|ui\\s?/\\s?ux|ux|ui|product|продуктов\\p{L}*|project|' +
  'web|веб|game|игров\\p{L}*|системн\\p{L}*|бизнес|business|software|platform|infrastructure|инфраструктурн\\p{L}*|' +
  'security|cloud|embedded|графическ\\p{L}*|motion|bi|big\\s?data|automation|test|manual|ручн\\p{L}*|нагрузочн\\p{L}*';
const RU_END = '(?:а|у|ом|е|ы|и|ов|ам|ами|ах)?';
const HEAD =
  `(?:разработчик|программист|инженер|дизайнер|аналитик|тестировщик|архитектор|верстальщик|администратор|сисадмин|` +
  `исследовател|рекрутер|копирайтер|маркетолог|девопс)${RU_END}|` +
  `(?:продакт|проджект)(?:[\\s-]?менеджер${RU_END})?|менеджер${RU_END}(?:\\s(?:продукта|проекта|проектов))?|` +
  `руководител\\p{L}*(?:\\s(?:группы|отдела|команды|направления|проект\\p{L}*|разработки))*|тим\\s?лид${RU_END}|` +
  `тех\\s?лид${RU_END}|лид${RU_END}|специалист${RU_END}|head\\sof\\s\\p{L}+|team\\s?lead|tech\\s?lead|scrum\\s?master|engineering\\smanager|` +
  `(?:developer|engineer|programmer|designer|analyst|tester|architect|scientist|manager|owner|researcher|` +
  `administrator|admin|writer|specialist|dev)s?|qa|aqa|devops|sre|cto|pm`;
const LANG =
  'go|golang|python|java|kotlin|swift|javascript|typescript|react|vue|angular|node\\.js|php|ruby|rust|scala|1[сc]';
const ROLE_RE = new RegExp(
  `${NA}(?<quals>(?:${QUAL})(?:(?:\\s*[/-]\\s*|\\s+)(?:${QUAL})){0,2}(?:\\s*-\\s*|\\s+))?(?<head>${HEAD})(?<tail>\\s+на\\s+(?:${LANG})|\\s+(?:данных|интерфейсов))?${NB}`,
  'giu',
);
const GENERIC_HEAD = /^(?:менеджер|специалист|руководител|лид|manager|specialist|owner|admin|dev$|pm$)/iu;
const RU_HEAD_BASE =
  /^(разработчик|программист|инженер|дизайнер|аналитик|тестировщик|архитектор|верстальщик|администратор|сисадмин|исследовател|рекрутер|копирайтер|маркетолог|девопс|менеджер|специалист|тимлид|техлид|тим\s?лид|тех\s?лид|лид|продакт|проджект)/iu;
const ADJECTIVES: ReadonlyArray<readonly [RegExp, string]> = [
  [/мобильн\p{L}*/iu, 'мобильный'],
  [/продуктов\p{L}*/iu, 'продуктовый'],
  [/игров\p{L}*/iu, 'игровой'],
  [/системн\p{L}*/iu, 'системный'],
  [/инфраструктурн\p{L}*/iu, 'инфраструктурный'],
  [/графическ\p{L}*/iu, 'графический'],
  [/ручн\p{L}*/iu, 'ручной'],
  [/нагрузочн\p{L}*/iu, 'нагрузочный'],
];

function normalizeHead(head: string): string {
  const ru = RU_HEAD_BASE.exec(head);
  if (ru?.[1]) {
    const base = ru[1].toLowerCase();
    const rest = head.slice(ru[0].length);
    if (base === 'исследовател') return 'исследователь';
    if (/^(?:продакт|проджект)$/u.test(base))
      return base + rest.replace(/(менеджер)\p{L}*$/iu, '$1').toLowerCase();
    if (base === 'менеджер') return base + rest.replace(/^\p{L}*/u, '');
    return base;
  }
  if (/^руководител/iu.test(head)) return head.replace(/^руководител\p{L}*/iu, 'руководитель');
  return /(?:developer|engineer|programmer|designer|analyst|tester|architect|scientist|manager|owner|researcher|administrator|admin|writer|specialist|dev)s$/iu.test(
    head,
  )
    ? head.slice(0, -1)
    : head;
}

function findRole(text: string): string | null {
  let best: { role: string; score: number } | null = null;
  const re = ROLE_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const g = m.groups ?? {};
    const head = g.head ?? '';
    if (/^pm$/iu.test(head) && head !== 'PM') continue;
    const score = (g.quals ? 2 : 0) + (GENERIC_HEAD.test(head) ? 0 : 1);
    if (best && score <= best.score) continue;
    let quals = (g.quals ?? '').replace(/\s+/gu, ' ');
    if (quals !== '') for (const [adjective, nom] of ADJECTIVES) quals = quals.replace(adjective, nom);
    const role = `${quals}${normalizeHead(head)}${(g.tail ?? '').replace(/\s+/gu, ' ')}`.trim();
    best = { role, score };
  }
  return best?.role ?? null;
}

// ---- seniority, remote, employment: earliest match of any pattern wins -------------------------------------
type Patterns<T> = ReadonlyArray<readonly [T, RegExp | WordStartSearch]>;

function earliest<T>(text: string, patterns: Patterns<T>): T | null {
  let best: T | null = null;
  let bestIndex = -1;
  for (const [value, pattern] of patterns) {
    const index =
      pattern instanceof RegExp ? text.search(pattern) : (execAtWordStart(pattern, text, 0)?.index ?? -1);
    if (index >= 0 && (bestIndex < 0 || index < bestIndex)) {
      best = value;
      bestIndex = index;
    }
  }
  return best;
}

const ROLE_WORD =
  '(?:\\p{L}+[\\s-]+)?(?:developer|engineer|designer|analyst|architect|разработчик|инженер|дизайнер)';
// Each starts with `(?<!\p{L})`: searched as a word start (see `word-start.ts`).
const SENIORITY: Patterns<Seniority> = (
  [
    ['intern', /(?<!\p{L})(?:стаж[её]р\p{L}*|стажировк\p{L}*|intern(?:s|ship|ships)?|trainee)(?!\p{L})/iu],
    ['junior', /(?<!\p{L})(?:junior|jun|jr\.?|джун\p{L}*|джуниор\p{L}*|младш\p{L}*)(?!\p{L})/iu],
    ['middle', /(?<!\p{L})(?:middle|mid-level|mid(?![\p{L}-])|мидл\p{L}*|миддл\p{L}*)(?!\p{L})/iu],
    ['senior', /(?<!\p{L})(?:senior|sr\.?|с[еи]нь[еоё]р\p{L}*|старш\p{L}*|ведущ\p{L}*)(?!\p{L})/iu],
    [
      'lead',
      /(?<!\p{L})(?:team\s?lead|tech\s?lead|тим\s?лид\p{L}*|тех\s?лид\p{L}*|лид(?:а|ом|у)?|head\sof)(?!\p{L})/iu,
    ],
    ['lead', new RegExp(`(?<!\\p{L})(?:Lead|LEAD|lead(?=[\\s-]+${ROLE_WORD}))(?!\\p{L})`, 'u')],
    ['principal', new RegExp(`(?<!\\p{L})(?:principal|staff(?=[\\s-]+${ROLE_WORD}))(?!\\p{L})`, 'iu')],
  ] as const
).map(([value, re]) => [value, wordStartSearch(re)] as const);

const REMOTE_ORDER: ReadonlyArray<readonly [RemoteMode, RegExp]> = [
  [
    'office',
    /(?:не|без)\sудал[её]н\p{L}*|удал[её]нк\p{L}*\sне\s(?:рассматрива|предусмотрен|возможн)|no\sremote|not\sremote|non-remote|remote\s(?:is\s)?not\s(?:possible|available|an\soption)|office[\s-]only|only\s(?:in[\s-])?office|on-?site\sonly|(?:только|строго)\s(?:в\s)?офис/iu,
  ],
  [
    'hybrid',
    /гибрид\p{L}*|hybrid|\d(?:-\d)?\s(?:дн(?:я|ей)|раза?)\s(?:в\sнеделю\s)?в\sофисе|\d(?:-\d)?\s?days?\s(?:a\s|per\s)?(?:week\s)?(?:in|at)\s(?:the\s)?office|частично\sудал[её]нн\p{L}*/iu,
  ],
  [
    'remote',
    /удал[её]нк\p{L}*|удал[её]нн\p{L}*|удал[её]нно|(?<!\p{L})remote\p{L}*|(?<!\p{L})wfh(?!\p{L})|work\sfrom\shome|из\sлюбой\sточки|from\sanywhere|anywhere\sin\sthe\sworld|fully\sdistributed|дистанционн\p{L}*/iu,
  ],
  ['office', /(?<!\p{L})(?:офис\p{L}*|office|on-?site|in-office)(?!\p{L})/iu],
];

function findRemote(text: string): RemoteMode | null {
  for (const [mode, re] of REMOTE_ORDER) if (re.test(text)) return mode;
  return null;
}

const EMPLOYMENT: Patterns<EmploymentType> = [
  [
    'full_time',
    /полн\p{L}*\s(?:рабоч\p{L}*\s)?(?:занятост\p{L}*|день|дня|ставк\p{L}*)|(?<!\p{L})full[\s-]?time|фул+[\s-]?тайм\p{L}*|график\s5\/2/iu,
  ],
  ['full_time', /(?<!\p{L})FT(?!\p{L})/u],
  [
    'part_time',
    /частичн\p{L}*\sзанятост\p{L}*|неполн\p{L}*\s(?:рабоч\p{L}*\s)?(?:занятост\p{L}*|день|дня|недел\p{L}*)|(?<!\p{L})part[\s-]?time|парт[\s-]?тайм\p{L}*|подработк\p{L}*|полставки/iu,
  ],
  [
    'contract',
    /(?<!смарт[\s-])контракт\p{L}*|(?<!smart\s)(?<!\p{L})contract(?:ors?)?(?!\p{L})|(?<!\p{L})b2b(?![\s-]*(?:saas|продукт|product|сервис|service|platform|платформ|сегмент|market|marketing|sales|продаж|клиент|client|e-?commerce|компани|company|стартап|startup|финтех|fintech))|(?<!\p{L})(?:гпх|гпд)(?!\p{L})|самозанят\p{L}*|self-employed/iu,
  ],
  ['internship', /стажировк\p{L}*|(?<!\p{L})internships?(?!\p{L})/iu],
  [
    'freelance',
    /фриланс\p{L}*|freelanc\p{L}*|проектн\p{L}*\s(?:работ|занятост)\p{L}*|разов\p{L}*\s(?:проект|задач|заказ)\p{L}*/iu,
  ],
];

// ---- contact ----------------------------------------------------------------------------------------------
const TLD =
  'ru|рф|su|com|org|net|io|dev|ai|co|me|app|jobs|careers|tech|uk|de|eu|kz|by|ua|am|ge|rs|pro|team|work|page|site';
/** Each contact pattern with a substring every match of it holds. */
const CONTACTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/giu, '@'],
  [/(?:https?:\/\/)?(?:t\.me|telegram\.me)\/[\w+/-]+/giu, '/'],
  [/(?<![\w.@/])@\w{1,32}/gu, '@'],
  [/https?:\/\/(?!t\.co\/)[^\s<>"'«»]+/giu, '//'],
  [new RegExp(`(?<![\\w@./-])(?:[a-z0-9-]+\\.)+(?:${TLD})(?:/[^\\s<>"'«»]*)`, 'giu'), '/'],
  [new RegExp(`(?<![\\w@./-])(?:careers?|jobs?|hr)\\.(?:[a-z0-9-]+\\.)+(?:${TLD})(?![\\w.])`, 'giu'), '.'],
];
const TCO_RE = /https?:\/\/t\.co\/\w+/iu;
const NOT_CONTACT_RE = /^(?:\s*@\w+)+|RT\s@\w+:?|via\s@\w+/giu;
const TRAILING_PUNCT = /[.,;:!?)»"']+$/u;

function findContact(text: string): string | null {
  // Every match of NOT_CONTACT_RE holds an @.
  const blocked = text.includes('@') ? text.replace(NOT_CONTACT_RE, blankMatch) : text;
  let best: string | null = null;
  let bestIndex = -1;
  for (const [re, needs] of CONTACTS) {
    if (!blocked.includes(needs)) continue;
    re.lastIndex = 0;
    const m = re.exec(blocked);
    if (m && (best === null || m.index < bestIndex || (m.index === bestIndex && m[0].length > best.length))) {
      best = m[0];
      bestIndex = m.index;
    }
  }
  const value = best ?? (blocked.includes('//') ? (TCO_RE.exec(blocked)?.[0] ?? null) : null);
  return value === null ? null : value.replace(TRAILING_PUNCT, '');
}

// ---- entry point ------------------------------------------------------------------------------------------
const NOISE_RE =
  /(?:https?:\/\/|www\.)\S+|[\w.%+-]+@[\w.-]+\.[a-z]{2,}|@\w+|[\w-]+\.(?:ru|com|io|me)\/\S*/giu;

/** False when no match of NOISE_RE can occur: each holds an @, a / or `www.`. */
function mayHoldNoise(text: string): boolean {
  return text.includes('@') || text.includes('/') || text.includes('w.') || text.includes('W.');
}

/**
 * Extracts the facts of a vacancy tweet. Pure and cheap; call it only for texts already judged vacancies.
 * `options` go to {@link parseSalary} (e.g. a fallback currency for figures written without one).
 */
export function extractVacancy(text: string, options: SalaryOptions = {}): VacancyFacts {
  const clean = (mayHoldNoise(text) ? text.replace(NOISE_RE, blankMatch) : text).replaceAll('#', ' ');
  return {
    role: findRole(clean),
    seniority: earliest(clean, SENIORITY),
    remote: findRemote(clean),
    location: findLocation(clean),
    employmentType: earliest(clean, EMPLOYMENT),
    contact: findContact(text),
    salary: parseSalary(text, options),
  };
}
