/**
 * What a SQLite failure means for the person running Kestrel, in one line with the fix; null when the error
 * is not SQLite's. Used where the database is opened and where the CLI prints a failure.
 */
export function describeSqliteError(error: unknown, path?: string): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const db = path ? `the database ${path}` : 'the database';
  const raw = (error as Error).message;
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'))
    return `${db} is damaged or not a Kestrel database (${raw}): restore a backup, or move it away to start afresh`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `${db} is locked by another process (${raw}): stop the other process (another Kestrel, a backup tool) and start again`;
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return `${db} cannot be written (${raw}): make its directory writable for this user`;
  if (code.startsWith('SQLITE_FULL') || code === 'SQLITE_IOERR_WRITE' || code.startsWith('SQLITE_IOERR'))
    return `${db} cannot grow (${raw}): the disk is full or a file-size limit was reached; free space and start again`;
  return `${db} failed: ${raw} (${code})`;
}
