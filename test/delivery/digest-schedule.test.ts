import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { createManualClock } from '../../src/clock.js';
import { createDigestCron, type DigestCron } from '../../src/delivery/digest-cron.js';
import {
  createDigestScheduler,
  type DigestDecision,
  type DigestScheduler,
} from '../../src/delivery/digest-schedule.js';
import { createDigestBuilder } from '../../src/digest/build.js';
import { silentLogger } from '../../src/logger.js';
import { type ChatSettings, type ChatStore, createChatStore } from '../../src/store/chat-store.js';
import { createDeliveryHistory, type DeliveryHistory } from '../../src/store/delivery-history.js';
import { createDigestQueries } from '../../src/store/digest-queries.js';
import { createOutboxWriter } from '../../src/store/outbox-store.js';
import { lastRunAt, localDate, nextRunAt } from '../../src/time/daily.js';
import { DEMO_NOW, demoStore } from '../chat/demo-store.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-11-26, the demo corpus's last day. */
const at = (utc: string) => Date.parse(`2026-11-${utc}Z`);

let store: Awaited<ReturnType<typeof demoStore>>;
let chats: ChatStore;
let history: DeliveryHistory;
let scheduler: DigestScheduler;
let moscow: ChatSettings;
let london: ChatSettings;

beforeAll(async () => {
  store = await demoStore();
});

beforeEach(() => {
  store.db.exec(
    "DELETE FROM chats; DELETE FROM digest_runs; DELETE FROM outbox; DELETE FROM meta WHERE key LIKE 'digest-skip:%'",
  );
  chats = createChatStore(store.db);
  history = createDeliveryHistory(store.db);
  scheduler = createDigestScheduler({
    chats,
    builder: createDigestBuilder({ queries: createDigestQueries(store.db), watches: store.stores.watches }),
    history,
    outbox: createOutboxWriter(store.db),
    graceMinutes: 180,
    defaultTimezone: 'UTC',
  });
  const created = DEMO_NOW - 30 * DAY;
  moscow = chats.save(
    { id: 'telegram:-100777', kind: 'channel', title: 'Команда' },
    { lang: 'ru', timezone: 'Europe/Moscow', digestTime: '09:00' },
    created,
  );
  london = chats.save(
    { id: 'slack:T1:C1', kind: 'group', title: 'Team' },
    { lang: 'en', timezone: 'Europe/London', digestTime: '09:00' },
    created,
  );
});

interface OutboxRow {
  key: string;
  target: string;
  payload: string;
  status: string;
  not_before: number;
}
const outbox = () => store.db.prepare('SELECT * FROM outbox ORDER BY id').all() as OutboxRow[];
const replyOf = (row: OutboxRow | undefined) => JSON.parse(row?.payload ?? 'null') as Reply;
const byChat = (decisions: DigestDecision[], chatId: string) => decisions.find((d) => d.chatId === chatId);

describe('which digest is due', () => {
  it('finds the latest run at or before now in the chat timezone, and its local date', () => {
    expect(lastRunAt('09:00', 'Europe/Moscow', at('26T06:00:00'))).toBe(at('26T06:00:00'));
    expect(lastRunAt('09:00', 'Europe/Moscow', at('26T05:59:59'))).toBe(at('25T06:00:00'));
    expect(lastRunAt('00:30', 'Asia/Tokyo', at('26T16:00:00'))).toBe(at('26T15:30:00'));
    expect(lastRunAt('00:30', 'Asia/Tokyo', at('26T15:29:00'))).toBe(at('25T15:30:00'));
    expect(localDate(at('25T15:30:00'), 'Asia/Tokyo')).toBe('2026-11-26');
    expect(localDate(at('25T15:30:00'), 'UTC')).toBe('2026-11-25');
    // London leaves summer time on 25 October 2026: 09:00 local is 08:00 UTC before, 09:00 UTC after.
    expect(lastRunAt('09:00', 'Europe/London', Date.UTC(2026, 9, 24, 12))).toBe(Date.UTC(2026, 9, 24, 8));
    expect(lastRunAt('09:00', 'Europe/London', Date.UTC(2026, 9, 26, 12))).toBe(Date.UTC(2026, 9, 26, 9));
  });
});

