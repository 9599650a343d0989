/**
 * Safe FTS5 query text. User text never reaches FTS5 as syntax: every word or phrase is one FTS5 string
 * (in double quotes, inner quotes doubled), so `"`, `*`, `(`, `NEAR`, `OR`, `-` and `:` are only ever text.
 * Strings are folded like the indexed text ({@link foldForSearch}).
 */
import { foldForSearch } from './fold.js';

/** One FTS5 string: `say "hi"` → `"say ""hi"""`. FTS5 tokenizes it like the indexed text. */
export function ftsString(text: string): string {
  return `"${foldForSearch(text).replaceAll('"', '""')}"`;
}
