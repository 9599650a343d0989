/**
 * Word forms read from the full-text index's vocabulary, remembered while the index is unchanged. Listing the
 * forms of a common stem walks each form's whole posting list (fts5vocab counts them), about 5 ms for a word in
 * a fifth of a million tweets, on every `/mentions` of it. FTS5 rewrites its structure record (rowid 10 of
 * `tweets_fts_data`, which counts every segment written) whenever an insert or merge changes the index, so an
 * unchanged record means an unchanged vocabulary. Where the record cannot be read, nothing is remembered.
 */
import type { Db } from './database.js';

/** Lists remembered at most; the oldest goes first. */
const ENTRIES = 256;

export interface VocabularyCache {
  /** The list under `key` if the index has not changed since it was computed, else `compute()` (remembered). */
  remember(key: string, compute: () => string[]): string[];
}

export function createVocabularyCache(db: Db): VocabularyCache {
  const structure = db.prepare('SELECT block FROM tweets_fts_data WHERE id = 10').pluck();
  const lists = new Map<string, string[]>();
  let version: Buffer | null = null;
  return {
    remember(key, compute) {
      const now = structure.get() as Buffer | undefined;
      if (!now) return compute();
      if (!version?.equals(now)) {
        lists.clear();
        version = Buffer.from(now);
      }
      const known = lists.get(key);
      if (known) return [...known];
      const list = compute();
      if (lists.size >= ENTRIES) lists.delete(lists.keys().next().value as string);
      lists.set(key, list);
      return [...list];
    },
  };
}
