import { createHash } from 'node:crypto';
import type { Watch, WatchSpec } from '../watch/types.js';
import type { Db } from './database.js';

/** Watches, their cursors and the tweets matched to them. */
export interface WatchStore {
  /** Active watches, oldest first. */
  list(chatId?: string): Watch[];
  /** Makes the config's watches the active config watches: adds new, updates changed, retires missing ones. */
  syncConfig(specs: readonly WatchSpec[], now: number): { added: number; updated: number; removed: number };
  add(spec: WatchSpec, chatId: string, now: number): Watch;
  remove(id: number, now: number): boolean;
  /** The since_id a watch has been searched up to, or null if never or if its terms changed since. */
  cursor(watch: Watch): string | null;
  setCursor(watch: Watch, sinceId: string, now: number): void;
  /** Records matches; returns how many were new, calling `onNew` with the watch of each new one. */
  addMatches(
    pairs: readonly { watchId: number; tweetSeq: number }[],
    now: number,
    onNew?: (watchId: number) => void,
  ): number;
  matchCounts(): Map<number, number>;
}

interface WatchRow {
  id: number;
  kind: string;
  name: string;
  spec: string;
  spec_hash: string;
  chat_id: string;
  origin: 'config' | 'chat';
}

export function hashSpec(spec: WatchSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
}

export function createWatchStore(db: Db): WatchStore {
  const selectActive = db.prepare('SELECT * FROM watches WHERE removed_at IS NULL ORDER BY id');
  const selectActiveForChat = db.prepare(
    'SELECT * FROM watches WHERE removed_at IS NULL AND chat_id = ? ORDER BY id',
  );
  const insert = db.prepare(`
    INSERT INTO watches (kind, name, spec, spec_hash, chat_id, origin, created_at)
    VALUES (@kind, @name, @spec, @specHash, @chatId, @origin, @now) RETURNING *`);
  const updateSpec = db.prepare('UPDATE watches SET spec = ?, spec_hash = ? WHERE id = ?');
  const retire = db.prepare('UPDATE watches SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  const selectCursor = db.prepare('SELECT since_id, spec_hash FROM watch_cursors WHERE watch_id = ?');
  const upsertCursor = db.prepare(`
    INSERT INTO watch_cursors (watch_id, since_id, spec_hash, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (watch_id) DO UPDATE SET since_id = excluded.since_id, spec_hash = excluded.spec_hash,
      updated_at = excluded.updated_at`);
  const insertMatch = db.prepare(
    'INSERT OR IGNORE INTO watch_matches (watch_id, tweet_seq, matched_at) VALUES (?, ?, ?)',
  );
  const countMatches = db.prepare('SELECT watch_id, count(*) AS n FROM watch_matches GROUP BY watch_id');

  const toWatch = (row: WatchRow): Watch => ({
    id: row.id,
    chatId: row.chat_id,
    origin: row.origin,
    spec: JSON.parse(row.spec) as WatchSpec,
    specHash: row.spec_hash,
  });

  const add = (spec: WatchSpec, chatId: string, now: number, origin: 'config' | 'chat' = 'chat'): Watch =>
    toWatch(
      insert.get({
        kind: spec.kind,
        name: spec.name,
        spec: JSON.stringify(spec),
        specHash: hashSpec(spec),
        chatId,
        origin,
        now,
      }) as WatchRow,
    );

  return {
    list: (chatId) =>
      ((chatId === undefined ? selectActive.all() : selectActiveForChat.all(chatId)) as WatchRow[]).map(
        toWatch,
      ),
    syncConfig: db.transaction((specs: readonly WatchSpec[], now: number) => {
      const existing = (selectActiveForChat.all('') as WatchRow[]).filter((r) => r.origin === 'config');
      const byKey = new Map(existing.map((r) => [`${r.kind}:${r.name.toLowerCase()}`, r]));
      const counts = { added: 0, updated: 0, removed: 0 };
      for (const spec of specs) {
        const key = `${spec.kind}:${spec.name.toLowerCase()}`;
        const row = byKey.get(key);
        byKey.delete(key);
        if (!row) {
          add(spec, '', now, 'config');
          counts.added++;
        } else if (row.spec_hash !== hashSpec(spec)) {
          updateSpec.run(JSON.stringify(spec), hashSpec(spec), row.id);
          counts.updated++;
        }
      }
      for (const row of byKey.values()) counts.removed += retire.run(now, row.id).changes;
      return counts;
    }),
    add: (spec, chatId, now) => add(spec, chatId, now),
    remove: (id, now) => retire.run(now, id).changes === 1,
    cursor(watch) {
      const row = selectCursor.get(watch.id) as { since_id: string; spec_hash: string } | undefined;
      return row && row.spec_hash === watch.specHash ? row.since_id : null;
    },
    setCursor(watch, sinceId, now) {
      upsertCursor.run(watch.id, sinceId, watch.specHash, now);
    },
    addMatches(pairs, now, onNew) {
      let added = 0;
      for (const { watchId, tweetSeq } of pairs) {
        if (insertMatch.run(watchId, tweetSeq, now).changes === 1) {
          added++;
          onNew?.(watchId);
        }
      }
      return added;
    },
    matchCounts: () =>
      new Map((countMatches.all() as { watch_id: number; n: number }[]).map((r) => [r.watch_id, r.n])),
  };
}
