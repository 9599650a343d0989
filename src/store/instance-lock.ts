import Database from 'better-sqlite3';
import { KestrelError } from '../errors.js';

/** Held while `kestrel start` runs on a database. */
export interface InstanceLock {
  readonly path: string;
  release(): void;
}

/**
 * One `kestrel start` per database: an exclusive SQLite lock on `<database>.lock`, held for the life of
 * the process. The operating system drops it when the process ends, however it ends (a SIGKILL, a crash),
 * so a killed Kestrel never leaves a stale lock behind; a second start on the same database is refused
 * with one clear line. In-memory databases need no lock.
 */
export function acquireInstanceLock(dbPath: string): InstanceLock | null {
  if (dbPath === ':memory:' || dbPath === '') return null;
  const path = `${dbPath}.lock`;
  let lock: Database.Database;
  try {
    lock = new Database(path, { timeout: 0 });
  } catch (error) {
    throw new KestrelError(
      'STORE_FAILED',
      `Cannot create the lock file ${path}: ${(error as Error).message} (is the data directory writable?)`,
      { cause: error },
    );
  }
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new KestrelError(
        'ALREADY_RUNNING',
        `Another kestrel start is already running on ${dbPath} (it holds ${path}); stop it first, or give this one its own database with --db or storage.path`,
        { cause: error },
      );
    }
    throw new KestrelError('STORE_FAILED', `Cannot lock ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    path,
    release() {
      if (!lock.open) return;
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    },
  };
}
