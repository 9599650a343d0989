import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { type FakeXServer, startFakeXServer, type WireUser } from '../fakes/x-api/index.js';
import { tweetBatch, wireUser } from './wire-fixtures.js';

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
}

/** The committed example config with the health server on a free port (tests run side by side). */
const CONFIG = join(mkdtempSync(join(tmpdir(), 'kestrel-cli-config-')), 'kestrel.config.yaml');
writeFileSync(CONFIG, readFileSync('kestrel.config.yaml', 'utf8').replace(/port: 9464/, 'port: 0'));

async function run(argv: string[], env: Record<string, string>, input = '') {
  const out = collect();
  const err = collect();
  const code = await main(
    argv,
    { LOG_LEVEL: 'silent', KESTREL_CONFIG: CONFIG, ...env },
    {
      stdin: Readable.from(input ? [input] : []),
      stdout: out.stream,
      stderr: err.stream,
    },
  );
  return { code, out: out.text(), err: err.text() };
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'kestrel-cli-')), 'kestrel.db');
const count = (path: string, sql: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

let fake: FakeXServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('kestrel CLI', () => {
  it('start with no token replays the demo corpus into SQLite and prints what each watch got', async () => {
    const db = tempDb();
    const first = await run(['start'], { KESTREL_DB: db }, '/stats\n');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Demo mode (no X_BEARER_TOKEN)');
    expect(first.out).toMatch(/brand\s+Yandex\s+\+\s*\d+/);
    expect(first.out).toContain('Digest ·');
    expect(first.out).toMatch(/Tweets stored: \d+/);
    const tweets = count(db, 'SELECT count(*) FROM tweets');
    expect(tweets).toBeGreaterThan(0);
    expect(count(db, 'SELECT count(*) FROM watch_matches')).toBeGreaterThan(0);
    // A second start stores nothing twice.
    const second = await run(['start'], { KESTREL_DB: db });
    expect(second.code).toBe(0);
    expect(second.out).toContain(', 0 new.');
    expect(count(db, 'SELECT count(*) FROM tweets')).toBe(tweets);
  });

  it('start: /feedback follows any list a command answered with, here /mentions', async () => {
    const db = tempDb();
    const session = await run(
      ['start'],
      { KESTREL_DB: db },
      '/mentions yandex 30d\n/feedback 1 not-this-brand\n',
    );
    expect(session.code).toBe(0);
    expect(session.out).toContain('Top mentions by engagement');
    expect(session.out).not.toContain('no list');
    expect(count(db, "SELECT count(*) FROM label_feedback WHERE kind = 'brand' AND brand = 'Yandex'")).toBe(
      1,
    );
  });

  it('db stats reports the store, usage and budget', async () => {
    const db = tempDb();
    await run(['start'], { KESTREL_DB: db });
    const stats = await run(['db', 'stats'], { KESTREL_DB: db });
    expect(stats.code).toBe(0);
    expect(stats.out).toMatch(/tweets\s+\d+/);
    expect(stats.out).toContain('of 15000 budget');
    expect(stats.out).toMatch(
      /X reads today {3}0 posts billed in 0 requests, 0 re-reads \(free\), 0 counts requests; \$0\.00/,
    );
    expect(stats.out).toMatch(/by month end ≈ \$0\.00/);
    expect(stats.out).toContain(
      'X prices        $0.005 a post read, $0.005 a counts request; at most 100 posts a watch a day',
    );
  });

  it('replay FILE stores recorded pages once', async () => {
    const db = tempDb();
    const users: WireUser[] = Array.from({ length: 20 }, (_, i) => wireUser(i));
    const now = Date.UTC(2026, 10, 20);
    const tweets = tweetBatch(250, now - 3_600_000, now, 1, users);
    const pages = [tweets.slice(0, 100), tweets.slice(100, 200), tweets.slice(200)].map((data) =>
      JSON.stringify({ data, includes: { users }, meta: { result_count: data.length } }),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'kestrel-replay-')), 'pages.jsonl');
    writeFileSync(file, `${pages.join('\n')}\n`);
    const first = await run(['replay', file], { KESTREL_DB: db });
    expect(first.out).toContain('replayed 250 tweets: 250 new');
    const again = await run(['replay', file], { KESTREL_DB: db });
    expect(again.out).toContain('replayed 250 tweets: 0 new');
    expect(count(db, 'SELECT count(*) FROM tweets')).toBe(250);
  });

  it('poll --once with a token polls the X API (the fake, by X_API_BASE_URL)', async () => {
    fake = await startFakeXServer({ bearerToken: 'secret' });
    const users = Array.from({ length: 10 }, (_, i) => wireUser(i));
    fake.addUsers(users);
    fake.addTweets(tweetBatch(80, Date.now() - 3_600_000, Date.now() - 60_000, 2, users));
    const db = tempDb();
    const env = { KESTREL_DB: db, X_BEARER_TOKEN: 'secret', X_API_BASE_URL: fake.url };
    const result = await run(['poll', '--once'], env);
    expect(result.out).toMatch(/^ok: \d+ queries/);
    expect(fake.requests.filter((r) => r.path === '/2/tweets/search/recent').length).toBeGreaterThan(0);
    expect(count(db, 'SELECT count(*) FROM tweets')).toBeGreaterThan(0);
    const wrong = await run(['poll', '--once'], { ...env, X_BEARER_TOKEN: 'wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('failed');
  });

  it('a bad config stops start-up naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-cfg-'));
    writeFileSync(join(dir, 'bad.yaml'), 'poll:\n  schedule: "at noon"\n');
    await expect(
      run(['db', 'stats'], { KESTREL_CONFIG: join(dir, 'bad.yaml'), KESTREL_DB: tempDb() }),
    ).rejects.toThrow(/poll.schedule = "at noon"/);
  });
});

describe('kestrel chat --exec', () => {
  it('runs one command on the stored data, in the chosen language and context', async () => {
    const db = tempDb();
    await run(['start'], { KESTREL_DB: db });
    const mentions = await run(['chat', '--exec', '/mentions yandex 7d', '--lang', 'ru'], { KESTREL_DB: db });
    expect(mentions.code).toBe(0);
    expect(mentions.out).toContain('Упоминания Yandex');
    const refused = await run(
      ['chat', '--exec', '/watch add topic rust', '--as', 'member', '--chat', 'group'],
      {
        KESTREL_DB: db,
      },
    );
    expect(refused.out).toMatch(/admin/i);
    const wrong = run(['chat', '--exec', '/help', '--lang', 'de'], { KESTREL_DB: db });
    await expect(wrong).rejects.toThrow(/--lang must be one of ru, en/);
  });
});
