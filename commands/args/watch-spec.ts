import type { Lang, Localized } from '../../src/chat/i18n.js';
import { t } from '../../src/chat/i18n.js';
import { describeProblem } from '../../src/query/problems.js';
import { termsOfQuery } from '../../src/query/terms-of.js';
import { isNameWords, isValidAlias, MAX_ALIAS, usernameOf } from '../../src/watch/aliases.js';
import type { WatchKind, WatchSpec } from '../../src/watch/types.js';
import { isOperatorWord, type Token, tokenize } from './words.js';

/** A watch read from `/watch add <kind> …`, or what was wrong with it, in both languages. */
export type WatchSpecResult = { ok: true; spec: WatchSpec } | { ok: false; problem: Localized };

const MAX_ALIASES = 10;
const MAX_TERMS = 10;
const MAX_NAME = MAX_ALIAS;

/** The kinds of watch in the chat's language. */
export const KIND_NAMES: Readonly<Record<WatchKind, Localized>> = {
  brand: { en: 'brand', ru: 'бренд' },
  jobs: { en: 'jobs', ru: 'вакансии' },
  topic: { en: 'topic', ru: 'тема' },
  expert: { en: 'expert', ru: 'эксперт' },
};

const fail = (problem: Localized): WatchSpecResult => ({ ok: false, problem });

/**
 * Reads the watch of `/watch add <kind> <args>`, every word validated:
 * - `brand <name> [aliases…]`: the name is the first alias; aliases are words or "quoted words",
 *   `@username`, `#hashtag` or a domain; anything else is refused (so nothing can reach the query raw);
 * - `jobs <words>`: one term, all words (and "phrases") must appear;
 * - `topic <query>`: alternatives joined by OR, each of words and "phrases" that must all appear, and
 *   `lang:ru|en` for the whole watch (the query grammar of `/mentions`, `src/query/`);
 * - `expert @handle`: one X username.
 * Operators a watch cannot follow (`-word`, `from:`, `@`, `#`, `is:`) are refused, naming operator and position.
 */
export function parseWatchSpec(kind: string, args: string): WatchSpecResult {
  const tokens = tokenize(args);
  switch (kind) {
    case 'brand': {
      const operator = tokens.find((x) => isOperatorWord(x));
      if (operator) {
        return fail({
          en: `"${operator.text}" is a search operator, not part of a brand name.`,
          ru: `«${operator.text}» — оператор поиска, а не часть названия.`,
        });
      }
      return brand(tokens);
    }
    case 'jobs':
    case 'topic': {
      const read = termsOfQuery(args, kind === 'topic' ? 'any' : 'all', `/watch add ${kind}`);
      if (!read.ok) {
        return fail(
          read.problem.kind === 'nothing'
            ? noWords(
                kind === 'topic'
                  ? '/watch add topic typescript OR "code review"'
                  : '/watch add jobs вакансия golang',
              )
            : describeProblem(read.problem),
        );
      }
      const parts = read.terms[0]?.match(/"[^"]*"|\S+/gu)?.length ?? 0;
      const count = kind === 'topic' ? read.terms.length : parts;
      if (count > MAX_TERMS) return fail(tooMany(count, MAX_TERMS));
      const lang = read.lang ? { lang: read.lang } : {};
      if (kind === 'jobs') {
        const text = read.terms[0] as string;
        return { ok: true, spec: { kind: 'jobs', name: text, terms: [text], ...lang } };
      }
      return { ok: true, spec: { kind: 'topic', name: read.terms.join(', '), terms: read.terms, ...lang } };
    }
    case 'expert': {
      const only = tokens.length === 1 ? tokens[0] : undefined;
      const handle = only && !only.quoted ? usernameOf(only.text) : null;
      if (!handle) {
        return fail({
          en: 'Give one X username: /watch add expert @handle (letters, digits and _, at most 15).',
          ru: 'Укажите один ник в X: /watch add expert @ник (буквы, цифры и _, не длиннее 15).',
        });
      }
      return { ok: true, spec: { kind: 'expert', name: `@${handle}`, handle } };
    }
    default:
      return fail({
        en: kind
          ? `Unknown kind "${kind}": use brand, jobs, topic or expert.`
          : 'Add what? brand, jobs, topic or expert.',
        ru: kind
          ? `Неизвестный вид «${kind}»: есть brand, jobs, topic и expert.`
          : 'Что добавить? brand, jobs, topic или expert.',
      });
  }
}

function brand(tokens: readonly Token[]): WatchSpecResult {
  const [first, ...more] = tokens;
  if (!first) {
    return fail({
      en: 'Give the brand name: /watch add brand <name> [aliases…]',
      ru: 'Укажите название: /watch add brand <название> [варианты…]',
    });
  }
  if (!isNameWords(first.text)) {
    return fail({
      en: `"${first.text}" is not a brand name: up to ${MAX_NAME} letters, digits, spaces, - ' & +; the name comes first, then aliases such as @handle or #tag.`,
      ru: `«${first.text}» — не название: до ${MAX_NAME} букв, цифр, пробелов, - ' & +; сначала название, потом варианты вроде @ника или #тега.`,
    });
  }
  const aliases = [...new Map([first, ...more].map((a) => [a.text.toLowerCase(), a.text])).values()];
  if (aliases.length > MAX_ALIASES) return fail(tooMany(aliases.length, MAX_ALIASES));
  const bad = aliases.find((a) => !isValidAlias(a));
  if (bad !== undefined) {
    return fail({
      en: `"${bad}" is not an alias: use a word or "quoted words" (up to ${MAX_NAME} characters), @username, #hashtag or a domain like example.com.`,
      ru: `«${bad}» — не вариант названия: нужно слово или "слова в кавычках" (до ${MAX_NAME} символов), @ник, #хэштег или домен вроде example.com.`,
    });
  }
  return { ok: true, spec: { kind: 'brand', name: first.text, aliases, exclude: [], competitor: false } };
}

/** A watch in a line: `brand Tinkoff: Tinkoff, @tinkoff`, `topic: rust | "code review"`, `expert @kate`. */
export function describeWatchSpec(spec: WatchSpec, lang: Lang): string {
  const kind = t(lang, KIND_NAMES[spec.kind]);
  switch (spec.kind) {
    case 'brand':
      return `${kind} ${spec.name}: ${spec.aliases.join(', ')}`;
    case 'jobs':
    case 'topic':
      return spec.terms.join(', ') === spec.name
        ? `${kind}: ${spec.terms.join(' | ')}`
        : `${kind} ${spec.name}: ${spec.terms.join(' | ')}`;
    case 'expert':
      return `${kind} ${spec.name}`;
  }
}

function noWords(example: string): Localized {
  return { en: `No words to look for: ${example}`, ru: `Нет слов для поиска: ${example}` };
}

function tooMany(n: number, max: number): Localized {
  return { en: `Too many words (${n}); at most ${max}.`, ru: `Слишком много слов (${n}); не больше ${max}.` };
}
