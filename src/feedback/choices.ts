/**
 * What a person can say about how an item was read: it is right, it is another of the six labels, it is not
 * about the brand it is listed for, or its tone is another. Words in both languages, so `/feedback 3 promo`
 * and `/feedback 3 реклама` mean the same; buttons carry the canonical words.
 */
import type { Lang } from '../chat/i18n.js';
import { LABELS, type Label, SENTIMENT_CLASSES, type SentimentLabel } from '../classify/classes.js';

export type FeedbackChoice =
  | { kind: 'right' }
  | { kind: 'label'; label: Label }
  | { kind: 'not_brand' }
  | { kind: 'tone'; tone: SentimentLabel };

/** The label names people see, per language. */
export const LABEL_NAMES: Record<Label, Record<Lang, string>> = {
  vacancy: { en: 'vacancy', ru: 'вакансия' },
  help_wanted: { en: 'looking for a specialist', ru: 'ищут специалиста' },
  job_seeker: { en: 'looking for work', ru: 'ищет работу' },
  discussion: { en: 'discussion', ru: 'обсуждение' },
  promo: { en: 'promo', ru: 'реклама' },
  other: { en: 'other', ru: 'другое' },
};

export const TONE_NAMES: Record<SentimentLabel, Record<Lang, string>> = {
  negative: { en: 'negative', ru: 'негативный' },
  neutral: { en: 'neutral', ru: 'нейтральный' },
  positive: { en: 'positive', ru: 'позитивный' },
};

/** A stored label in the chat's language (a label Kestrel has no name for stays as stored). */
export const labelName = (label: string, lang: Lang): string => LABEL_NAMES[label as Label]?.[lang] ?? label;

/** A stored tone in the chat's language. */
export const toneName = (tone: string, lang: Lang): string =>
  TONE_NAMES[tone as SentimentLabel]?.[lang] ?? tone;

const LABEL_WORDS: Record<Label, string[]> = {
  vacancy: ['vacancy', 'job', 'вакансия', 'вакансии'],
  help_wanted: ['help_wanted', 'help-wanted', 'help', 'ищут', 'ищут_специалиста', 'заказ'],
  job_seeker: ['job_seeker', 'job-seeker', 'seeker', 'ищет_работу', 'резюме', 'соискатель'],
  discussion: ['discussion', 'talk', 'обсуждение', 'дискуссия'],
  promo: ['promo', 'ad', 'ads', 'spam', 'реклама', 'спам', 'промо'],
  other: ['other', 'not-a-vacancy', 'not_a_vacancy', 'другое', 'прочее', 'не_вакансия', 'не-вакансия'],
};

const TONE_WORDS: Record<SentimentLabel, string[]> = {
  negative: ['negative', 'bad', 'негативный', 'негатив', 'плохой'],
  neutral: ['neutral', 'нейтральный', 'нейтрально'],
  positive: ['positive', 'good', 'позитивный', 'позитив', 'хороший'],
};

const RIGHT = ['right', 'ok', 'correct', '✓', 'верно', 'правильно', 'да'];
const NOT_BRAND = [
  'not-this-brand',
  'not_this_brand',
  'not-brand',
  'не_тот_бренд',
  'не-тот-бренд',
  'не_про_бренд',
];
const TONE = ['tone', 'тон', 'тональность'];

/** "not a vacancy", "not-a-vacancy" → "not_a_vacancy": several words read as one choice, ё as е. */
const normal = (words: string): string =>
  words.trim().toLowerCase().replace(/ё/g, 'е').replace(/-/g, '_').split(/\s+/).join('_');

function find<T extends string>(table: Record<T, string[]>, word: string): T | null {
  for (const [key, words] of Object.entries(table) as [T, string[]][]) {
    if (words.some((w) => normal(w) === word)) return key;
  }
  return null;
}

/** Reads a choice from what follows the item number; null when it is none of the known words. */
export function parseChoice(text: string): FeedbackChoice | null {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  if (TONE.includes(words[0] ?? '')) {
    const tone = find(TONE_WORDS, normal(words.slice(1).join(' ')));
    return tone ? { kind: 'tone', tone } : null;
  }
  const word = normal(words.join(' '));
  if (RIGHT.includes(word)) return { kind: 'right' };
  if (NOT_BRAND.some((w) => normal(w) === word)) return { kind: 'not_brand' };
  const label = find(LABEL_WORDS, word);
  if (label) return { kind: 'label', label };
  return null;
}

/** The canonical word of a choice (what buttons send and `parseChoice` reads back). */
export function choiceWord(choice: FeedbackChoice): string {
  switch (choice.kind) {
    case 'right':
      return 'right';
    case 'label':
      return choice.label;
    case 'not_brand':
      return 'not-this-brand';
    case 'tone':
      return `tone ${choice.tone}`;
  }
}

/** The words to type, for help and error messages: "vacancy, help_wanted, …, right, not-this-brand, tone positive". */
export function choiceList(lang: Lang): string {
  const labels = LABELS.map((l) => (lang === 'ru' ? `${l} (${LABEL_NAMES[l].ru})` : l)).join(', ');
  const tones = SENTIMENT_CLASSES.map((s) => `tone ${s}`).join(', ');
  return lang === 'ru'
    ? `${labels}; right (верно); not-this-brand (не тот бренд); ${tones}`
    : `${labels}; right; not-this-brand; ${tones}`;
}
