import type { Db } from './database.js';

/** One decided digest of a chat: the chat's local date it was for and the window it covered. */
export interface DigestRun {
  chatId: string;
  /** `YYYY-MM-DD` in the chat's timezone, of the scheduled run. */
  localDate: string;
  windowFrom: number;
  windowTo: number;
  decidedAt: number;
}

/** Why a scheduled digest was not sent, kept so an operator can see it later. */
export interface DigestSkip {
  reason: 'late';
  /** When the digest was due (epoch ms). */
  scheduledAt: number;
  /** How late the decision came, and the grace it exceeded, in minutes. */
  lateMinutes: number;
  graceMinutes: number;
  decidedAt: number;
}

/** A decided spike alert: the brand, the hour it is filed under and the mentions counted. */
export interface SpikeAlertRecord {
  brand: string;
  hourStart: number;
  count: number;
}

/** The delivery history (`digest_runs`, `spike_alerts`) and the reads the delivery decisions need. */
export interface DeliveryHistory {
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  /** The digest decided for this chat and local date, if any. */
  digestRun(chatId: string, localDate: string): DigestRun | null;
  /** The chat's most recent digest (by the end of its window). */
  lastDigest(chatId: string): DigestRun | null;
  /** Records a decided digest; false (and nothing changes) when that chat and date already have one. */
  recordDigest(run: Omit<DigestRun, 'decidedAt'>, now: number): boolean;
  /**
   * Records why a scheduled digest was not sent (in `meta`, under `digest-skip:<chat>:<date>`, until
   * `digest_runs` has an outcome column). The first record of a chat and date wins.
   */
  recordDigestSkip(chatId: string, localDate: string, skip: DigestSkip): void;
  /** The recorded skip of this chat and date, if any. */
  digestSkip(chatId: string, localDate: string): DigestSkip | null;
  /** The latest hour an alert of this brand was filed under, at or before `atOrBefore`. */
  lastSpikeHour(brand: string, atOrBefore: number): number | null;
  /** Records a decided spike alert; false when one is already filed under that brand and hour. */
  recordSpike(alert: SpikeAlertRecord, now: number): boolean;
}

interface RunRow {
  chatId: string;
  localDate: string;
  windowFrom: number;
  windowTo: number;
  decidedAt: number;
}

const RUN_COLUMNS = `chat_id AS chatId, local_date AS localDate, window_from AS windowFrom,
  window_to AS windowTo, decided_at AS decidedAt`;

const skipKey = (chatId: string, localDate: string) => `digest-skip:${chatId}:${localDate}`;

/** Creates the delivery history over an open database. */
export function createDeliveryHistory(db: Db): DeliveryHistory {
  const selectRun = db.prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs WHERE chat_id = ? AND local_date = ?`);
  const selectLast = db.prepare(
    `SELECT ${RUN_COLUMNS} FROM digest_runs WHERE chat_id = ? ORDER BY window_to DESC, decided_at DESC LIMIT 1`,
  );
  const insertRun = db.prepare(`
    INSERT OR IGNORE INTO digest_runs (chat_id, local_date, window_from, window_to, decided_at)
    VALUES (?, ?, ?, ?, ?)`);
  const insertMeta = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  const selectMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const selectLastSpike = db
    .prepare('SELECT max(hour_start) FROM spike_alerts WHERE brand = ? AND hour_start <= ?')
    .pluck();
  const insertSpike = db.prepare(
    'INSERT OR IGNORE INTO spike_alerts (brand, hour_start, count, decided_at) VALUES (?, ?, ?, ?)',
  );

  return {
    transaction: (fn) => db.transaction(fn)(),
    digestRun: (chatId, localDate) => (selectRun.get(chatId, localDate) as RunRow | undefined) ?? null,
    lastDigest: (chatId) => (selectLast.get(chatId) as RunRow | undefined) ?? null,
    recordDigest: (run, now) =>
      insertRun.run(run.chatId, run.localDate, run.windowFrom, run.windowTo, now).changes === 1,
    recordDigestSkip(chatId, localDate, skip) {
      insertMeta.run(skipKey(chatId, localDate), JSON.stringify(skip));
    },
    digestSkip(chatId, localDate) {
      const value = selectMeta.get(skipKey(chatId, localDate)) as string | undefined;
      return value === undefined ? null : (JSON.parse(value) as DigestSkip);
    },
    lastSpikeHour: (brand, atOrBefore) => (selectLastSpike.get(brand, atOrBefore) as number | null) ?? null,
    recordSpike: (alert, now) =>
      insertSpike.run(alert.brand, alert.hourStart, alert.count, now).changes === 1,
  };
}
