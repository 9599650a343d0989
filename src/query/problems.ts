/** What can be wrong with a query, and how it is said in both languages, naming the operator and its position. */
import type { Localized } from '../chat/i18n.js';

export type QueryProblemKind =
  | 'unclosed_quote'
  | 'unclosed_paren'
  | 'stray_close'
  | 'empty_group'
  | 'dangling_or'
  | 'dangling_minus'
  | 'not_word'
  | 'only_filters'
  | 'unsupported'
  | 'bad_handle'
  | 'bad_hashtag'
  | 'bad_lang'
  | 'bad_is'
  | 'bad_period'
  | 'period_inside'
  | 'second_period'
  | 'bad_date'
  | 'date_order'
  | 'too_deep'
  | 'too_long'
  | 'nothing'
  | 'not_here';

/** A problem at a position (1-based character) of the query; `operator` is the text found there. */
export interface QueryProblem {
  kind: QueryProblemKind;
  operator: string;
  at: number;
  /** For `not_here`: the command that does not take the operator (e.g. `/jobs add`). */
  where?: string;
}

const PERIODS = '24h, 7d, 30d, 90d, from YYYY-MM-DD to YYYY-MM-DD';

/** The problem as a sentence for the chat. */
export function describeProblem(p: QueryProblem): Localized {
  const op = p.operator;
  const en = `"${op}" at position ${p.at}`;
  const ru = `«${op}» (позиция ${p.at})`;
  switch (p.kind) {
    case 'unclosed_quote':
      return {
        en: `The quote at position ${p.at} is not closed.`,
        ru: `Кавычка на позиции ${p.at} не закрыта.`,
      };
    case 'unclosed_paren':
      return {
        en: `The "(" at position ${p.at} is not closed.`,
        ru: `Скобка «(» на позиции ${p.at} не закрыта.`,
      };
    case 'stray_close':
      return {
        en: `The ")" at position ${p.at} closes nothing.`,
        ru: `Скобка «)» на позиции ${p.at} ничего не закрывает.`,
      };
    case 'empty_group':
      return { en: `The parentheses at position ${p.at} are empty.`, ru: `Скобки на позиции ${p.at} пусты.` };
    case 'dangling_or':
      return {
        en: `OR at position ${p.at} needs something to search on both sides: yandex OR sber.`,
        ru: `OR на позиции ${p.at} нужны условия с обеих сторон: яндекс OR сбер.`,
      };
    case 'dangling_minus':
      return {
        en: `The minus at position ${p.at} excludes nothing: write it right before a word, -taxi.`,
        ru: `Минус на позиции ${p.at} ничего не исключает: пишите его вплотную к слову, -такси.`,
      };
    case 'not_word':
      return {
        en: `${en}: Kestrel excludes with a minus, -word, as X does.`,
        ru: `${ru}: исключение пишется минусом, -слово, как в X.`,
      };
    case 'only_filters':
      return {
        en: `${en} only narrows a search: add a word, a "phrase", @handle, #tag or from:@handle to find.`,
        ru: `${ru} только сужает поиск: добавьте, что искать, — слово, «фразу», @аккаунт, #тег или from:@аккаунт.`,
      };
    case 'unsupported':
      return {
        en: `${en}: Kestrel does not support this X operator. Supported: words, "phrases", OR, -word, ( ), from:@handle, lang:ru|en, is:reply, @handle, #tag. Put it in quotes to search for the text.`,
        ru: `${ru}: этот оператор X Kestrel не поддерживает. Можно: слова, «фразы», OR, -слово, ( ), from:@аккаунт, lang:ru|en, is:reply, @аккаунт, #тег. Чтобы искать сам текст, возьмите его в кавычки.`,
      };
    case 'bad_handle':
      return {
        en: `${en} is not an X account: letters, digits and _, at most 15.`,
        ru: `${ru} — не аккаунт X: буквы, цифры и _, не длиннее 15.`,
      };
    case 'bad_hashtag':
      return { en: `${en} is not a hashtag: #word.`, ru: `${ru} — не хэштег: #слово.` };
    case 'bad_lang':
      return {
        en: `${en}: only lang:ru and lang:en are known.`,
        ru: `${ru}: известны только lang:ru и lang:en.`,
      };
    case 'bad_is':
      return {
        en: `${en}: of the is: operators only is:reply (and -is:reply) is supported.`,
        ru: `${ru}: из операторов is: поддерживается только is:reply (и -is:reply).`,
      };
    case 'bad_period':
      return {
        en: `${en} is not a period I know: use ${PERIODS}. Put it in quotes to search for the text.`,
        ru: `${ru} — непонятный период: можно ${PERIODS}. Чтобы искать сам текст, возьмите его в кавычки.`,
      };
    case 'period_inside':
      return {
        en: `${en}: a period applies to the whole query; put it outside the parentheses and not after a minus.`,
        ru: `${ru}: период относится ко всему запросу — вынесите его из скобок и не ставьте после минуса.`,
      };
    case 'second_period':
      return { en: `${en} is a second period; give one.`, ru: `${ru} — второй период; нужен один.` };
    case 'bad_date':
      return {
        en: `${en} is not a date: write from 2026-11-01 to 2026-11-20.`,
        ru: `${ru} — не дата: пишите from 2026-11-01 to 2026-11-20.`,
      };
    case 'date_order':
      return {
        en: `${en}: the period ends before it starts.`,
        ru: `${ru}: период заканчивается раньше, чем начинается.`,
      };
    case 'too_deep':
      return {
        en: `${en}: parentheses nest too deep (at most 5 levels).`,
        ru: `${ru}: скобки вложены слишком глубоко (не больше 5 уровней).`,
      };
    case 'too_long':
      return {
        en: `The query is too long at position ${p.at}: at most 512 characters and 30 terms.`,
        ru: `Запрос слишком длинный (позиция ${p.at}): не больше 512 символов и 30 условий.`,
      };
    case 'nothing':
      return {
        en: 'Say what to look for: a brand, a word, a "phrase", @handle, #tag or from:@handle.',
        ru: 'Напишите, что искать: бренд, слово, «фразу», @аккаунт, #тег или from:@аккаунт.',
      };
    case 'not_here':
      return {
        en: `${en}: ${p.where ?? 'this command'} takes words and "phrases" only.`,
        ru: `${ru}: ${p.where ?? 'эта команда'} принимает только слова и «фразы».`,
      };
  }
}
