import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeXServer, startFakeXServer } from '../fakes/x-api/index.js';
import { configWith, type KestrelChild, startKestrel } from './kestrel-child.js';
import { tweetBatch, wireUser } from './wire-fixtures.js';

interface Health {
  status: number;
  body: { ok: boolean; checks: Record<string, { ok: boolean; detail: string }> };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('/healthz of a real kestrel start', () => {
  let x: FakeXServer | undefined;
  let run: KestrelChild | undefined;
  afterAll(async () => {
    run?.child.kill('SIGKILL');
    await x?.close();
  });

  it('turns 503 naming the poll while X holds it back, and 200 again once polling catches up', {
    timeout: 120_000,
  }, async () => {
    x = await startFakeXServer({ bearerToken: 'x-token' });
    const users = Array.from({ length: 5 }, (_, i) => wireUser(i));
    x.addUsers(users);
    x.addTweets(tweetBatch(50, Date.now() - 3_600_000, Date.now() - 60_000, 3, users));
    const dir = mkdtempSync(join(tmpdir(), 'kestrel-healthz-'));
    run = startKestrel(['start'], {
      KESTREL_CONFIG: configWith([
        ['schedule: "*/15 * * * *"', 'schedule: "*/2 * * * * *"'],
        ['port: 9464', 'port: 0'],
      ]),
      KESTREL_DB: join(dir, 'kestrel.db'),
      X_BEARER_TOKEN: 'x-token',
      X_API_BASE_URL: x.url,
      LOG_LEVEL: 'info',
    });
    await run.waitFor('health and metrics at', 60_000);
    const line = run
      .stderr()
      .split('\n')
      .find((l) => l.includes('health and metrics at')) as string;
    const port = (JSON.parse(line) as { address: { port: number } }).address.port;
    const health = async (): Promise<Health> => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: response.status, body: (await response.json()) as Health['body'] };
    };
    const until = async (want: number, ms: number): Promise<Health> => {
      const deadline = Date.now() + ms;
      for (;;) {
        const seen = await health();
        if (seen.status === want) return seen;
        if (Date.now() > deadline) throw new Error(`no ${want} within ${ms} ms: ${JSON.stringify(seen)}`);
        await pause(250);
      }
    };

    const healthy = await until(200, 30_000);
    expect(healthy.body.checks.poll?.detail).toMatch(/last good poll \d+ s ago/);

    // X answers the next search with a 429 whose window resets in 12 s: the poller waits it out, and for
    // those seconds no poll succeeds.
    x.injectFault({ kind: 'rateLimit', resetInMs: 12_000, times: 1 });
    const degraded = await until(503, 30_000);
    expect(degraded.body.ok).toBe(false);
    expect(degraded.body.checks.poll).toMatchObject({ ok: false });
    expect(degraded.body.checks.poll?.detail).toMatch(/more than 3 × the 2 s interval/);
    expect(degraded.body.checks.database).toMatchObject({ ok: true });
    expect(degraded.body.checks.dispatcher).toMatchObject({ ok: true });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/kestrel_polls_total\{[^}]*\} \d/);

    const recovered = await until(200, 40_000);
    expect(recovered.body.checks.poll?.ok).toBe(true);
    expect(run.stderr()).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });
});
