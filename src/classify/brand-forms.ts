/**
 * Word forms of one alias part, for the brand matcher. Russian inflection is a closed list of noun
 * endings chosen by the part's final letter, so a brand matches its own declined forms (Яндекса,
 * о Сбербанке, Альфы) and never a look-alike word that merely starts with it (сбережения, билайнер,
 * индекс). Latin parts and digits match exactly; Russian acronyms (МТС, ВТБ) of 3+ letters take only the
 * colloquial glued endings (МТСа, МТСом, мтсовский, мтсная), 2-letter ones (ВК) none.
 */

/** Russian vowels: a part with none of them (МТС, ВТБ, РСХБ) is an acronym. */
const VOWELS = /[аеёиоуыэюя]/;
const CYRILLIC_ONLY = /^[а-яё]+$/;
/** Letters after which Russian writes и, not ы. */
const HUSHING_OR_VELAR = /[гкхжшчщ]$/;
const HUSHING = /[жшчщц]$/;

/** Possessive adjective made from the brand (мегафоновский модем, билайновскую симку, мтсовского). */
const POSSESSIVE_ADJECTIVE = ['ий', 'ая', 'ое', 'ие', 'ого', 'ой', 'ому', 'ую', 'им', 'ом', 'их', 'ими'].map(
  (e) => `овск${e}`,
);
/** Hard masculine nouns (Сбербанк, Билайн, Мегафон, Ростелеком): singular cases, then plural ones. */
const MASCULINE = ['', 'а', 'у', 'ом', 'е'];
const MASCULINE_PLURAL = ['ов', 'ам', 'ами', 'ах'];
/** Feminine nouns in -а (Альфа): а, ы/и, е, у, ой, ою; plural ам, ами, ах. */
const FEMININE_A = ['а', 'е', 'у', 'ой', 'ою'];
const FEMININE_A_PLURAL = ['ам', 'ами', 'ах'];
/** Soft nouns in -я. */
const SOFT_YA = ['я', 'и', 'е', 'ю', 'ей', 'ею'];
const SOFT_YA_PLURAL = ['ям', 'ями', 'ях'];
/** Masculine nouns in -й. */
const SOFT_J = ['й', 'я', 'ю', 'ем', 'е'];
const SOFT_J_PLURAL = ['и', 'ев', 'ям', 'ями', 'ях'];
/** Nouns in -ь (either gender). */
const SOFT_SIGN = ['ь', 'я', 'ю', 'ем', 'е', 'и', 'ью'];
const SOFT_SIGN_PLURAL = ['ей', 'ям', 'ями', 'ях'];
/** Adjective endings, for names that are adjectives (Связной). */
const ADJECTIVE = [
  'ый',
  'ий',
  'ой',
  'ая',
  'яя',
  'ое',
  'ее',
  'ого',
  'его',
  'ому',
  'ему',
  'ую',
  'юю',
  'ым',
  'им',
  'ом',
  'ем',
];
/** Colloquial case endings and adjectives of acronyms of 3+ letters (МТСа, МТСом, мтсовский, мтсная сеть). */
const ACRONYM = [
  'а',
  'у',
  'ом',
  'е',
  'ами',
  'ах',
  ...['ий', 'ая', 'ое', 'ие', 'ого', 'ой', 'ому', 'ую', 'им', 'ом', 'их', 'ими'].map((e) => `овск${e}`),
  ...['ый', 'ая', 'ое', 'ые', 'ого', 'ой', 'ому', 'ую', 'ым', 'ом', 'ых', 'ыми'].flatMap((e) => [
    `н${e}`,
    `шн${e}`,
  ]),
];
/** Plural endings, used only for exclusions ending in ы/и (Яндекс.Деньги → Яндекс.Деньгами). */
const PLURAL = ['ам', 'ами', 'ах', 'ов', 'ей'];

/** Options for {@link partForms}. */
export interface PartFormOptions {
  /** The part was typed in capitals and is short (МТС, ВТБ): treat it as an indeclinable acronym. */
  acronym: boolean;
  /** Also accept plural forms of parts ending in ы/и (for exclusion phrases, where over-matching is safe). */
  lenient: boolean;
  /** Accept plural case forms too (single-word aliases); parts of multi-word aliases take singular forms only. */
  plural: boolean;
}

/**
 * All accepted forms of one normalised (lower-case, ё→е) alias part. Cyrillic nouns get the endings of
 * their declension by final letter; acronyms, words ending in other vowels, Latin words and numbers
 * get only themselves.
 */
export function partForms(part: string, options: PartFormOptions): string[] {
  if (!CYRILLIC_ONLY.test(part)) return [part];
  if (options.acronym || !VOWELS.test(part)) {
    return part.length >= 3 ? [part, ...ACRONYM.map((e) => part + e)] : [part];
  }
  if (part.length < 3) return [part];
  const last = part.slice(-1);
  const stem = part.slice(0, -1);
  const plural = options.plural;
  if (last === 'а') {
    const ending = HUSHING_OR_VELAR.test(stem) ? 'и' : 'ы';
    return withEndings(stem, [...FEMININE_A, ending], plural ? FEMININE_A_PLURAL : []);
  }
  if (last === 'я') return withEndings(stem, SOFT_YA, plural ? SOFT_YA_PLURAL : []);
  if (last === 'ь') return withEndings(stem, SOFT_SIGN, plural ? SOFT_SIGN_PLURAL : []);
  if (last === 'й') {
    if (/[ыио]й$/.test(part)) return withEndings(part.slice(0, -2), ADJECTIVE, []);
    return withEndings(stem, SOFT_J, plural ? SOFT_J_PLURAL : []);
  }
  if (VOWELS.test(last)) {
    if (options.lenient && (last === 'ы' || last === 'и')) return [part, ...PLURAL.map((e) => stem + e)];
    return [part];
  }
  const pluralEndings = plural ? [...MASCULINE_PLURAL, HUSHING_OR_VELAR.test(part) ? 'и' : 'ы'] : [];
  const singular = HUSHING.test(part) ? [...MASCULINE, 'ем'] : MASCULINE;
  return withEndings(part, [...singular, ...POSSESSIVE_ADJECTIVE], pluralEndings);
}

function withEndings(stem: string, endings: readonly string[], more: readonly string[]): string[] {
  return [...endings, ...more].map((e) => stem + e);
}

/** True when a part as the user typed it is an acronym: no Russian vowel, or 2–4 capital letters. */
export function isAcronym(typed: string): boolean {
  if (/^[А-ЯЁ]{2,4}$/.test(typed)) return true;
  return CYRILLIC_ONLY.test(typed.toLowerCase()) && !VOWELS.test(typed.toLowerCase());
}
