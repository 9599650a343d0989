import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, main } from '../../src/main.js';
import { startFakeSlack } from '../fakes/slack/server.js';
import { startFakeTelegram } from '../fakes/telegram/server.js';
import { type FakeChat, privateChatOf, textMessage } from '../fakes/telegram/updates.js';
import { startFakeXServer } from '../fakes/x-api/index.js';
import { postSigned } from '../slack/signing.js';
import { kate } from '../telegram/harness.js';
import { tweetBatch, wireUser } from './wire-fixtures.js';

const X_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAKestrelXBearer%2Fsecret0123456789abcdefABCDEF';
const SLACK_TOKEN = 'xoxb-424242424242-737373737373-KestrelSlackBotSecret01';
const SIGNING_SECRET = 'kestrel0signing0secret0fedcba9876';

/** A free port on 127.0.0.1 for Bolt's HTTP receiver (the config wants a number). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Every form a token could leak in: whole, its secret part, URL-encoded, and decoded. */
function forms(token: string): string[] {
  const secretPart = token.includes(':') ? token.slice(token.indexOf(':') + 1) : token;
  return [...new Set([token, secretPart, encodeURIComponent(token), decodeURIComponent(token)])].filter(
    (f) => f.length >= 12,
  );
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('secrets: a whole session with known tokens never shows them', () => {
  it('0 hits in every log line, error and reply of kestrel start over X, Telegram and Slack', async () => {
    const x = await startFakeXServer({ bearerToken: X_TOKEN });
    const users = Array.from({ length: 5 }, (_, i) => wireUser(i));
    x.addUsers(users);
    x.addTweets(tweetBatch(60, Date.now() - 3_600_000, Date.now() - 60_000, 2, users));
    // The first search is refused twice (a 503, then a 429): errors are logged and waited out.
    x.injectFault({ kind: 'status', status: 503, times: 1 });
    x.injectFault({ kind: 'rateLimit', resetInMs: 500, times: 1 });
    const telegram = await startFakeTelegram({ limits: false });
    const slack = await startFakeSlack({ token: SLACK_TOKEN });
    const channel = 'C0SECRETS';
    slack.addChannel(channel);
    slack.addUser({ id: 'U0ADMIN01', name: 'anna', realName: 'Anna', isAdmin: true, locale: 'en-US' });
    // A failing Slack call: Bolt and the WebClient log it.
    slack.failNext('users.info', { kind: 'http', status: 500 });

    const dir = mkdtempSync(join(tmpdir(), 'kestrel-secrets-'));
    const port = await freePort();
    const config = join(dir, 'kestrel.config.yaml');
    writeFileSync(
      config,
      `${readFileSync('kestrel.config.yaml', 'utf8')}\nslack:\n  mode: http\n  port: ${port}\n`,
    );
    const tokens = [X_TOKEN, telegram.token, SLACK_TOKEN, SIGNING_SECRET];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
      env: {
        PATH: process.env.PATH ?? '',
        KESTREL_CONFIG: config,
        KESTREL_DB: join(dir, 'kestrel.db'),
        X_BEARER_TOKEN: X_TOKEN,
        X_API_BASE_URL: x.url,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'trace',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout?.on('data', (c) => {
      out += String(c);
    });
    child.stderr?.on('data', (c) => {
      err += String(c);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => out.includes('/quit to leave'), { timeout: 60_000, interval: 100 }).toBe(true);

    // The console.
    child.stdin?.write('/stats\n/jobs add golang remote\n/watch add topic kubernetes\n/nosuchcommand\n');
    // Telegram, by long polling.
    const group: FakeChat = { id: -1001234567890, type: 'supergroup', title: 'Team' };
    const texts = [
      '/start',
      '/help',
      '/jobs add rust remote',
      '/mentions yandex 7d',
      '/stats',
      '/jobs forget',
    ];
    for (const text of texts) telegram.push(textMessage(privateChatOf(kate), kate, text));
    telegram.push(textMessage(group, kate, '/digest'));
    await expect
      .poll(() => telegram.sentTo(kate.id).length, { timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(texts.length);
    // Slack, signed slash commands, an unsigned one and an event.
    const url = `http://127.0.0.1:${port}/slack/events`;
    const slash = (command: string, text: string, id: string) =>
      new URLSearchParams({
        team_id: slack.team,
        channel_id: channel,
        channel_name: 'general',
        user_id: 'U0ADMIN01',
        user_name: 'anna',
        command,
        text,
        response_url: slack.responseUrl(id),
        trigger_id: '1.2.3',
      }).toString();
    const form = { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' };
    for (const [i, [command, text]] of [
      ['/kestrel', 'help'],
      ['/stats', ''],
      ['/watch', 'add brand Kestrel'],
      ['/jobs', 'list'],
    ].entries()) {
      expect((await postSigned(url, slash(command as string, text as string, `s${i}`), form)).status).toBe(
        200,
      );
    }
    expect((await postSigned(url, slash('/help', '', 'bad'), { ...form, signature: 'v0=00' })).status).toBe(
      401,
    );
    await expect
      .poll(() => slack.responses.length, { timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(4);

    child.stdin?.end();
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    // Errors outside the session: a bad environment, a refused X token.
    const failures: string[] = [];
    const io = { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() };
    for (const env of [
      { TELEGRAM_WEBHOOK_SECRET: `${SIGNING_SECRET} !`, X_BEARER_TOKEN: X_TOKEN },
      { SLACK_BOT_TOKEN: '', X_BEARER_TOKEN: `${X_TOKEN}x`, X_API_BASE_URL: x.url },
    ]) {
      const result = await main(
        ['poll', '--once'],
        { KESTREL_DB: join(dir, 'k2.db'), LOG_LEVEL: 'silent', ...env },
        io,
      ).catch((e: unknown) => errorLine(e));
      failures.push(String(result));
    }
    expect(failures[0]).toContain('TELEGRAM_WEBHOOK_SECRET = (hidden, 35 characters)');

    const replies = [
      ...telegram.sent.map((m) => JSON.stringify(m)),
      ...slack.messages.map((m) => JSON.stringify(m)),
      ...slack.responses.map((r) => JSON.stringify(r)),
    ];
    const everything = [out, err, ...failures, ...replies].join('\n');
    // The session really ran: X was read with the token, every platform answered, logs were written.
    expect(x.requests.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(replies.length).toBeGreaterThan(10);
    const logLines = err.split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(20);
    const hits = tokens.flatMap(forms).filter((secret) => everything.includes(secret));
    expect(hits).toEqual([]);
    await Promise.all([x.close(), telegram.close(), slack.close()]);
  }, 120_000);
});
