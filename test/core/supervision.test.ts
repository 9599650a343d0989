import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/chat/adapter.js';
import { createChatMembership } from '../../src/chat/membership.js';
import { textReply } from '../../src/chat/reply.js';
import { createManualClock, systemClock } from '../../src/clock.js';
import { createDispatcher } from '../../src/delivery/dispatcher.js';
import { checkHealth } from '../../src/health/health.js';
import { createMetrics } from '../../src/health/metrics.js';
import { startHealthServer } from '../../src/health/server.js';
import { createSupervisor } from '../../src/health/supervisor.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createHealthQueries } from '../../src/store/health-queries.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createOutboxStore, type OutboxStore } from '../../src/store/outbox-store.js';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const neverSleep = () => {
  const clock = createManualClock(Date.UTC(2026, 11, 1));
  return clock;
};

describe('supervision', () => {
  it('restarts a crashing loop with doubling backoff, logs and counts the crashes', async () => {
    const clock = neverSleep();
    const supervisor = createSupervisor({ clock, logger: silentLogger(), onGiveUp: () => {} });
    let runs = 0;
    const times: number[] = [];
    let release: () => void = () => {};
    supervisor.loop('dispatcher', async () => {
      runs++;
      times.push(clock.now());
      if (runs <= 3) throw new Error(`boom ${runs}`);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await waitUntil(() => runs === 4);
    expect(supervisor.state('dispatcher')).toMatchObject({
      alive: true,
      crashes: 3,
      restarts: 3,
      lastError: 'boom 3',
    });
    expect(times.slice(1).map((t, i) => t - (times[i] as number))).toEqual([1000, 2000, 4000]);
    const stopped = supervisor.stop();
    release();
    await stopped;
    expect(supervisor.state('dispatcher')?.alive).toBe(false);
  });

  it('gives up after N crashes in a row and tells the runtime once', async () => {
    const clock = neverSleep();
    const gaveUp: string[] = [];
    const supervisor = createSupervisor({
      clock,
      logger: silentLogger(),
      policy: { maxCrashesInARow: 3 },
      onGiveUp: (name) => gaveUp.push(name),
    });
    let runs = 0;
    supervisor.loop('dispatcher', async () => {
      runs++;
      throw new Error('disk I/O error');
    });
    await waitUntil(() => gaveUp.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(3);
    expect(gaveUp).toEqual(['dispatcher']);
    expect(supervisor.state('dispatcher')).toMatchObject({ alive: false, crashes: 3 });
    await supervisor.stop();
    // Periodic jobs: a crash counts, a success clears the streak.
    const jobs = createSupervisor({ clock, logger: silentLogger(), onGiveUp: () => {} });
    await jobs.job('poll', () => {
      throw new Error('x');
    });
    await jobs.job('poll', () => {});
    expect(jobs.state('poll')).toMatchObject({ crashes: 1, inARow: 0, alive: true });
  });

  it('a dispatcher whose loop throws is restarted by the supervisor and sends every message once', async () => {
    db = openDatabase(':memory:');
    const real = createOutboxStore(db);
    let failures = 2;
    // The store fails twice in the loop's scan (as a locked or full disk would), then recovers.
    const outbox: OutboxStore = {
      ...real,
      pending: (afterId, limit) => {
        if (failures-- > 0) throw new Error('SQLITE_BUSY: database is locked');
        return real.pending(afterId, limit);
      },
    };
    const sent: string[] = [];
    const console: ChatAdapter = {
      platform: 'console',
      start: async () => {},
      stop: async () => {},
      send: async (_chatId, reply) => {
        sent.push(reply.title);
        return { ok: true, ids: [String(sent.length)] };
      },
    };
    for (const key of ['a', 'b', 'c'])
      real.enqueue({ key, target: 'console:op', reply: textReply(key, key), notBefore: 0 }, 0);
    const dispatcher = createDispatcher({
      outbox,
      chats: createChatStore(db),
      membership: createChatMembership({
        store: createMembershipStore(db),
        now: Date.now,
        logger: silentLogger(),
      }),
      adapters: { console },
      clock: systemClock,
      logger: silentLogger(),
      pollMs: 10,
    });
    const supervisor = createSupervisor({
      clock: systemClock,
      logger: silentLogger(),
      policy: { baseMs: 5 },
      onGiveUp: () => {},
    });
    supervisor.loop('dispatcher', () => dispatcher.serve());
    await waitUntil(() => real.counts().sent === 3, 5000);
    expect(supervisor.state('dispatcher')).toMatchObject({ crashes: 2, restarts: 2, alive: true });
    const stopped = supervisor.stop();
    await dispatcher.stop();
    await stopped;
    expect(real.counts()).toMatchObject({ sent: 3, pending: 0, sending: 0 });
    expect(sent).toEqual(['a', 'b', 'c']);
  });
});

describe('health and metrics over HTTP', () => {
  it('serves /healthz (200, then 503 naming the failed check) and Prometheus /metrics', async () => {
    db = openDatabase(':memory:');
    const outbox = createOutboxStore(db);
    outbox.enqueue({ key: 'k', target: 'telegram:1', reply: textReply('k', 'k'), notBefore: 0 }, 0);
    const queries = createHealthQueries(db);
    const now = Date.UTC(2026, 11, 1, 12);
    let alive = true;
    let lastPoll: number | null = now - 60_000;
    const metrics = createMetrics({
      queries,
      outboxCounts: () => outbox.counts(),
      supervised: () => ({ dispatcher: { alive, crashes: 2, inARow: 0, restarts: 2, lastError: null } }),
      prices: { pricePerRead: 0.005, pricePerCountsRequest: 0.005 },
    });
    metrics.send('telegram', 'sent');
    metrics.send('telegram', 'rate_limited');
    const server = await startHealthServer(
      { host: '127.0.0.1', port: 0 },
      {
        health: () =>
          checkHealth({
            queries: { ping: queries.ping, lastGoodPoll: () => lastPoll },
            now: () => now,
            demo: false,
            pollIntervalMs: () => 15 * 60_000,
            startedAt: now - 3_600_000,
            dispatcher: () => ({ alive, heartbeat: now - 1000 }),
          }),
        metrics: () => metrics.render(),
        metricsContentType: metrics.registry.contentType,
        logger: createLogger({ level: 'silent' }),
      },
    );
    try {
      const base = `http://127.0.0.1:${server.address()?.port}`;
      const ok = await fetch(`${base}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({
        ok: true,
        checks: { database: { ok: true }, poll: { ok: true } },
      });
      alive = false;
      lastPoll = now - 50 * 60_000;
      const bad = await fetch(`${base}/healthz`);
      expect(bad.status).toBe(503);
      const body = (await bad.json()) as { checks: Record<string, { ok: boolean; detail: string }> };
      expect(body.checks.dispatcher).toMatchObject({ ok: false });
      expect(body.checks.poll?.detail).toMatch(/more than 3 × the 900 s interval/);
      expect(body.checks.database?.ok).toBe(true);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('kestrel_outbox_messages{state="pending"} 1');
      expect(text).toContain('kestrel_sends_total{platform="telegram",outcome="rate_limited"} 1');
      expect(text).toContain('kestrel_restarts_total{part="dispatcher"} 2');
      expect(text).toContain('kestrel_x_cost_dollars_total 0');
      expect(text).toMatch(/kestrel_nodejs_eventloop_lag_seconds \d/);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('a taken port is one clear error', async () => {
    const first = await startHealthServer(
      { host: '127.0.0.1', port: 0 },
      {
        health: () => ({}) as never,
        metrics: async () => '',
        metricsContentType: 'text/plain',
        logger: silentLogger(),
      },
    );
    try {
      const port = first.address()?.port as number;
      await expect(
        startHealthServer(
          { host: '127.0.0.1', port },
          {
            health: () => ({}) as never,
            metrics: async () => '',
            metricsContentType: 'text/plain',
            logger: silentLogger(),
          },
        ),
      ).rejects.toThrow(/already in use .*health\.port/);
    } finally {
      await first.close();
    }
  });
});

async function waitUntil(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
