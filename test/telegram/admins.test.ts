import { describe, expect, it } from 'vitest';
import { createAdminCache } from '../../adapters/telegram/admins.js';
import { menuEntries } from '../../adapters/telegram/menu.js';
import { silentLogger } from '../../src/logger.js';

describe('telegram admin cache', () => {
  it('asks getChatMember once per person and chat within the TTL of the injected clock, and fails closed', async () => {
    let now = 0;
    const asked: string[] = [];
    const statuses: Record<string, string> = { '1:10': 'creator', '1:11': 'administrator', '1:12': 'member' };
    const cache = createAdminCache(
      { ttlMs: 60_000 },
      {
        getChatMember: async (chat, user) => {
          asked.push(`${chat}:${user}`);
          const status = statuses[`${chat}:${user}`];
          if (!status) throw new Error('Bad Request: chat not found');
          return { status };
        },
        now: () => now,
        logger: silentLogger(),
      },
    );
    expect(await Promise.all([cache.isAdmin(1, 10), cache.isAdmin(1, 10)])).toEqual([true, true]);
    expect(await cache.isAdmin(1, 11)).toBe(true);
    expect(await cache.isAdmin(1, 12)).toBe(false);
    expect(await cache.isAdmin(2, 10)).toBe(false);
    expect(asked).toEqual(['1:10', '1:11', '1:12', '2:10']);
    now = 59_999;
    statuses['1:12'] = 'administrator';
    expect(await cache.isAdmin(1, 12)).toBe(false);
    now = 60_000;
    expect(await cache.isAdmin(1, 12)).toBe(true);
    cache.forget(1);
    await cache.isAdmin(1, 10);
    expect(asked.filter((a) => a === '1:10')).toHaveLength(2);
  });

  it('builds menus that Telegram accepts: valid names, 1–256 character descriptions', () => {
    const entries = menuEntries([
      { name: 'help', summary: { en: 'what Kestrel can do', ru: 'что умеет Kestrel' } },
      { name: 'jobs', summary: { en: 'alerts', ru: 'подписки' } },
      { name: 'Bad-Name', summary: { en: 'x', ru: 'x' } },
      { name: 'long', summary: { en: 'y'.repeat(400), ru: 'я'.repeat(400) } },
    ]);
    expect(entries).toHaveLength(9);
    for (const entry of entries) {
      for (const c of entry.commands) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect([...c.description].length).toBeLessThanOrEqual(256);
      }
    }
    expect(entries.find((e) => e.scope.type === 'all_group_chats')?.commands.map((c) => c.command)).toEqual([
      'help',
      'long',
    ]);
  });
});
