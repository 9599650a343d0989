const CYRILLIC_WORD = /^[а-яё]+$/i;
const HUSHING = /[жшчщц]$/i;
const VELAR_OR_HUSHING = /[гкхжшчщ]$/i;

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
      forms = [word, `${stem}и`, `${stem}е`, `${stem}ю`, `${stem}ей`];
      break;
    case 'й':
      forms = [word, `${stem}я`, `${stem}ю`, `${stem}ем`, `${stem}е`];
      break;
    case 'ь':
      forms = [word, `${stem}я`, `${stem}ю`, `${stem}ем`, `${stem}е`];
      break;
    case 'о':
    case 'е':
    case 'и':
    case 'у':
    case 'ю':
    case 'ы':
    case 'э':
      forms = [word];
      break;
    default:
      forms = [word, `${word}а`, `${word}у`, HUSHING.test(word) ? `${word}ем` : `${word}ом`, `${word}е`];
  }
  return [...new Set(forms)];
}

function isAcronym(word: string): boolean {
  return word.length <= 5 && word === word.toUpperCase();
}
