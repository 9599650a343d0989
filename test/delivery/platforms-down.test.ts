import { afterEach, describe, expect, it } from 'vitest';
import { createChatMembership } from '../../src/chat/membership.js';
import { textReply } from '../../src/chat/reply.js';
import type { Clock } from '../../src/clock.js';
import { createDispatcher } from '../../src/delivery/dispatcher.js';
import { silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createOutboxStore } from '../../src/store/outbox-store.js';
import { type SwitchProxy, startSwitchProxy } from '../fakes/switch-proxy.js';
import { startHarness as slackHarness } from '../slack/harness.js';
import { telegramHarness } from '../telegram/harness.js';

const MINUTE = 60_000;
const DOWN_FOR = 5 * MINUTE;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/**
 * A clock that moves only when slept on (backoff, pacing), like a manual clock; the moment it passes the
 * end of the outage, the platforms come back before the sleeper wakes. So "5 minutes down" is simulated.
 */
function outageClock(
  start: number,
  proxies: SwitchProxy[],
): Clock & { downSince: number; backAt: number | null } {
  let now = start;
  const state = {
    downSince: start,
    backAt: null as number | null,
    now: () => now,
    sleep: async (ms: number) => {
      now += Math.max(0, ms);
      if (state.backAt === null && now - state.downSince >= DOWN_FOR) {
        for (const proxy of proxies) await proxy.up();
        state.backAt = now;
      }
    },
  };
  return state;
}

const portOf = (url: string) => Number(new URL(url).port);

describe('platforms down: Telegram and Slack refuse connections for 5 (simulated) minutes, then return', () => {
  it('sends every message once, in order per chat, after they return', { timeout: 60_000 }, async () => {
    const db = openDatabase(':memory:');
    closers.push(async () => {
      db.close();
    });
    // The fakes are the probes'; the adapters under test reach them through proxies that can refuse.
    const tgProbe = await telegramHarness({ db });
    closers.push(() => tgProbe.close());
    const tgProxy = await startSwitchProxy({ host: '127.0.0.1', port: portOf(tgProbe.fake.apiRoot) });
    const slProbe = await slackHarness({ db });
    closers.push(() => slProbe.close());
    const slProxy = await startSwitchProxy({ host: '127.0.0.1', port: portOf(slProbe.slack.apiUrl) });
    closers.push(
      () => tgProxy.close(),
      () => slProxy.close(),
    );
    const tg = await telegramHarness({
      db,
      fake: tgProbe.fake,
      config: { apiRoot: `http://127.0.0.1:${tgProxy.port}` },
    });
    closers.push(() => tg.close());
    const sl = await slackHarness({ db, config: { apiUrl: `http://127.0.0.1:${slProxy.port}/api/` } });
    closers.push(() => sl.close());
    await tg.adapter.start(async () => null);
    await sl.adapter.start(async () => null);

    const outbox = createOutboxStore(db);
    const chats = [
      ...[101, 102, 103].map((id) => `telegram:${id}`),
      ...['C0A', 'C0B', 'C0C'].map((c) => `slack:${slProbe.slack.team}:${c}`),
    ];
    for (const c of ['C0A', 'C0B', 'C0C']) slProbe.slack.addChannel(c);
    for (let n = 0; n < 5; n++)
      for (const chat of chats)
        outbox.enqueue(
          { key: `m:${chat}:${n}`, target: chat, reply: textReply(`m ${n}`, `m:${chat}:${n}`), notBefore: 0 },
          0,
        );

    await tgProxy.down();
    await slProxy.down();
    const clock = outageClock(Date.UTC(2026, 11, 3, 9), [tgProxy, slProxy]);
    const dispatcher = createDispatcher({
      outbox,
      chats: createChatStore(db),
      membership: createChatMembership({
        store: createMembershipStore(db),
        now: clock.now,
        logger: silentLogger(),
      }),
      adapters: { telegram: tg.adapter, slack: sl.adapter },
      clock,
      logger: silentLogger(),
    });
    await dispatcher.drain();

    const stats = dispatcher.stats();
    expect(clock.backAt).not.toBeNull();
    expect(stats.retried).toBeGreaterThan(0);
    expect(stats).toMatchObject({ sent: 30, failed: 0, deactivated: 0 });
    expect(outbox.counts()).toMatchObject({ sent: 30, pending: 0, sending: 0, failed: 0 });
    // Nothing went out while down: every send is confirmed after the platforms came back.
    const sentAt = chats.flatMap((chat) =>
      [0, 1, 2, 3, 4].map((n) => outbox.get(`m:${chat}:${n}`)?.sentAt ?? 0),
    );
    expect(Math.min(...sentAt)).toBeGreaterThanOrEqual(clock.backAt as number);
    for (const id of [101, 102, 103]) {
      expect(tg.fake.sentTo(id).map((m) => m.text?.match(/m:telegram:\d+:(\d)/)?.[1])).toEqual([
        '0',
        '1',
        '2',
        '3',
        '4',
      ]);
    }
    for (const c of ['C0A', 'C0B', 'C0C']) {
      const texts = slProbe.slack.messages
        .filter((m) => m.channel === c)
        .map((m) => /:(\d)$/.exec(m.text)?.[1] ?? m.text);
      expect(texts).toEqual(['0', '1', '2', '3', '4']);
    }
    // The chats stayed active: being unreachable is not being removed.
    expect(createMembershipStore(db).inactive()).toEqual([]);
  });
});
