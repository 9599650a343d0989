/** The languages replies exist in. */
export type Lang = 'ru' | 'en';

export const LANGS: readonly Lang[] = ['ru', 'en'];

/** A text in both languages. */
export type Localized = Record<Lang, string>;

/** Picks the text of a language. */
export function t(lang: Lang, text: Localized): string {
  return text[lang];
}

/** The language of a platform locale (`ru`, `ru-RU`, `en-GB`, `uk`…): Russian for ru/uk/be/kk, else English. */
export function langOfLocale(locale: string | null | undefined): Lang {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'ru' || base === 'uk' || base === 'be' || base === 'kk' ? 'ru' : 'en';
}

/** Russian plural form for n: 1 твит, 2 твита, 5 твитов. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** "12 tweets" / "12 твитов". */
export function countOf(lang: Lang, n: number, en: [string, string], ru: [string, string, string]): string {
  const word = lang === 'en' ? (n === 1 ? en[0] : en[1]) : ruPlural(n, ...ru);
  return `${formatNumber(lang, n)} ${word}`;
}

/** Number formats by language and digits: building an Intl.NumberFormat costs ~50 µs, a reply formats dozens. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** 12345 → "12,345" (en) or "12 345" (ru). */
export function formatNumber(lang: Lang, n: number, digits = 0): string {
  const key = `${lang}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    });
    numberFormats.set(key, format);
  }
  return format.format(n).replace(/\u00a0/g, ' ');
}

/** 0.0412 → "4.1%" (en) or "4,1%" (ru). */
export function formatPercent(lang: Lang, ratio: number, digits = 1): string {
  return `${formatNumber(lang, ratio * 100, digits)}%`;
}
