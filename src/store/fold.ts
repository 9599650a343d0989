/**
 * The text form the full-text index stores and is queried with: NFKC, lower case, ё→е.
 * SQLite's unicode61 tokenizer folds case but treats ё and е as different letters; folding here makes
 * `Ёлка`, `ёлка` and `елка` one word.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('ё', 'е');
}
