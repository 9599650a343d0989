import { beforeEach, describe, expect, it } from 'vitest';
import { createJobsCommand } from '../../commands/jobs.js';
import type { CommandContext } from '../../src/chat/context.js';
import { type CommandRegistry, createRegistry } from '../../src/chat/registry.js';
import type { Reply } from '../../src/chat/reply.js';
import { isQuietAt, parseQuietHours, quietEndAfter, releaseTime } from '../../src/delivery/quiet-hours.js';
import { silentLogger } from '../../src/logger.js';
import { createQuietHoursStore } from '../../src/store/alert-queries.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createSubscriptionStore, type SubscriptionStore } from '../../src/store/subscription-store.js';
import { makeContext } from '../chat/demo-store.js';

const NIGHT = { start: '23:00', end: '08:00' };
const MSK = 'Europe/Moscow'; // UTC+3 all year
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('parseQuietHours', () => {
  it('reads HH:MM-HH:MM with a hyphen or dash, into canonical times', () => {
    expect(parseQuietHours('23:00-08:00')).toEqual({ ok: true, hours: { start: '23:00', end: '08:00' } });
    expect(parseQuietHours('7:30 – 9:05')).toEqual({ ok: true, hours: { start: '07:30', end: '09:05' } });
    expect(parseQuietHours('00:00—23:59')).toEqual({ ok: true, hours: { start: '00:00', end: '23:59' } });
  });

  it('refuses anything else, and empty stretches', () => {
    for (const bad of [
      '',
      '23-08',
      '24:00-08:00',
      '23:60-08:00',
      '23:00',
      '23:00-',
      '23:00 08:00',
      '11pm-8am',
      '23.00-08.00',
      '23:00-08:00 msk',
      '١٢:٠٠-٠٨:٠٠',
    ]) {
      expect(parseQuietHours(bad), bad).toEqual({ ok: false, problem: 'format' });
    }
    expect(parseQuietHours('08:00-8:00')).toEqual({ ok: false, problem: 'same' });
  });
});

describe('quiet hours across midnight in the person timezone', () => {
  it('23:00–08:00 Moscow is 20:00–05:00 UTC', () => {
    expect(isQuietAt(utc(2026, 3, 10, 19, 59), MSK, NIGHT)).toBe(false); // 22:59 MSK
    expect(isQuietAt(utc(2026, 3, 10, 20, 0), MSK, NIGHT)).toBe(true); // 23:00 MSK
    expect(isQuietAt(utc(2026, 3, 10, 21, 30), MSK, NIGHT)).toBe(true); // 00:30 MSK, next day
    expect(isQuietAt(utc(2026, 3, 11, 4, 59), MSK, NIGHT)).toBe(true); // 07:59 MSK
    expect(isQuietAt(utc(2026, 3, 11, 5, 0), MSK, NIGHT)).toBe(false); // 08:00 MSK
  });

  it('ends at the next 08:00 local, before or after midnight', () => {
    const end = utc(2026, 3, 11, 5, 0);
    expect(quietEndAfter(utc(2026, 3, 10, 20, 30), MSK, NIGHT)).toBe(end); // 23:30 MSK
    expect(quietEndAfter(utc(2026, 3, 10, 21, 30), MSK, NIGHT)).toBe(end); // 00:30 MSK
    expect(quietEndAfter(utc(2026, 3, 11, 4, 59), MSK, NIGHT)).toBe(end);
    expect(quietEndAfter(utc(2026, 3, 10, 12, 0), MSK, NIGHT)).toBeNull();
  });

  it('a stretch within one day', () => {
    const lunch = { start: '13:00', end: '14:30' };
    expect(isQuietAt(utc(2026, 3, 10, 10, 0), MSK, lunch)).toBe(true);
    expect(quietEndAfter(utc(2026, 3, 10, 10, 0), MSK, lunch)).toBe(utc(2026, 3, 10, 11, 30));
    expect(isQuietAt(utc(2026, 3, 10, 11, 30), MSK, lunch)).toBe(false);
  });

  it('follows daylight saving: Berlin 22:00–07:00 on the night clocks go forward', () => {
    const quiet = { start: '22:00', end: '07:00' };
    // 29 March 2026: 02:00 CET → 03:00 CEST. 23:00 CET on the 28th = 22:00 UTC; 07:00 CEST = 05:00 UTC.
    expect(quietEndAfter(utc(2026, 3, 28, 22, 0), 'Europe/Berlin', quiet)).toBe(utc(2026, 3, 29, 5, 0));
    // A week earlier, still winter time: 07:00 CET = 06:00 UTC.
    expect(quietEndAfter(utc(2026, 3, 21, 22, 0), 'Europe/Berlin', quiet)).toBe(utc(2026, 3, 22, 6, 0));
  });

  it('releaseTime: at once without quiet hours or outside them; unknown zones count as UTC', () => {
    const at = utc(2026, 3, 10, 21, 30);
    expect(releaseTime(at, MSK, { start: null, end: null })).toBe(at);
    expect(releaseTime(at, MSK, NIGHT)).toBe(utc(2026, 3, 11, 5, 0));
    expect(releaseTime(utc(2026, 3, 10, 12, 0), MSK, NIGHT)).toBe(utc(2026, 3, 10, 12, 0));
    expect(releaseTime(at, 'Mars/Olympus', NIGHT)).toBe(at); // 21:30 UTC is not quiet
    expect(releaseTime(utc(2026, 3, 10, 23, 30), null, NIGHT)).toBe(utc(2026, 3, 11, 8, 0));
  });
});