describe('deciding daily digests', () => {
  it('decides each chat at 09:00 of its own timezone, in its language', () => {
    const first = scheduler.decideDigest(moscow, at('26T06:00:00'));
    expect(first).toMatchObject({
      status: 'decided',
      localDate: '2026-11-26',
      scheduledAt: at('26T06:00:00'),
      key: 'digest:telegram:-100777:2026-11-26',
      window: { from: at('25T06:00:00'), to: at('26T06:00:00') },
      empty: false,
    });
    const second = scheduler.decideDigest(london, at('26T09:00:00'));
    expect(second).toMatchObject({
      status: 'decided',
      localDate: '2026-11-26',
      scheduledAt: at('26T09:00:00'),
    });

    const [ru, en] = outbox();
    expect(ru).toMatchObject({
      target: 'telegram:-100777',
      status: 'pending',
      not_before: at('26T06:00:00'),
    });
    expect(replyOf(ru).title).toMatch(/^Дайджест · /);
    expect(replyOf(ru).title).toContain('09:00');
    expect(en?.target).toBe('slack:T1:C1');
    expect(replyOf(en).title).toMatch(/^Digest · /);
    expect(replyOf(en).blocks.some((b) => 'heading' in b && b.heading === 'Brand pulse: Yandex')).toBe(true);
  });

  it('decides once however often it is asked', () => {
    const now = at('26T09:00:00');
    const first = scheduler.dueDigests(now);
    expect(byChat(first, london.id)?.status).toBe('decided');
    expect(byChat(first, moscow.id)?.status).toBe('decided'); // its 06:00 run, 180 minutes late: just in grace
    for (const later of [now, now + MINUTE, now + 5 * HOUR]) {
      expect(scheduler.dueDigests(later).map((d) => d.status)).toEqual(['already', 'already']);
    }
    expect(outbox().map((r) => r.key)).toEqual([
      'digest:slack:T1:C1:2026-11-26',
      'digest:telegram:-100777:2026-11-26',
    ]);
  });

  it('sends a digest missed while the bot was down at start-up, within the grace window, once', async () => {
    const clock = createManualClock(at('26T07:30:00')); // 90 minutes after Moscow's 09:00
    const startUp = () =>
      createDigestCron({
        scheduler,
        chats,
        clock,
        defaultTimezone: 'UTC',
        logger: silentLogger(),
        syncExpression: null,
      });
    const first: DigestCron = startUp();
    const decisions = await first.start();
    await first.stop();
    expect(byChat(decisions, moscow.id)).toMatchObject({ status: 'decided', localDate: '2026-11-26' });

    clock.advance(20 * MINUTE); // restarted again
    const second = startUp();
    expect(byChat(await second.start(), moscow.id)?.status).toBe('already');
    await second.stop();
    expect(outbox().filter((r) => r.key === 'digest:telegram:-100777:2026-11-26')).toHaveLength(1);
  });

  it('catches up one chat per turn of the event loop, telling each decision as it is made', async () => {
    const clock = createManualClock(at('26T07:30:00'));
    for (let i = 0; i < 20; i++) {
      chats.save(
        { id: `telegram:-200${i}`, kind: 'group' },
        { timezone: 'UTC', digestTime: '07:00' },
        clock.now(),
      );
    }
    const told: number[] = [];
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const cron = createDigestCron({
      scheduler,
      chats,
      clock,
      defaultTimezone: 'UTC',
      logger: silentLogger(),
      syncExpression: null,
      onDecided: (decisions) => told.push(decisions.length),
    });
    const started = cron.start();
    // Nothing was decided before start() returned: the work runs in later turns.
    expect(told).toEqual([]);
    const decisions = await started;
    clearInterval(ticker);
    await cron.stop();
    // The 20 new chats and Moscow (06:00 UTC, in grace); London's last 09:00 was yesterday, too late.
    expect(decisions.filter((d) => d.status === 'decided')).toHaveLength(21);
    expect(told).toEqual(Array(22).fill(1));
    expect(turns).toBeGreaterThan(0);
  });

  it('skips a digest missed beyond the grace window and records why', () => {
    const decision = scheduler.decideDigest(moscow, at('26T09:30:00'));
    expect(decision).toMatchObject({
      status: 'skipped',
      reason: 'late',
      localDate: '2026-11-26',
      lateMinutes: 210,
    });
    expect(history.digestSkip(moscow.id, '2026-11-26')).toMatchObject({
      reason: 'late',
      scheduledAt: at('26T06:00:00'),
      lateMinutes: 210,
      graceMinutes: 180,
    });
    expect(history.digestRun(moscow.id, '2026-11-26')).toBeNull();
    expect(outbox()).toHaveLength(0);
  });

  it("covers the time since the chat's last digest, a skipped day included", () => {
    const d24 = scheduler.decideDigest(moscow, at('24T06:00:00'));
    expect(d24).toMatchObject({
      status: 'decided',
      window: { from: at('23T06:00:00'), to: at('24T06:00:00') },
    });
    expect(scheduler.decideDigest(moscow, at('25T12:00:00')).status).toBe('skipped');
    const d26 = scheduler.decideDigest(moscow, at('26T06:00:05'));
    expect(d26).toMatchObject({
      status: 'decided',
      window: { from: at('24T06:00:00'), to: at('26T06:00:05') },
    });

    // The time was moved to 18:00 on the 26th: the next digest (the 27th) starts where this one ended.
    const evening = chats.save(
      { id: moscow.id, kind: 'channel' },
      { digestTime: '18:00' },
      at('26T07:00:00'),
    );
    expect(scheduler.decideDigest(evening, at('26T15:00:00')).status).toBe('already'); // one per local date
    const d27 = scheduler.decideDigest(evening, at('27T15:00:00'));
    expect(d27).toMatchObject({
      status: 'decided',
      localDate: '2026-11-27',
      window: { from: at('26T06:00:05') },
    });
  });

  it('falls back to the last 24 hours when the last digest is too old', () => {
    scheduler.decideDigest(moscow, at('10T06:00:00'));
    const late = scheduler.decideDigest(moscow, at('26T06:00:00'));
    expect(late).toMatchObject({
      status: 'decided',
      window: { from: at('25T06:00:00'), to: at('26T06:00:00') },
    });
  });

  it('says so in one line on a day with nothing', () => {
    const quiet = Date.parse('2026-12-10T06:00:00Z');
    const decision = scheduler.decideDigest(moscow, quiet);
    expect(decision).toMatchObject({ status: 'decided', empty: true });
    const reply = replyOf(outbox()[0]);
    expect(reply.blocks).toEqual([
      { type: 'text', text: 'По вашим наблюдениям за этот период ничего нового.' },
    ]);
  });

  it('gives inactive chats and chats without a schedule nothing; a chat without a language gets English', () => {
    const gone = chats.save(
      { id: 'telegram:-100999', kind: 'group' },
      { digestTime: '09:00', active: false },
      0,
    );
    const none = chats.save({ id: 'console:bob', kind: 'private' }, {}, 0);
    const plain = chats.save({ id: 'console:ann', kind: 'private' }, { digestTime: '06:00' }, 0); // UTC default
    expect(scheduler.decideDigest(gone, at('26T06:00:00')).status).toBe('off');
    expect(scheduler.decideDigest(none, at('26T06:00:00')).status).toBe('off');
    const due = scheduler.dueDigests(at('26T06:00:00'));
    expect(due.map((d) => d.chatId).sort()).toEqual([plain.id, london.id, moscow.id].sort());
    expect(byChat(due, plain.id)?.status).toBe('decided');
    expect(replyOf(outbox().find((r) => r.target === plain.id)).title).toMatch(/^Digest · /);
    expect(outbox().some((r) => r.target === gone.id || r.target === none.id)).toBe(false);
  });
});

