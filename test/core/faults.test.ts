import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { textReply } from '../../src/chat/reply.js';
import { openDatabase } from '../../src/store/database.js';
import { createOutboxStore } from '../../src/store/outbox-store.js';
import { startFakeXServer } from '../fakes/x-api/index.js';
import { configWith, runKestrel, startKestrel } from './kestrel-child.js';

const DECIDED = 40;
const config = configWith([['port: 9464', 'port: 0']]);
const dirs: string[] = [];
const mounts: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const mount of mounts) execFileSync('umount', [mount]);
  for (const close of closers) await close();
});

/** A database holding decided, unsent messages (the ones that must never be lost). */
function decidedDb(dir = mkdtempSync(join(tmpdir(), 'kestrel-faults-'))): string {
  dirs.push(dir);
  const path = join(dir, 'kestrel.db');
  const db = openDatabase(path);
  const outbox = createOutboxStore(db);
  db.transaction(() => {
    for (let i = 0; i < DECIDED; i++)
      outbox.enqueue(
        {
          key: `alert:${i}`,
          target: `telegram:${1000 + i}`,
          reply: textReply('v', `vacancy ${i}`),
          notBefore: 0,
        },
        0,
      );
  })();
  db.close();
  return path;
}

/** Still there, and the file is sound. */
function expectDecidedKept(path: string): void {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck().get()).toBe(DECIDED);
  } finally {
    db.close();
  }
}

/** One line on stderr starting `kestrel:`, no stack frames. */
function expectOneClearLine(stderr: string, pattern: RegExp): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('{'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^kestrel: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const canMount = (() => {
  try {
    const probe = mkdtempSync(join(tmpdir(), 'kestrel-mount-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  }
})();

describe('disk and database faults: one clear line, never a stack trace, never a lost decided message', {
  timeout: 60_000,
}, () => {
  it('a database locked by another process', async () => {
    const path = decidedDb();
    const holder = new Database(path);
    holder.pragma('busy_timeout = 0');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const run = await runKestrel(['start'], { KESTREL_CONFIG: config, KESTREL_DB: path });
      expect(run.code).not.toBe(0);
      expectOneClearLine(run.stderr, /is locked by another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expectDecidedKept(path);
  });

  it('a corrupted database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-faults-'));
    const path = join(dir, 'kestrel.db');
    writeFileSync(path, Buffer.concat([Buffer.from('not a database at all '), Buffer.alloc(8192, 7)]));
    const run = await runKestrel(['start'], { KESTREL_CONFIG: config, KESTREL_DB: path });
    expect(run.code).not.toBe(0);
    expectOneClearLine(run.stderr, /is damaged or not a Kestrel database.*restore a backup/);
  });

  it('a full disk (a file-size limit just above the database)', async () => {
    const path = decidedDb();
    const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    const blocks = Math.ceil((size(path) + size(`${path}-wal`)) / 512) + 8;
    // The demo replay must store thousands of tweets: the file cannot grow that far.
    const run = await runKestrel(
      ['start'],
      { KESTREL_CONFIG: config, KESTREL_DB: path },
      { fileSizeBlocks: blocks },
    );
    expect(run.code).not.toBe(0);
    expectOneClearLine(run.stderr, /cannot grow .*disk is full or a file-size limit/);
    expectDecidedKept(path);
  });

  it.skipIf(!canMount)('a read-only data directory (a tmpfs remounted read-only)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-ro-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
    mounts.push(dir);
    mkdirSync(join(dir, 'data'));
    const path = decidedDb(join(dir, 'data'));
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const run = await runKestrel(['start'], { KESTREL_CONFIG: config, KESTREL_DB: path });
    expect(run.code).not.toBe(0);
    expectOneClearLine(run.stderr, /writable/);
    execFileSync('mount', ['-o', 'remount,rw', dir]);
    expectDecidedKept(path);
  });

  it('a second kestrel start on the same database refuses; the first stops on SIGTERM, cleanly', async () => {
    const path = decidedDb();
    // Polling (a token, the fake X) keeps the first one running without a terminal.
    const x = await startFakeXServer({ bearerToken: 'x-token' });
    closers.push(() => x.close());
    const first = startKestrel(['start'], {
      KESTREL_CONFIG: config,
      KESTREL_DB: path,
      X_BEARER_TOKEN: 'x-token',
      X_API_BASE_URL: x.url,
      LOG_LEVEL: 'info',
    });
    await first.waitFor('health and metrics at');
    const second = await runKestrel(['start'], { KESTREL_CONFIG: config, KESTREL_DB: path });
    expect(second.code).not.toBe(0);
    expectOneClearLine(second.stderr, /Another kestrel start is already running on/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.stderr()).toContain('shut down cleanly');
  });
});
