/** The query syntax as `/help` shows it: each operator with an example and what it finds, in both languages. */
import type { Localized } from '../chat/i18n.js';

export interface SyntaxRow {
  example: string;
  meaning: Localized;
}

export const QUERY_SYNTAX: readonly SyntaxRow[] = [
  {
    example: 'яндекс такси',
    meaning: { en: 'both words (Russian words in any form)', ru: 'оба слова (русские — в любой форме)' },
  },
  {
    example: '"code review"',
    meaning: {
      en: 'the exact phrase; "word" is that word only',
      ru: 'точная фраза; "слово" — только это слово',
    },
  },
  { example: 'yandex OR sber', meaning: { en: 'either', ru: 'любое из них' } },
  { example: 'яндекс -такси', meaning: { en: 'without the word', ru: 'без этого слова' } },
  { example: '(rust OR golang) вакансия', meaning: { en: 'grouping', ru: 'группировка' } },
  { example: 'from:@kate_backend', meaning: { en: 'posts by the account', ru: 'посты этого аккаунта' } },
  { example: 'lang:ru', meaning: { en: 'language ru or en', ru: 'язык ru или en' } },
  {
    example: 'is:reply, -is:reply',
    meaning: { en: 'replies only, or no replies', ru: 'только ответы или без ответов' },
  },
  {
    example: 'Яндекса',
    meaning: {
      en: 'a configured brand, by name or alias in any form',
      ru: 'бренд из настроек: название или вариант в любой форме',
    },
  },
  {
    example: '@kate',
    meaning: {
      en: 'mentions of exactly @kate (not @kate_backend)',
      ru: 'упоминания ровно @kate (не @kate_backend)',
    },
  },
  { example: '#typescript', meaning: { en: 'the hashtag', ru: 'хэштег' } },
  { example: '24h, 7d, 30d, 90d', meaning: { en: 'period (default 7d)', ru: 'период (по умолчанию 7d)' } },
  { example: 'from 2026-11-01 to 2026-11-20', meaning: { en: 'these days, UTC', ru: 'эти дни, UTC' } },
  { example: 'yandex vs sber vs vk', meaning: { en: 'compare (/mentions)', ru: 'сравнение (/mentions)' } },
  {
    example: 'yandex 30d csv',
    meaning: { en: 'a CSV file of the mentions (/mentions)', ru: 'CSV-файл упоминаний (/mentions)' },
  },
];
