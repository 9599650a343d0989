const CYRILLIC_WORD = /^[а-яё]+$/i;
const LATIN_WORD = /^[a-z]+$/i;
const HUSHING = /[жшчщц]$/i;
const VELAR_OR_HUSHING = /[гкхжшчщ]$/i;
/** Nouns ending in these vowels do not change with case (пальто, кофе, такси, меню). */
const INDECLINABLE = /^[оеиуюыэё]$/;

/**
 * Singular case forms of a Russian noun, for search queries: X matches whole words and knows no
 * morphology, so `Яндекс` must be sent as `Яндекс OR Яндекса OR Яндексу OR Яндексом OR Яндексе`.
 * Acronyms (МТС, ВТБ) and nouns ending in a vowel other than а/я are indeclinable. Case is preserved
 * from the input; non-Cyrillic words come back alone.
 */
export function russianCaseForms(word: string): string[] {
  if (!CYRILLIC_WORD.test(word) || word.length < 3 || isAcronym(word)) return [word];
  const last = word.slice(-1).toLowerCase();
  const stem = word.slice(0, -1);
  let forms: string[];
  switch (last) {
    case 'а':
      forms = [word, stem + (VELAR_OR_HUSHING.test(stem) ? 'и' : 'ы'), `${stem}е`, `${stem}у`, `${stem}ой`];
      break;
    case 'я':
      // -ия nouns (Россия, вакансия) take -ии where the others take -е.
      forms = [word, `${stem}и`, /и$/i.test(stem) ? `${stem}и` : `${stem}е`, `${stem}ю`, `${stem}ей`];
      break;
    case 'й':
    case 'ь':
      forms = [word, `${stem}я`, `${stem}ю`, `${stem}ем`, /и$/i.test(stem) ? `${stem}и` : `${stem}е`];
      break;
    default:
      forms = INDECLINABLE.test(last)
        ? [word]
        : [word, `${word}а`, `${word}у`, HUSHING.test(word) ? `${word}ем` : `${word}ом`, `${word}е`];
  }
  return [...new Set(forms)];
}

/** Verb endings (infinitive, reflexive, present tense): `искать`, `требуется`, `ищем`, `делают`. */
const RUSSIAN_VERB = /(ть|ти|чь|ся|сь|ешь|ишь|ете|ите|[аеиоуяю]ем|щем|[аеоуя]ют|[аеоуя]ят)$/i;
/** Adjective endings (`удалённый`, `новая`, `хорошие`); -ние/-тие nouns (`обучение`) are not adjectives. */
const RUSSIAN_ADJECTIVE = /(ый|ой|ая|яя|ое|ее|ые|ого|его|ому|ему|ым|ых)$|(?<![нт])ие$/i;

/**
 * The forms of a word of a job or topic term that X must be sent to find it in any case and number, most
 * used first: Russian nouns in their singular and plural cases (`вакансия` → вакансии, вакансию,
 * вакансией, вакансий, вакансиям, вакансиях, вакансиями), English nouns with their plural (`developer` →
 * developers). Words that read as verbs, adjectives or adverbs, acronyms and short words stay as they are.
 * Rule-based: an uncommon noun may get a form that is not a word, which costs query length, never a match.
 */
export function termWordForms(word: string): string[] {
  if (word.length < 3 || isAcronym(word)) return [word];
  if (CYRILLIC_WORD.test(word)) return russianNounForms(word);
  if (LATIN_WORD.test(word)) return englishNounForms(word);
  return [word];
}

function russianNounForms(word: string): string[] {
  if (RUSSIAN_VERB.test(word) || RUSSIAN_ADJECTIVE.test(word)) return [word];
  const lower = word.toLowerCase();
  const cut = (n: number) => word.slice(0, word.length - n);
  let forms: string[];
  if (/ия$/.test(lower)) {
    const s = cut(2);
    forms = [word, `${s}ии`, `${s}ию`, `${s}ией`, `${s}ий`, `${s}иям`, `${s}иях`, `${s}иями`];
  } else if (/[нт]ие$/.test(lower)) {
    const s = cut(2);
    forms = [word, `${s}ия`, `${s}ию`, `${s}ием`, `${s}ии`, `${s}ий`, `${s}иям`, `${s}иях`, `${s}иями`];
  } else if (/ий$/.test(lower)) {
    const s = cut(2);
    forms = [word, `${s}ия`, `${s}ию`, `${s}ием`, `${s}ии`, `${s}иев`, `${s}иям`, `${s}иях`];
  } else {
    const last = lower.slice(-1);
    const s = cut(1);
    switch (last) {
      case 'а': {
        const soft = VELAR_OR_HUSHING.test(s);
        const instr = HUSHING.test(s) ? 'ей' : 'ой';
        forms = [
          word,
          `${s}${soft ? 'и' : 'ы'}`,
          `${s}у`,
          `${s}е`,
          `${s}${instr}`,
          s,
          `${s}ам`,
          `${s}ах`,
          `${s}ами`,
        ];
        break;
      }
      case 'я':
        forms = [word, `${s}и`, `${s}ю`, `${s}е`, `${s}ей`, `${s}ям`, `${s}ях`, `${s}ями`];
        break;
      case 'й':
        forms = [word, `${s}я`, `${s}ю`, `${s}ем`, `${s}е`, `${s}и`, `${s}ев`, `${s}ям`, `${s}ях`];
        break;
      case 'ь':
        forms = [word, `${s}я`, `${s}и`, `${s}ю`, `${s}ем`, `${s}е`, `${s}ей`, `${s}ью`, `${s}ям`, `${s}ях`];
        break;
      default: {
        if (INDECLINABLE.test(last)) return [word];
        const soft = VELAR_OR_HUSHING.test(word);
        const hushing = /[жшчщ]$/i.test(word);
        forms = [
          word,
          `${word}а`,
          `${word}${soft ? 'и' : 'ы'}`,
          `${word}у`,
          `${word}${HUSHING.test(word) ? 'ем' : 'ом'}`,
          `${word}е`,
          `${word}${hushing ? 'ей' : 'ов'}`,
          `${word}ам`,
          `${word}ах`,
          `${word}ами`,
        ];
      }
    }
  }
  return [...new Set(forms)];
}

/**
 * English nouns whose plural a job or topic post writes: people by their trade (`developer`, `analyst`,
 * `engineer`, `designer`) and the words of hiring. Names of languages and tools (`golang`, `react`) stay.
 */
const ENGLISH_PEOPLE = /(er|or|ist|ian|eer|ant)$/i;
const ENGLISH_JOB_NOUNS = new Set([
  'job',
  'role',
  'position',
  'vacancy',
  'opening',
  'internship',
  'intern',
  'contract',
  'gig',
  'lead',
  'team',
  'startup',
  'company',
  'offer',
  'salary',
  'review',
  'interview',
  'bug',
  'release',
  'framework',
  'library',
]);

function englishNounForms(word: string): string[] {
  if (!ENGLISH_PEOPLE.test(word) && !ENGLISH_JOB_NOUNS.has(word.toLowerCase())) return [word];
  if (/(x|z|ch|sh)$/i.test(word)) return [word, `${word}es`];
  if (/[^aeiou]y$/i.test(word)) return [word, `${word.slice(0, -1)}ies`];
  return [word, `${word}s`];
}

function isAcronym(word: string): boolean {
  return word.length <= 5 && word === word.toUpperCase();
}
