import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { KestrelError } from '../errors.js';
import { foldForSearch } from './fold.js';
import { migrations } from './migrations.js';
import { describeSqliteError } from './sqlite-errors.js';

export type Db = Database.Database;

/**
 * Opens (creating if absent) the SQLite database at `path`, in WAL mode, and migrates it to the latest
 * schema. Call once per process; pass the handle to the stores. `:memory:` is accepted for tests.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (cause) {
    throw new KestrelError(
      'STORE_FAILED',
      describeSqliteError(cause, path) ?? `Cannot open the database ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  try {
    prepare(db);
  } catch (cause) {
    db.close();
    const line = describeSqliteError(cause, path);
    if (!line) throw cause;
    throw new KestrelError('STORE_FAILED', line, { cause });
  }
  return db;
}

function prepare(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Read pages straight from the OS page cache instead of copying each into SQLite's 2 MB cache: a store of a
  // million tweets is ~0.5 GB, and /mentions or a digest over a month visits pages all over it. Address space
  // only; no memory is reserved. Beyond 1 GiB, pages are read as usual.
  db.pragma('mmap_size = 1073741824');
  // better-sqlite3 builds SQLite with a 16 MB page cache per database (main and temp). Reads come from the
  // map above, so the cache mostly holds temp tables, sorts and dirty pages: SQLite's own 2 MB keeps the
  // memory of one big /mentions call bounded (a word in 20% of a million tweets: about 20 MB less).
  db.pragma('cache_size = -2000');
  // Migration 14 rebuilds the full-text index from the tweets with the same folding as the tweet writer.
  db.function('kestrel_fold', { deterministic: true }, (text) => foldForSearch(String(text ?? '')));
  migrate(db);
}

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new KestrelError(
      'STORE_FAILED',
      `The database is at schema version ${current}, newer than this Kestrel (${migrations.length}). Upgrade Kestrel.`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}
