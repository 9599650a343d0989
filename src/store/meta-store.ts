import type { Db } from './database.js';

/** Small named values the store keeps about itself (e.g. the time shift of the replayed demo corpus). */
export interface MetaStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function createMetaStore(db: Db): MetaStore {
  const select = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const upsert = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key) => (select.get(key) as string | undefined) ?? null,
    set: (key, value) => {
      upsert.run(key, value);
    },
  };
}
