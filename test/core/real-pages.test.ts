import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tweetItem } from '../../src/digest/format.js';
import { errorLine, main } from '../../src/main.js';
import type { DigestTweet } from '../../src/store/digest-queries.js';
import { parsePage } from '../../src/x/wire.js';

const digestTweet: DigestTweet = {
  seq: 1,
  id: '1346889436626259968',
  text: '',
  createdAt: Date.UTC(2021, 0, 6),
  lang: 'ru',
  username: 'someone',
  name: '',
  followers: 0,
  likes: 0,
  retweets: 0,
  replies: 0,
  quotes: 0,
  impressions: null,
  conversationId: null,
  replyTo: null,
  quoteOf: null,
  retweetOf: null,
  label: 'vacancy',
  sentiment: 'neutral',
  vacancy: null,
  watchIds: [],
};

const SHARED = resolve(import.meta.dirname, '../../../shared/fixtures/x-api');
const HAVE_SHARED = existsSync(SHARED);
if (!HAVE_SHARED) console.warn(`[real pages] skipping the recorded withheld pages: ${SHARED} not found`);

async function replay(file: string, db: string) {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  const code = await main(
    ['replay', file, '--no-shift'],
    { LOG_LEVEL: 'silent', KESTREL_DB: db },
    {
      stdin: Readable.from([]),
      stdout,
      stderr: new PassThrough(),
    },
  );
  return { code, out };
}

const dir = () => mkdtempSync(join(tmpdir(), 'kestrel-pages-'));
const query = <T>(db: string, sql: string): T[] => {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare(sql).all() as T[];
  } finally {
    handle.close();
  }
};

/**
 * The shape of X's documented recent-search answer when `tweet.fields=created_at,author_id` is asked without
 * `expansions=author_id`: tweets name their authors, and no `includes` describes them.
 */
const documentedPage = {
  data: [
    {
      author_id: '2244994945',
      created_at: '2021-01-06T18:40:40.000Z',
      id: '1346889436626259968',
      edit_history_tweet_ids: ['1346889436626259968'],
      text: 'Learn how to use the user Tweet timeline and user mention timeline endpoints in the X API v2',
    },
  ],
  meta: { newest_id: '1346889436626259968', oldest_id: '1346889436626259968', result_count: 1 },
};

