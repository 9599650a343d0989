import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorLine, main } from '../../src/main.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';

async function run(argv: string[], env: Record<string, string>) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => {
    text += String(chunk);
  });
  const code = await main(
    argv,
    { LOG_LEVEL: 'silent', ...env },
    { stdin: Readable.from([]), stdout: out, stderr: new PassThrough() },
  );
  return { code, out: text };
}

const criteria = {
  keywords: ['golang'],
  remoteOnly: true,
  minSalary: null,
  salaryCurrency: null,
  location: null,
};

describe('kestrel forget --user <platform:id>', () => {
  it('deletes one person and their private chat, and nobody else', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kestrel-forget-')), 'kestrel.db');
    const db = openDatabase(path);
    const subscriptions = createSubscriptionStore(db);
    const chats = createChatStore(db);
    for (const id of ['telegram:5342492667', 'telegram:412345678']) {
      subscriptions.subscribe({ userId: id, chatId: id, timezone: 'Europe/Moscow' }, criteria, 1);
      chats.save({ id, kind: 'private', title: `person ${id}` }, { lang: 'ru' }, 1);
    }
    db.close();

    const first = await run(['forget', '--user', 'telegram:5342492667'], { KESTREL_DB: path });
    expect(first.code).toBe(0);
    expect(first.out).toBe(
      'forgot telegram:5342492667: 1 job alerts (+0 removed), the subscriber record, 0 alert deliveries, ' +
        '1 private chat settings, 0 outbox messages, 0 digest runs, 0 watches stopped, 0 feedback votes (their items decided again)\n',
    );
    const again = await run(['forget', '--user', 'telegram:5342492667'], { KESTREL_DB: path });
    expect(again.out).toBe('nothing is kept about telegram:5342492667\n');

    const check = openDatabase(path);
    const n = (sql: string, id: string) => check.prepare(sql).pluck().get(id) as number;
    expect(n('SELECT count(*) FROM subscribers WHERE user_id = ?', 'telegram:5342492667')).toBe(0);
    expect(n('SELECT count(*) FROM chats WHERE id = ?', 'telegram:5342492667')).toBe(0);
    expect(n('SELECT count(*) FROM job_subscriptions WHERE user_id = ?', 'telegram:412345678')).toBe(1);
    expect(n('SELECT count(*) FROM chats WHERE id = ?', 'telegram:412345678')).toBe(1);
    check.close();
  });

  it('refuses a missing or malformed person with one clear line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kestrel-forget-')), 'kestrel.db');
    for (const argv of [
      ['forget'],
      ['forget', '--user', '5342492667'],
      ['forget', '--user', "telegram:1' OR 1=1"],
    ]) {
      const error = await run(argv, { KESTREL_DB: path }).catch((e: unknown) => e);
      expect(errorLine(error)).toMatch(
        /^forget needs --user <platform:id>, e\.g\. --user telegram:5342492667/,
      );
    }
  });
});
