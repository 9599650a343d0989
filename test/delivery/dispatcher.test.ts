import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter, SendResult } from '../../src/chat/adapter.js';
import { createChatMembership } from '../../src/chat/membership.js';
import { type Reply, textReply } from '../../src/chat/reply.js';
import { createManualClock, systemClock } from '../../src/clock.js';
import { createDispatcher, type DispatcherDeps } from '../../src/delivery/dispatcher.js';
import { type Platform, PUBLISHED_LIMITS } from '../../src/delivery/platform-limits.js';
import { RateLimitError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createOutboxStore, type OutboxStore } from '../../src/store/outbox-store.js';
import { type LimitedTarget, startLimitedTarget } from '../fakes/limited-target.js';
import { createHttpTargetAdapter } from './http-target-adapter.js';

const T0 = Date.UTC(2026, 0, 1, 9);

/** One call an adapter received: the key is the reply's title. */
interface Call {
  target: string;
  key: string;
  at: number;
}

type Answer = SendResult | Error | Promise<SendResult>;

/**
 * A scripted chat adapter: records every call (with the clock's time), answers `ok` unless the script
 * says otherwise, and checks that no target ever has two sends at once.
 */
function scriptedAdapter(
  platform: Platform,
  now: () => number,
  script: (call: Call, nth: number) => Answer | undefined = () => undefined,
) {
  const calls: Call[] = [];
  const busy = new Set<string>();
  let overlaps = 0;
  const adapter: ChatAdapter & { calls: Call[]; overlaps: () => number } = {
    platform,
    calls,
    overlaps: () => overlaps,
    async start() {},
    async stop() {},
    async send(target: string, reply: Reply): Promise<SendResult> {
      if (busy.has(target)) overlaps++;
      busy.add(target);
      const call = { target, key: reply.title, at: now() };
      calls.push(call);
      try {
        const nth = calls.filter((c) => c.key === call.key).length;
        const answer = await script(call, nth);
        if (answer instanceof Error) throw answer;
        return answer ?? { ok: true, ids: [String(calls.length)] };
      } finally {
        busy.delete(target);
      }
    },
  };
  return adapter;
}