describe('real X pages never crash a replay', () => {
  it('stores a tweet whose author is not in includes with an unknown author, filled in by a later page', async () => {
    const d = dir();
    const file = join(d, 'documented.jsonl');
    const db = join(d, 'k.db');
    writeFileSync(file, `${JSON.stringify(documentedPage)}\n`);
    const first = await replay(file, db);
    expect(first.code).toBe(0);
    expect(first.out).toContain('replayed 1 tweets: 1 new');
    expect(query(db, 'SELECT id, username, unknown FROM authors')).toEqual([
      { id: '2244994945', username: '', unknown: 1 },
    ]);
    const withAuthor = {
      ...documentedPage,
      includes: { users: [{ id: '2244994945', name: 'Developers', username: 'XDevelopers' }] },
    };
    const later = join(d, 'later.jsonl');
    writeFileSync(later, `${JSON.stringify(withAuthor)}\n`);
    expect((await replay(later, db)).code).toBe(0);
    expect(query(db, 'SELECT id, username, unknown FROM authors')).toEqual([
      { id: '2244994945', username: 'XDevelopers', unknown: 0 },
    ]);
    // A page without the author again does not make it unknown once more.
    await replay(file, db);
    expect(query(db, 'SELECT username, unknown FROM authors')).toEqual([
      { username: 'XDevelopers', unknown: 0 },
    ]);
  });

  it('accepts an empty page, errors beside data, and a page without created_at (read from the id)', async () => {
    const page = parsePage({
      data: [{ id: '1346889436626259968', text: 'hi', author_id: '1' }],
      errors: [
        { value: 'x', detail: 'User has been suspended: [x].', title: 'Forbidden', resource_type: 'user' },
      ],
    });
    expect(page.tweets[0]?.createdAt).toBe(Date.parse('2021-01-06T18:40:40.344Z'));
    expect(parsePage({ meta: { result_count: 0 } }).tweets).toEqual([]);
  });

  it.skipIf(!HAVE_SHARED)(
    'replays the recorded withheld.jsonl pages, six tweets of whose authors are missing',
    async () => {
      const d = dir();
      const db = join(d, 'k.db');
      const result = await replay(join(SHARED, 'withheld.jsonl'), db);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/replayed \d+ tweets/);
      const unknown = query<{ n: number }>(db, 'SELECT count(*) AS n FROM authors WHERE unknown = 1');
      expect(unknown[0]?.n).toBeGreaterThanOrEqual(6);
      const orphans = query<{ n: number }>(
        db,
        'SELECT count(*) AS n FROM tweets t LEFT JOIN authors a ON a.id = t.author_id WHERE a.id IS NULL',
      );
      expect(orphans[0]?.n).toBe(0);
    },
  );

  it('names the file line and the field of a page X would never send, in one line', async () => {
    const d = dir();
    const file = join(d, 'bad.jsonl');
    const good = JSON.stringify(documentedPage);
    const bad = JSON.stringify({
      data: [{ id: '1346889436626259969', text: 'no author', created_at: '2021-01-06T18:40:40.000Z' }],
    });
    writeFileSync(file, `${good}\n\n${bad}\n`);
    const error = await replay(file, join(d, 'k.db')).catch((e: unknown) => e);
    expect(errorLine(error)).toBe(`${file} line 3: data[0].author_id is missing (a string was expected)`);
    writeFileSync(file, `${good}\n{"data": [\n`);
    const notJson = await replay(file, join(d, 'k2.db')).catch((e: unknown) => e);
    expect(errorLine(notJson)).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2 is not JSON \\(`),
    );
    expect(errorLine(notJson)).not.toContain('\n');
  });

  it('prints anything unexpected as one line, never a stack trace', () => {
    const error = new TypeError('boom');
    expect(errorLine(error)).toBe(
      'TypeError: boom (an unexpected error; LOG_LEVEL=debug logs where it came from)',
    );
    expect(errorLine(error)).not.toMatch(/\n|\bat /);
  });

  it('stores a long post whole and the digest shortens it when it shows it; an unknown author has no handle', async () => {
    const full = `${'Ищем в команду платформы данных инженера, который любит надёжные системы. '.repeat(6)}Стек: kafka.`;
    const d = dir();
    const file = join(d, 'long.jsonl');
    const db = join(d, 'k.db');
    const post = { ...documentedPage.data[0], text: `${full.slice(0, 276)}…`, note_tweet: { text: full } };
    writeFileSync(file, `${JSON.stringify({ ...documentedPage, data: [post] })}\n`);
    expect((await replay(file, db)).code).toBe(0);
    expect(query<{ text: string }>(db, 'SELECT text FROM tweets')[0]?.text).toBe(full);
    const item = tweetItem({ ...digestTweet, text: full, username: '' });
    expect([...item.text].length).toBeLessThanOrEqual(220);
    expect(item.text.endsWith('…')).toBe(true);
    expect(item.author).toBeUndefined();
    expect(item.link).toBe(`https://x.com/i/status/${digestTweet.id}`);
  });

  it('reads a long post in full from note_tweet, with the entities of the full text', () => {
    const full = `${'Ищем разработчика в команду платформы. '.repeat(8)}Стек: golang, #kafka, пишите @hr_team`;
    const page = parsePage({
      data: [
        {
          id: '1346889436626259968',
          author_id: '1',
          created_at: '2021-01-06T18:40:40.000Z',
          text: `${full.slice(0, 276)}…`,
          note_tweet: {
            text: full,
            entities: {
              hashtags: [{ start: 330, end: 336, tag: 'kafka' }],
              mentions: [{ start: 345, end: 353, username: 'hr_team' }],
            },
          },
        },
      ],
    });
    expect(page.tweets[0]?.text).toBe(full);
    expect(page.tweets[0]?.hashtags).toEqual(['kafka']);
    expect(page.tweets[0]?.mentions).toEqual(['hr_team']);
  });
});
