import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply, ReplyBlock } from '../../src/chat/reply.js';
import { createManualClock } from '../../src/clock.js';
import {
  createSpikeAlerts,
  type SpikeAlertRule,
  type SpikeAlerts,
  type SpikeDecision,
  spikeHourOf,
} from '../../src/delivery/spike-alerts.js';
import { type ChatStore, createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createDeliveryHistory } from '../../src/store/delivery-history.js';
import { createDigestQueries } from '../../src/store/digest-queries.js';
import { createOutboxWriter } from '../../src/store/outbox-store.js';
import { createWatchStore, type WatchStore } from '../../src/store/watch-store.js';
import { DEMO_NOW, demoStore } from '../chat/demo-store.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RULE: SpikeAlertRule = { sigmas: 3, minCount: 5, days: 14, cooldownHours: 6 };

interface OutboxRow {
  key: string;
  target: string;
  payload: string;
}
const outboxOf = (db: Db) =>
  db.prepare('SELECT key, target, payload FROM outbox ORDER BY id').all() as OutboxRow[];
const replyOf = (row: OutboxRow | undefined) => JSON.parse(row?.payload ?? 'null') as Reply;
const itemsOf = (reply: Reply) =>
  reply.blocks.filter((b): b is Extract<ReplyBlock, { type: 'items' }> => b.type === 'items');
const of = (decisions: SpikeDecision[], brand: string) => decisions.find((d) => d.brand === brand);

function spikeAlerts(
  db: Db,
  chats: ChatStore,
  watches: WatchStore,
  rule: SpikeAlertRule = RULE,
): SpikeAlerts {
  return createSpikeAlerts({
    queries: createDigestQueries(db),
    history: createDeliveryHistory(db),
    watches,
    chats,
    outbox: createOutboxWriter(db),
    rule,
    defaultTimezone: 'UTC',
  });
}

