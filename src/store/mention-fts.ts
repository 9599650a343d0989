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

/** A part of a query: a phrase (words in order), a phrase prefix (`"яндекс" *`), or any of several words. */
export type FtsPart = { phrase: readonly string[]; prefix?: boolean } | { anyOf: readonly string[] };

/** Every part must match (AND). Parts with nothing to search are skipped; returns '' when none is left. */
export function ftsQuery(parts: readonly FtsPart[]): string {
  const out: string[] = [];
  for (const part of parts) {
    if ('anyOf' in part) {
      const words = part.anyOf.filter((w) => w.trim().length > 0);
      if (words.length === 1) out.push(ftsString(words[0] as string));
      else if (words.length > 1) out.push(`(${words.map(ftsString).join(' OR ')})`);
    } else {
      const text = part.phrase.join(' ').trim();
      if (text.length > 0) out.push(part.prefix ? `${ftsString(text)} *` : ftsString(text));
    }
  }
  return out.join(' AND ');
}
