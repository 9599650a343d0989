/**
 * `/mentions … csv`: hostile texts survive a CSV library's parse unchanged (formula prefixes neutralised), the
 * file is UTF-8 with a BOM, and it goes out as a document through the real Telegram and Slack clients to the
 * fakes, and to data/exports in the console.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../adapters/console/render.js';
import { createMentionsCommand } from '../../commands/mentions.js';
import { EXPORT_COLUMNS } from '../../commands/mentions-export.js';
import type { Reply, ReplyFile } from '../../src/chat/reply.js';
import { createCsvWriter } from '../../src/export/csv.js';
import { createMentionQueries } from '../../src/store/mention-queries.js';
import { createWatchStore } from '../../src/store/watch-store.js';
import { type CorpusTweet, NOW, storeCorpus } from '../query/corpus.js';
import { CHANNEL, type SlackHarness, startHarness } from '../slack/harness.js';
import { telegramHarness } from '../telegram/harness.js';
import { makeContext } from './demo-store.js';

const HOSTILE: CorpusTweet[] = [
  { key: 'h1', text: 'отчёт: "quoted", comma, and\nnew line', author: 'anna', lang: 'ru', hoursAgo: 5 },
  { key: 'h2', text: '=cmd() report HYPERLINK("http://x")', author: 'boris', lang: 'en', hoursAgo: 4 },
  { key: 'h3', text: '+1 report', author: 'anna', lang: 'en', hoursAgo: 3 },
  { key: 'h4', text: '-2 report\r\nwith CRLF', author: 'anna', lang: 'en', hoursAgo: 2 },
  { key: 'h5', text: '@kate report ёлка 🙂', author: 'kate', lang: 'ru', hoursAgo: 1, mentions: ['kate'] },
  { key: 'h6', text: '\treport after a tab, "" and ,,', author: 'kate', lang: 'en', hoursAgo: 1 },
];

let reply: Reply;
let file: ReplyFile;

beforeAll(async () => {
  const { db } = storeCorpus(HOSTILE);
  const command = createMentionsCommand({ queries: createMentionQueries(db), watches: createWatchStore(db) });
  reply = await command.run(makeContext({ now: NOW }), 'report OR отчет 7d csv');
  const block = reply.blocks.find((b) => b.type === 'file');
  if (block?.type !== 'file') throw new Error('no file in the reply');
  file = block.file;
});

describe('/mentions … csv', () => {
  it('parses back with a CSV library to the same rows, formula starts neutralised', () => {
    const bytes = Buffer.from(file.bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
    expect(records[0]).toEqual([...EXPORT_COLUMNS]);
    const rows = records.slice(1);
    expect(rows).toHaveLength(HOSTILE.length);
    const byText = new Map(rows.map((r) => [r[4], r]));
    const neutral = (t: string) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
    for (const tweet of HOSTILE) {
      const row = byText.get(neutral(tweet.text));
      expect(row, tweet.text).toBeDefined();
      expect(row?.[2]).toBe(tweet.author);
      expect(row?.[1]).toMatch(new RegExp(`^https://x\\.com/${tweet.author}/status/\\d+$`));
      expect(row?.[0]).toBe(new Date(NOW - tweet.hoursAgo * 3_600_000 - 60_000).toISOString());
      expect(row?.[5]).toBe('discussion');
    }
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0] as string)].sort());
    expect(reply.blocks[0]).toMatchObject({ type: 'text', text: '6 mentions, one row each (times in UTC).' });
    expect(file.filename).toBe('mentions-report-or-7d.csv');
  });

  it('writes RFC 4180 fields: quotes doubled, CRLF between records', () => {
    const csv = createCsvWriter(['a', 'b']);
    csv.add(['say "hi", bye', 3]);
    csv.add(['=SUM(A1)', null]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes())).toBe(
      '\uFEFFa,b\r\n"say ""hi"", bye",3\r\n\'=SUM(A1),\r\n',
    );
  });

  it('stops at the row limit and says so', async () => {
    const { db } = storeCorpus(HOSTILE);
    const { exportReply } = await import('../../commands/mentions-export.js');
    const { parseQuery } = await import('../../src/query/parse.js');
    const parsed = parseQuery('report');
    if (!parsed.ok) throw new Error('query');
    const { PERIODS } = await import('../../commands/args/period.js');
    const small = exportReply({
      ctx: makeContext({ now: NOW }),
      queries: createMentionQueries(db),
      root: parsed.query.root,
      name: '"report"',
      period: PERIODS['7d'],
      from: NOW - 7 * 86_400_000,
      to: NOW,
      maxRows: 2,
    });
    expect(small.blocks[0]).toMatchObject({
      text: expect.stringContaining('Only the first 2, oldest first'),
    });
  });

  it('saves the file under data/exports in the console and prints the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-exports-'));
    const text = renderPlain(reply, undefined, (f) => {
      const path = join(dir, f.filename);
      writeFileSync(path, f.bytes);
      return path;
    });
    expect(text).toContain(join(dir, 'mentions-report-or-7d.csv'));
    expect(readFileSync(join(dir, 'mentions-report-or-7d.csv'))).toEqual(Buffer.from(file.bytes));
  });
});

describe('the file goes out as a document', () => {
  let slack: SlackHarness | null = null;
  afterEach(async () => {
    await slack?.close();
    slack = null;
  });

  it('Telegram: sendDocument, multipart, with the title as caption', async () => {
    const h = await telegramHarness();
    try {
      await h.adapter.start(async () => null);
      const result = await h.adapter.send('telegram:-100500', reply);
      expect(result.ok).toBe(true);
      const document = h.fake.sent.find((m) => m.method === 'sendDocument');
      expect(document?.document?.filename).toBe('mentions-report-or-7d.csv');
      expect(document?.document?.data).toEqual(Buffer.from(file.bytes));
      expect(document?.text).toBe('Export: "report OR отчет" · 7 days');
    } finally {
      await h.close();
    }
  });

  it('Slack: files.uploadV2 (URL, upload, complete) into the channel', async () => {
    slack = await startHarness();
    const result = await slack.adapter.send(`slack:${slack.slack.team}:${CHANNEL}`, reply);
    expect(result.ok).toBe(true);
    expect(slack.slack.calls.map((c) => c.method)).toContain('files.completeUploadExternal');
    const [uploaded] = slack.slack.files;
    expect(uploaded).toMatchObject({ channel: CHANNEL, filename: 'mentions-report-or-7d.csv' });
    expect(uploaded?.bytes.includes(Buffer.from(file.bytes))).toBe(true);
  });
});