describe('/jobs quiet', () => {
  let db: Db;
  let subscriptions: SubscriptionStore;
  let registry: CommandRegistry;
  const alice = makeContext({
    user: { id: 'telegram:1', name: 'alice' },
    chat: { id: 'telegram:1', kind: 'private' },
  });
  const ru = (ctx: CommandContext): CommandContext => ({ ...ctx, lang: 'ru' });
  const textOf = (reply: Reply | null) =>
    (reply?.blocks ?? []).map((b) => (b.type === 'text' ? b.text : '')).join('\n');
  const send = async (text: string, ctx: CommandContext = alice) => {
    const reply = await registry.dispatch(text, ctx);
    if (!reply) throw new Error(`${text} was not a command`);
    return reply;
  };
  const quietRow = () =>
    db.prepare('SELECT quiet_start, quiet_end FROM subscribers WHERE user_id = ?').get('telegram:1');

  beforeEach(() => {
    db = openDatabase(':memory:');
    subscriptions = createSubscriptionStore(db);
    registry = createRegistry([createJobsCommand({ subscriptions, quietHours: createQuietHoursStore(db) })], {
      logger: silentLogger(),
    });
  });

  it('sets, shows and clears quiet hours in the person timezone', async () => {
    await send('/jobs add golang');
    const set = await send('/jobs quiet 23:00-8:00');
    expect(set.tone).toBe('normal');
    expect(textOf(set)).toBe(
      'Quiet hours set: 23:00–08:00 (Europe/Moscow). Alerts found then will come at 08:00.',
    );
    expect(quietRow()).toEqual({ quiet_start: '23:00', quiet_end: '08:00' });
    expect(textOf(await send('/jobs quiet', ru(alice)))).toContain('Тихие часы: 23:00–08:00 (Europe/Moscow)');
    expect(textOf(await send('/jobs quiet off'))).toBe('Quiet hours off: alerts come at any time.');
    expect(quietRow()).toEqual({ quiet_start: null, quiet_end: null });
    expect(textOf(await send('/jobs quiet off', ru(alice)))).toBe('Тихих часов и так нет.');
    expect(textOf(await send('/jobs quiet'))).toContain('No quiet hours');
  });

  it('refuses malformed ranges, by name, in both languages, and changes nothing', async () => {
    await send('/jobs add golang');
    await send('/jobs quiet 22:00-07:00');
    for (const bad of ['25:00-08:00', '23:00', '11pm-8am', 'off now', '23:00-08:00 msk']) {
      const reply = await send(`/jobs quiet ${bad}`);
      expect(reply.tone, bad).toBe('refusal');
      expect(JSON.stringify(reply)).toContain('HH:MM-HH:MM');
    }
    const same = await send('/jobs quiet 08:00-08:00', ru(alice));
    expect(JSON.stringify(same)).toContain('в разное время');
    const ruBad = await send('/jobs quiet 9-18', ru(alice));
    expect(JSON.stringify(ruBad)).toContain('«9-18» — не промежуток времени');
    expect(quietRow()).toEqual({ quiet_start: '22:00', quiet_end: '07:00' });
  });

  it('needs a subscription first', async () => {
    const reply = await send('/jobs quiet 23:00-08:00');
    expect(reply.tone).toBe('refusal');
    expect(JSON.stringify(reply)).toContain('You have no job alerts yet');
  });
});