/** The most events in any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[start] as number) <= (times[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

let db: Db;
let outbox: OutboxStore;
afterEach(() => db?.close());

function setup(adapters: DispatcherDeps['adapters'], extra: Partial<DispatcherDeps> = {}) {
  db = openDatabase(':memory:');
  outbox = createOutboxStore(db);
  const clock = createManualClock(T0);
  const chats = createChatStore(db);
  const membership = createChatMembership({
    store: createMembershipStore(db),
    now: clock.now,
    logger: silentLogger(),
  });
  const deps: DispatcherDeps = {
    outbox,
    chats,
    membership,
    adapters,
    clock,
    logger: silentLogger(),
    ...extra,
  };
  return { clock, chats, deps, dispatcher: () => createDispatcher(deps) };
}

const enqueue = (key: string, target: string, notBefore = T0): boolean =>
  outbox.enqueue({ key, target, reply: textReply(key, `body of ${key}`), notBefore }, T0);

describe('dispatcher', () => {
  it('sends each decided message once and records the platform ids; a key decided twice is sent once', async () => {
    const clock = createManualClock(T0);
    const console = scriptedAdapter('console', clock.now);
    const { dispatcher } = setup({ console }, { clock });
    expect(enqueue('alert:kate:1', 'console:kate')).toBe(true);
    expect(enqueue('alert:kate:1', 'console:kate')).toBe(false);
    enqueue('alert:kate:2', 'console:kate');
    enqueue('digest:console:team:2026-01-01', 'console:team');
    const d = dispatcher();
    expect(await d.runOnce()).toBe(3);
    expect(await d.runOnce()).toBe(0);
    expect(console.calls.map((c) => c.key).sort()).toEqual([
      'alert:kate:1',
      'alert:kate:2',
      'digest:console:team:2026-01-01',
    ]);
    const entry = outbox.get('alert:kate:1');
    expect(entry).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0 });
    expect(entry?.platformIds).toHaveLength(1);
    expect(outbox.counts()).toEqual({ pending: 0, sending: 0, sent: 3, failed: 0 });
    // Deciding again after it was sent still sends nothing.
    expect(enqueue('alert:kate:1', 'console:kate')).toBe(false);
    await d.drain();
    expect(console.calls).toHaveLength(3);
    expect(d.stats()).toMatchObject({ sent: 3, failed: 0 });
  });

  it('keeps one chat at 1 message per second, in outbox order, and waits for not_before', async () => {
    const clock = createManualClock(T0);
    const telegram = scriptedAdapter('telegram', clock.now);
    const { dispatcher } = setup({ telegram }, { clock });
    for (let i = 1; i <= 5; i++) enqueue(`alert:kate:${i}`, 'telegram:42');
    enqueue('alert:quiet:1', 'telegram:43', T0 + 3_600_000);
    await dispatcher().drain();
    const kate = telegram.calls.filter((c) => c.target === 'telegram:42');
    expect(kate.map((c) => c.key)).toEqual([1, 2, 3, 4, 5].map((i) => `alert:kate:${i}`));
    for (let i = 1; i < kate.length; i++) {
      expect((kate[i] as Call).at - (kate[i - 1] as Call).at).toBeGreaterThanOrEqual(1000);
    }
    expect(telegram.calls.find((c) => c.target === 'telegram:43')?.at).toBe(T0 + 3_600_000);
  });

  it('keeps the overall limit over many chats and the per-group limit in a group', async () => {
    const clock = createManualClock(T0);
    const telegram = scriptedAdapter('telegram', clock.now);
    const { dispatcher } = setup({ telegram }, { clock });
    for (let i = 0; i < 120; i++) enqueue(`alert:u${i}:1`, `telegram:${1000 + i}`);
    for (let i = 0; i < 30; i++) enqueue(`spike:brand${i}:1`, 'telegram:-100500');
    await dispatcher().drain();
    expect(telegram.calls).toHaveLength(150);
    expect(
      maxInWindow(
        telegram.calls.map((c) => c.at),
        1000,
      ),
    ).toBeLessThanOrEqual(30);
    const group = telegram.calls.filter((c) => c.target === 'telegram:-100500').map((c) => c.at);
    expect(maxInWindow(group, 60_000)).toBeLessThanOrEqual(20);
    expect(maxInWindow(group, 1000)).toBe(1);
    // Paced, not stalled: 120 DMs at 28.5/s take about 4.2 s.
    const dms = telegram.calls.filter((c) => c.target !== 'telegram:-100500').map((c) => c.at);
    expect(Math.max(...dms) - T0).toBeLessThan(6000);
  });

  it('waits out a 429 retry_after, holds that chat, and sends the message exactly once', async () => {
    const clock = createManualClock(T0);
    const telegram = scriptedAdapter('telegram', clock.now, (call, nth) =>
      call.key === 'alert:kate:1' && nth === 1
        ? new RateLimitError('Too Many Requests: retry after 7', 7000)
        : undefined,
    );
    const { dispatcher } = setup({ telegram }, { clock });
    enqueue('alert:kate:1', 'telegram:42');
    enqueue('alert:kate:2', 'telegram:42');
    enqueue('alert:bob:1', 'telegram:43');
    const d = dispatcher();
    await d.drain();
    const at = (key: string) => telegram.calls.filter((c) => c.key === key).map((c) => c.at - T0);
    expect(at('alert:kate:1')).toEqual([0, 7000]);
    expect(at('alert:kate:2')[0]).toBeGreaterThanOrEqual(8000);
    expect(at('alert:bob:1')[0]).toBeLessThan(1000);
    expect(outbox.get('alert:kate:1')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(d.stats()).toMatchObject({ sent: 3, rateLimited: 1 });
  });

  it('retries transient failures with capped exponential backoff, then sends', async () => {
    const clock = createManualClock(T0);
    // The console has no pacing of its own, so the times are the backoff's alone.
    const console = scriptedAdapter('console', clock.now, (_call, nth) =>
      nth <= 4 ? new Error('ECONNRESET') : undefined,
    );
    const { dispatcher } = setup({ console }, { clock, backoff: { baseMs: 1000, capMs: 5000 } });
    enqueue('alert:kate:1', 'console:kate');
    const d = dispatcher();
    expect(await d.runOnce()).toBe(1);
    expect(outbox.get('alert:kate:1')).toMatchObject({
      status: 'pending',
      attempts: 1,
      notBefore: T0 + 1000,
    });
    expect(outbox.get('alert:kate:1')?.lastError).toBe('ECONNRESET');
    await d.drain();
    expect(console.calls.map((c) => c.at - T0)).toEqual([0, 1000, 3000, 7000, 12_000]);
    expect(outbox.get('alert:kate:1')).toMatchObject({ status: 'sent', attempts: 5 });
    expect(d.stats()).toMatchObject({ sent: 1, retried: 4 });
  });

  it('gives a message up after the last attempt, without touching the target', async () => {
    const clock = createManualClock(T0);
    const telegram = scriptedAdapter('telegram', clock.now, (call) =>
      call.key === 'alert:kate:1'
        ? { ok: false, permanent: false, reason: 'Internal Server Error' }
        : undefined,
    );
    const { dispatcher, chats } = setup({ telegram }, { clock, backoff: { maxAttempts: 3 } });
    enqueue('alert:kate:1', 'telegram:42');
    enqueue('alert:kate:2', 'telegram:42');
    await dispatcher().drain();
    expect(outbox.get('alert:kate:1')).toMatchObject({ status: 'failed', attempts: 3 });
    expect(outbox.get('alert:kate:1')?.lastError).toMatch(/gave up after 3 attempts: Internal Server Error/);
    expect(outbox.get('alert:kate:2')?.status).toBe('sent');
    expect(chats.get('telegram:42')).toBeNull();
  });

  it('on a permanent failure marks the target inactive, fails its other messages and tells the admins', async () => {
    const clock = createManualClock(T0);
    const told: [string, string][] = [];
    const telegram = scriptedAdapter('telegram', clock.now, (call) =>
      call.target === 'telegram:-500' || call.target === 'telegram:42'
        ? { ok: false, permanent: true, reason: 'Forbidden: bot was blocked by the user' }
        : undefined,
    );
    const { dispatcher, chats } = setup(
      { telegram },
      { clock, notifyAdmins: (chatId, reason) => void told.push([chatId, reason]) },
    );
    chats.save({ id: 'telegram:-500', kind: 'group', title: 'Team' }, { digestTime: '09:00' }, T0);
    for (let i = 1; i <= 3; i++) enqueue(`digest:-500:${i}`, 'telegram:-500');
    for (let i = 1; i <= 3; i++) enqueue(`alert:kate:${i}`, 'telegram:42');
    enqueue('alert:bob:1', 'telegram:43');
    const d = dispatcher();
    await d.drain();
    expect(telegram.calls.map((c) => c.key).sort()).toEqual(['alert:bob:1', 'alert:kate:1', 'digest:-500:1']);
    expect(chats.get('telegram:-500')).toMatchObject({ active: false, kind: 'group', title: 'Team' });
    expect(chats.get('telegram:42')).toMatchObject({ active: false, kind: 'private' });
    expect(outbox.get('digest:-500:1')?.lastError).toBe('Forbidden: bot was blocked by the user');
    expect(outbox.get('digest:-500:3')).toMatchObject({ status: 'failed', attempts: 0 });
    expect(outbox.counts()).toEqual({ pending: 0, sending: 0, sent: 1, failed: 6 });
    // The group's admins are told; for a person there is nobody to tell.
    expect(told).toEqual([['telegram:-500', 'Forbidden: bot was blocked by the user']]);
    expect(d.stats()).toMatchObject({ deactivated: 2, failed: 6, sent: 1 });
    // Later messages to an inactive target are not sent.
    enqueue('alert:kate:4', 'telegram:42');
    await d.drain();
    expect(telegram.calls).toHaveLength(3);
    expect(outbox.get('alert:kate:4')).toMatchObject({ status: 'failed', lastError: 'target inactive' });
  });

  it('resends at start-up what a crash left in flight, and counts it', async () => {
    const clock = createManualClock(T0);
    const telegram = scriptedAdapter('telegram', clock.now);
    const { dispatcher } = setup({ telegram }, { clock });
    enqueue('alert:kate:1', 'telegram:42');
    enqueue('alert:bob:1', 'telegram:43');
    enqueue('alert:ann:1', 'telegram:44');
    // A previous process claimed two messages and died: one is confirmed, one was left `sending`.
    const done = outbox.claim(outbox.get('alert:kate:1')?.id as number);
    outbox.markSent(done?.id as number, ['1'], T0);
    outbox.claim(outbox.get('alert:bob:1')?.id as number);
    expect(outbox.counts()).toMatchObject({ sending: 1, sent: 1, pending: 1 });
    const d = dispatcher();
    await d.drain();
    expect(telegram.calls.map((c) => c.key).sort()).toEqual(['alert:ann:1', 'alert:bob:1']);
    expect(outbox.get('alert:bob:1')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(d.stats()).toMatchObject({ recovered: 1, sent: 2 });
  });

  it('sends to targets concurrently, one at a time per target, and a slow chat holds back only itself', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const console = scriptedAdapter('console', systemClock.now, async (call) => {
      if (call.target === 'console:slow') await slow;
      else await new Promise((resolve) => setTimeout(resolve, 2));
      return { ok: true, ids: ['x'] };
    });
    const { dispatcher } = setup({ console }, { clock: systemClock, maxInFlight: 4 });
    for (let i = 0; i < 3; i++) enqueue(`slow:${i}`, 'console:slow');
    for (let i = 0; i < 40; i++) enqueue(`fast:${i}`, `console:p${i % 8}`);
    const d = dispatcher();
    const drained = d.drain();
    while (outbox.counts().sent < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(console.calls.filter((c) => c.target === 'console:slow')).toHaveLength(1);
    release();
    await drained;
    expect(console.calls).toHaveLength(43);
    expect(console.overlaps()).toBe(0);
    for (let p = 0; p < 8; p++) {
      const keys = console.calls
        .filter((c) => c.target === `console:p${p}`)
        .map((c) => Number(c.key.slice(5)));
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    }
  });

  it('leaves messages for a platform without an adapter pending, and fails unknown targets', async () => {
    const clock = createManualClock(T0);
    const console = scriptedAdapter('console', clock.now);
    const { dispatcher } = setup({ console }, { clock });
    enqueue('a', 'slack:T1:C1');
    enqueue('b', 'irc:#x');
    enqueue('c', 'console:kate');
    await dispatcher().drain();
    expect(outbox.get('a')?.status).toBe('pending');
    expect(outbox.get('b')).toMatchObject({
      status: 'failed',
      lastError: 'unknown platform of target irc:#x',
    });
    expect(outbox.get('c')?.status).toBe('sent');
  });

  it('runs as a loop on the clock: picks up new messages when poked, stops after the sends in flight', async () => {
    const console = scriptedAdapter('console', systemClock.now);
    const { dispatcher } = setup({ console }, { clock: systemClock, pollMs: 1000 });
    const d = dispatcher();
    enqueue('first', 'console:kate');
    d.start();
    while (console.calls.length < 1) await new Promise((resolve) => setTimeout(resolve, 2));
    enqueue('polled', 'console:bob');
    while (console.calls.length < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    const t = performance.now();
    enqueue('poked', 'console:ann');
    d.poke();
    while (console.calls.length < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(performance.now() - t).toBeLessThan(500);
    await d.stop();
    expect(outbox.counts()).toMatchObject({ sent: 3, sending: 0, pending: 0 });
  });
});

describe('dispatcher over HTTP to a limited platform', () => {
  let target: LimitedTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  it('honours retry_after from real 429s and delivers each message exactly once', async () => {
    target = await startLimitedTarget({
      limits: { global: null, perTarget: { limit: 1, windowMs: 1000 }, perGroup: null },
    });
    const telegram = createHttpTargetAdapter({ url: target.url });
    // The dispatcher believes the platform is 20 times more generous than it is: 429s follow.
    const limits = {
      ...PUBLISHED_LIMITS,
      telegram: { global: null, perTarget: { limit: 20, windowMs: 1000 }, perGroup: null },
    };
    const { dispatcher } = setup({ telegram }, { clock: systemClock, limits });
    for (let i = 0; i < 3; i++) enqueue(`alert:kate:${i}`, 'telegram:42');
    const d = dispatcher();
    await d.drain();
    expect(target.counts.tooMany).toBeGreaterThan(0);
    expect(d.stats().rateLimited).toBe(target.counts.tooMany);
    expect(target.delivered.map((m) => m.text.split('\n')[0])).toEqual([
      'alert:kate:0',
      'alert:kate:1',
      'alert:kate:2',
    ]);
    const gaps = target.delivered.slice(1).map((m, i) => m.at - (target?.delivered[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('maps a 403 "bot was blocked" onto an inactive chat and stops its messages; 5xx are retried', async () => {
    target = await startLimitedTarget({ limits: { global: null, perTarget: null, perGroup: null } });
    target.block('42');
    target.failNext(2, { chatId: '43' });
    const telegram = createHttpTargetAdapter({ url: target.url });
    const limits = { ...PUBLISHED_LIMITS, telegram: { global: null, perTarget: null, perGroup: null } };
    const { dispatcher, chats } = setup(
      { telegram },
      { clock: systemClock, limits, backoff: { baseMs: 10 } },
    );
    for (let i = 0; i < 3; i++) enqueue(`alert:kate:${i}`, 'telegram:42');
    enqueue('alert:bob:0', 'telegram:43');
    const d = dispatcher();
    await d.drain();
    expect(target.counts).toMatchObject({ refused: 1, failed: 2, accepted: 1 });
    expect(chats.get('telegram:42')?.active).toBe(false);
    expect(outbox.counts()).toMatchObject({ failed: 3, sent: 1 });
    expect(outbox.get('alert:bob:0')?.attempts).toBe(3);
  });
});