describe('spike alerts on the demo corpus', () => {
  let store: Awaited<ReturnType<typeof demoStore>>;
  let chats: ChatStore;
  let alerts: SpikeAlerts;
  /** The outage: 16 Yandex mentions between 09:00 and 10:00 UTC on the last day. */
  const outage = Date.UTC(2026, 10, 26, 9, 0);

  beforeAll(async () => {
    store = await demoStore();
    chats = createChatStore(store.db);
    const since = DEMO_NOW - 30 * DAY;
    // The team's report channel (config watches reach it), a chat with its own Yandex watch, a private
    // chat without either, and a report channel the bot was removed from.
    chats.save(
      { id: 'telegram:-100777', kind: 'channel' },
      { lang: 'ru', timezone: 'Europe/Moscow', digestTime: '09:00' },
      since,
    );
    chats.save({ id: 'slack:T1:C1', kind: 'group' }, { lang: 'en' }, since);
    chats.save({ id: 'console:bob', kind: 'private' }, { lang: 'en' }, since);
    chats.save({ id: 'telegram:-100999', kind: 'channel' }, { digestTime: '09:00', active: false }, since);
    store.stores.watches.add(
      { kind: 'brand', name: 'Yandex', aliases: ['Yandex'], exclude: [], competitor: false },
      'slack:T1:C1',
      since,
    );
    alerts = spikeAlerts(store.db, chats, store.stores.watches);
  });

  beforeEach(() => {
    store.db.exec('DELETE FROM spike_alerts; DELETE FROM outbox;');
  });

  it('alerts the chats watching Yandex during the outage hour, once, in their languages', () => {
    const clock = createManualClock(outage + 40 * MINUTE); // a poll 40 minutes into the outage
    const decisions = alerts.decideSpikeAlerts({ now: clock.now() });
    const yandex = of(decisions, 'Yandex');
    expect(yandex).toMatchObject({ status: 'alerted', hourStart: outage });
    expect(yandex?.status === 'alerted' && [...yandex.chats].sort()).toEqual([
      'slack:T1:C1',
      'telegram:-100777',
    ]);
    expect(of(decisions, 'Sber')?.status).toBe('quiet');
    expect(of(decisions, 'VK')?.status).toBe('quiet');

    const rows = outboxOf(store.db);
    expect(rows.map((r) => r.key).sort()).toEqual([
      `spike:Yandex:${outage}:slack:T1:C1`,
      `spike:Yandex:${outage}:telegram:-100777`,
    ]);
    const ru = replyOf(rows.find((r) => r.target === 'telegram:-100777'));
    const en = replyOf(rows.find((r) => r.target === 'slack:T1:C1'));
    expect(ru.title).toBe('⚠ Всплеск: Yandex');
    expect(en.title).toBe('⚠ Spike: Yandex');
    const mentions = en.blocks.find((b) => b.type === 'figures');
    const count = yandex?.count ?? 0;
    expect(count).toBeGreaterThanOrEqual(RULE.minCount);
    expect(mentions?.type === 'figures' && mentions.figures[0]).toMatchObject({ value: String(count) });
    // 11:40–12:40 Moscow time in the Russian channel; 08:40–09:40 UTC in the chat without a timezone.
    expect(JSON.stringify(ru)).toContain('11:40–12:40 (Europe/Moscow)');
    expect(JSON.stringify(en)).toContain('08:40–09:40 (UTC)');
    const [top] = itemsOf(en);
    expect(top?.items).toHaveLength(3);
    const engagement = (top?.items ?? []).map((i) =>
      (i.metrics ?? []).reduce((sum, m) => sum + Number(m.replace(/\D/g, '')), 0),
    );
    expect(engagement).toEqual([...engagement].sort((a, b) => b - a));

    // Later polls in (and just after) the same outage decide nothing new.
    for (const later of [
      outage + 45 * MINUTE,
      outage + 60 * MINUTE,
      outage + 85 * MINUTE,
      outage + 100 * MINUTE,
    ]) {
      const again = of(alerts.decideSpikeAlerts({ now: later }), 'Yandex');
      expect(['already', 'cooldown', 'quiet']).toContain(again?.status);
    }
    expect(outboxOf(store.db)).toHaveLength(2);
    expect(store.db.prepare('SELECT count(*) FROM spike_alerts').pluck().get()).toBe(1);
  });

  it('does not alert on ordinary hours', () => {
    for (const now of [DEMO_NOW, DEMO_NOW - DAY, DEMO_NOW - 2 * DAY + 7 * HOUR, outage - 3 * HOUR]) {
      const decisions = alerts.decideSpikeAlerts({ now });
      expect(decisions.map((d) => d.status)).toEqual(['quiet', 'quiet', 'quiet']);
    }
    expect(outboxOf(store.db)).toHaveLength(0);
  });
});