describe('digest cron tasks', () => {
  let cron: DigestCron | null = null;
  afterEach(async () => {
    await cron?.stop();
    cron = null;
  });

  it('runs one task per chat at its local time, rebuilt when schedules change', async () => {
    const clock = createManualClock(at('26T12:00:00'));
    cron = createDigestCron({
      scheduler,
      chats,
      clock,
      defaultTimezone: 'UTC',
      logger: silentLogger(),
      syncExpression: null,
    });
    await cron.start();
    const moscowTask = cron.task(moscow.id);
    expect(moscowTask?.match(new Date(at('26T06:00:00')))).toBe(true);
    expect(moscowTask?.match(new Date(at('26T09:00:00')))).toBe(false);
    expect(cron.task(london.id)?.match(new Date(at('26T09:00:00')))).toBe(true);

    const runs = cron.nextRuns();
    const nextMoscow = runs.get(moscow.id);
    expect(nextMoscow?.getUTCHours()).toBe(6); // 09:00 Europe/Moscow (UTC+3, no DST)
    expect(nextMoscow?.getUTCMinutes()).toBe(0);
    expect(nextMoscow?.getTime()).toBe(
      nextRunAt('09:00', 'Europe/Moscow', (nextMoscow?.getTime() ?? 0) - DAY),
    );
    const nextLondon = runs.get(london.id);
    expect(nextLondon?.getTime()).toBe(
      nextRunAt('09:00', 'Europe/London', (nextLondon?.getTime() ?? 0) - DAY),
    );

    chats.save({ id: moscow.id, kind: 'channel' }, { digestTime: '18:30', timezone: 'Asia/Almaty' }, 0);
    chats.save({ id: london.id, kind: 'group' }, { digestTime: null }, 0);
    const before = cron.task(moscow.id);
    cron.refresh();
    expect(cron.task(moscow.id)).not.toBe(before);
    expect(cron.task(moscow.id)?.match(new Date(at('26T13:30:00')))).toBe(true); // Almaty is UTC+5
    expect(cron.task(london.id)).toBeUndefined();
    const unchanged = cron.task(moscow.id);
    cron.refresh();
    expect(cron.task(moscow.id)).toBe(unchanged);
  });
});
