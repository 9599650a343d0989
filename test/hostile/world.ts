import { parseJobFilters } from '../../commands/args/job-filters.js';
import { parseWatchSpec } from '../../commands/args/watch-spec.js';
import type { Command } from '../../src/chat/command.js';
import { createCommandSet } from '../../src/chat/command-set.js';
import { createChatStore } from '../../src/store/chat-store.js';
import type { Db } from '../../src/store/database.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { DEMO_NOW, demoStore } from '../chat/demo-store.js';

/** Words only the other chat's watches and the other person's alerts hold: a reply showing one leaks. */
export const MARKERS = ['zyxquartz', 'plumbobvortigaunt', 'xylophonist'] as const;

/** The other chat and person, as one platform names them. */
export interface Victim {
  chatId: string;
  kind: 'private' | 'group' | 'channel';
  userId: string;
  privateChatId: string;
}

/**
 * The demo store with every command over it (charts off, to keep 10 000 inputs fast), plus another chat with
 * two watches and another person with an alert and a schedule, all named with the {@link MARKERS}.
 */
export async function hostileWorld(victim: Victim) {
  const demo = await demoStore();
  const { db, stores } = demo;
  const commands: Command[] = createCommandSet({
    ...demo,
    dbPath: ':memory:',
    source: null,
    nextPoll: () => null,
    charts: false,
  });
  const itemIds: number[] = [];
  for (const [kind, words] of [
    ['brand', 'Zyxquartz'],
    ['topic', 'plumbobvortigaunt'],
  ] as const) {
    const spec = parseWatchSpec(kind, words);
    if (!spec.ok) throw new Error(spec.problem.en);
    itemIds.push(stores.watches.add(spec.spec, victim.chatId, DEMO_NOW).id);
  }
  const filter = parseJobFilters('xylophonist remote');
  if (!filter.ok) throw new Error(filter.problem.en);
  const subscriptions = createSubscriptionStore(db);
  itemIds.push(
    subscriptions.subscribe(
      { userId: victim.userId, chatId: victim.privateChatId, timezone: 'Asia/Tokyo' },
      filter.filter,
      DEMO_NOW,
    ).id,
  );
  const chats = createChatStore(db);
  chats.save(
    { id: victim.chatId, kind: victim.kind, title: 'Zyxquartz team' },
    { lang: 'ru', digestTime: '07:15', timezone: 'Asia/Tokyo' },
    DEMO_NOW,
  );
  const others = {
    ids: [victim.chatId, victim.userId, victim.privateChatId],
    itemIds: [...itemIds, 1, 2, 3],
  };
  return { ...demo, commands, others, snapshot: () => victimSnapshot(db, victim) };
}

/** Everything of the victim's in the database, to compare before and after the attack. */
export function victimSnapshot(db: Db, victim: Victim): string {
  const rows = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args);
  return JSON.stringify({
    watches: rows('SELECT * FROM watches WHERE chat_id = ? ORDER BY id', victim.chatId),
    chat: rows('SELECT * FROM chats WHERE id IN (?, ?)', victim.chatId, victim.privateChatId),
    subscriber: rows('SELECT * FROM subscribers WHERE user_id = ?', victim.userId),
    alerts: rows('SELECT * FROM job_subscriptions WHERE user_id = ? ORDER BY id', victim.userId),
  });
}