describe('spike alerts on a synthetic series with a weekly rhythm', () => {
  /** Monday 23 November 2026, 00:00 UTC. */
  const monday = Date.UTC(2026, 10, 23);
  let db: Db;
  let chats: ChatStore;
  let watches: WatchStore;
  let seq = 0;

  /** `n` mentions of Acme spread over the hour starting at `hourStart`; the i-th has i likes. */
  function mentions(hourStart: number, n: number): void {
    const author = db.prepare(
      "INSERT OR IGNORE INTO authors (id, username, name, updated_at) VALUES ('1', 'acme_watcher', 'Watcher', 0)",
    );
    const tweet = db.prepare(
      'INSERT INTO tweets (id, author_id, text, created_at, likes, fetched_at, metrics_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const mention = db.prepare(
      "INSERT INTO brand_mentions (tweet_seq, brand, start, end, created_at) VALUES (?, 'Acme', 0, 4, ?)",
    );
    author.run();
    for (let i = 0; i < n; i++) {
      const created = hourStart + Math.floor((i * HOUR) / n);
      seq++;
      const row = tweet.run(String(10_000 + seq), '1', `Acme post ${seq}`, created, i, created, created);
      mention.run(row.lastInsertRowid, created);
    }
  }

  beforeEach(() => {
    db = openDatabase(':memory:');
    chats = createChatStore(db);
    watches = createWatchStore(db);
    watches.syncConfig(
      [{ kind: 'brand', name: 'Acme', aliases: ['Acme'], exclude: [], competitor: false }],
      0,
    );
    chats.save({ id: 'console:team', kind: 'group' }, { digestTime: '09:00' }, 0);
    // Three weeks: every day 2 mentions between 10:00 and 11:00, Mondays' weekly webinar 12.
    for (let day = -21; day < 0; day++) {
      const start = monday + day * DAY + 10 * HOUR;
      mentions(start, new Date(start).getUTCDay() === 1 ? 12 : 2);
    }
  });

  it('takes the weekly peak in its stride and flags a real burst on the same Monday', () => {
    expect(new Date(monday).getUTCDay()).toBe(1);
    mentions(monday + 10 * HOUR, 12);
    const alerts = spikeAlerts(db, chats, watches);
    expect(of(alerts.decideSpikeAlerts({ now: monday + 11 * HOUR }), 'Acme')?.status).toBe('quiet');

    mentions(monday + 10 * HOUR, 20); // 32 in the hour
    const decision = of(alerts.decideSpikeAlerts({ now: monday + 11 * HOUR }), 'Acme');
    expect(decision).toMatchObject({ status: 'alerted', count: 32, hourStart: monday + 10 * HOUR });
    const reply = replyOf(outboxOf(db)[0]);
    const likes = itemsOf(reply)[0]?.items.map((i) => i.metrics?.[0]);
    expect(likes).toEqual(['♥ 19', '♥ 18', '♥ 17']); // the three most engaging of the hour
  });

  it('stays quiet for a cooldown after an alert', () => {
    mentions(monday + 10 * HOUR, 30);
    mentions(monday + 13 * HOUR, 30);
    const sixHours = spikeAlerts(db, chats, watches);
    expect(of(sixHours.decideSpikeAlerts({ now: monday + 11 * HOUR }), 'Acme')?.status).toBe('alerted');
    expect(of(sixHours.decideSpikeAlerts({ now: monday + 14 * HOUR }), 'Acme')).toMatchObject({
      status: 'cooldown',
      hourStart: monday + 13 * HOUR,
    });
    const twoHours = spikeAlerts(db, chats, watches, { ...RULE, cooldownHours: 2 });
    expect(of(twoHours.decideSpikeAlerts({ now: monday + 14 * HOUR }), 'Acme')?.status).toBe('alerted');
    expect(outboxOf(db).map((r) => r.key)).toEqual([
      `spike:Acme:${monday + 10 * HOUR}:console:team`,
      `spike:Acme:${monday + 13 * HOUR}:console:team`,
    ]);
  });

  it('tells no one when no active chat watches the brand, and records nothing', () => {
    chats.save({ id: 'console:team', kind: 'group' }, { active: false }, 0);
    mentions(monday + 10 * HOUR, 30);
    const decision = of(
      spikeAlerts(db, chats, watches).decideSpikeAlerts({ now: monday + 11 * HOUR }),
      'Acme',
    );
    expect(decision?.status).toBe('no-audience');
    expect(db.prepare('SELECT count(*) FROM spike_alerts').pluck().get()).toBe(0);
  });

  it('files a judgement under the clock hour holding the middle of the last 60 minutes', () => {
    expect(spikeHourOf(monday + 10 * HOUR + 40 * MINUTE)).toBe(monday + 10 * HOUR);
    expect(spikeHourOf(monday + 11 * HOUR + 29 * MINUTE)).toBe(monday + 10 * HOUR);
    expect(spikeHourOf(monday + 11 * HOUR + 30 * MINUTE)).toBe(monday + 11 * HOUR);
  });
});
