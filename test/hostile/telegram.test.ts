import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../adapters/telegram/telegram-adapter.js';
import { createContextBuilder } from '../../src/chat/context-builder.js';
import { createChatMembership } from '../../src/chat/membership.js';
import { createRegistry } from '../../src/chat/registry.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { DEMO_NOW } from '../chat/demo-store.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram/server.js';
import { type FakeChat, privateChatOf, textMessage } from '../fakes/telegram/updates.js';
import { ivan, kate } from '../telegram/harness.js';
import { telegramProblems } from './checks.js';
import { familyCounts, hostileInputs } from './inputs.js';
import { hostileWorld, MARKERS, type Victim } from './world.js';

const INPUTS = 10_000;
const victim: Victim = {
  chatId: 'telegram:-1009999999999',
  kind: 'group',
  userId: 'telegram:777000777',
  privateChatId: 'telegram:777000777',
};
const group: FakeChat = { id: -1001234567890, type: 'supergroup', title: 'Team' };

let world: Awaited<ReturnType<typeof hostileWorld>>;
let fake: FakeTelegram;
let adapter: TelegramAdapter;
const logs: string[] = [];

beforeAll(async () => {
  world = await hostileWorld(victim);
  fake = await startFakeTelegram({ limits: false });
  const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(line) });
  const chats = createChatStore(world.db);
  const clock = { now: () => DEMO_NOW, sleep: systemClock.sleep };
  adapter = createTelegramAdapter(
    { token: fake.token, apiRoot: fake.apiRoot, pollTimeoutSeconds: 1, partIntervalMs: 0 },
    {
      context: createContextBuilder({ chats, defaultTimezone: 'Europe/Moscow', now: clock.now }),
      membership: createChatMembership({
        store: createMembershipStore(world.db),
        now: clock.now,
        logger: silentLogger(),
      }),
      subscriptions: createSubscriptionStore(world.db),
      commands: world.commands,
      clock,
      logger,
    },
  );
  const registry = createRegistry(world.commands, { logger });
  await adapter.start((m) => registry.dispatch(m.text, m.context));
}, 60_000);

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

describe('hostile input through the Telegram adapter (updates by long polling through grammY)', () => {
  it(`${INPUTS} seeded inputs: every answer parses as Telegram HTML, no foreign markup, nothing of another chat`, async () => {
    const before = world.snapshot();
    const inputs = hostileInputs(INPUTS, 14_002, world.others);
    // Chats are answered concurrently (one chat's updates in order): the attackers use several.
    const people = Array.from({ length: 6 }, (_, i) => ({
      ...(i % 2 ? ivan : kate),
      id: (i % 2 ? ivan : kate).id + i,
    }));
    const groups = [group, { ...group, id: group.id - 1 }];
    for (const g of groups) fake.setMember(g.id, kate.id, 'administrator');
    const senders = [
      ...people.map((p) => ({ chat: privateChatOf(p), from: p })),
      ...groups.flatMap((chat) => [
        { chat, from: kate },
        { chat, from: ivan },
      ]),
    ];
    inputs.forEach((input, i) => {
      const { chat, from } = senders[i % senders.length] as (typeof senders)[number];
      fake.push(textMessage(chat, from, input.text));
    });
    // Until grammY has fetched every update and the answers stopped coming.
    let calls = -1;
    while (fake.pendingUpdates() > 0 || calls !== fake.calls.length) {
      calls = fake.calls.length;
      await new Promise((r) => setTimeout(r, 400));
    }
    const refused = fake.calls.filter((c) => c.status !== 200 && c.method !== 'getUpdates');
    const failures: string[] = [];
    for (const m of fake.sent) {
      for (const problem of telegramProblems(m.source, MARKERS))
        failures.push(`${problem} in ${m.source.slice(0, 160)}`);
    }
    const errors = logs.filter((l) => /"level":(50|60)/.test(l));
    console.info(
      `telegram: ${inputs.length} inputs, ${fake.sent.length} messages sent, ${refused.length} refused by the API, ` +
        `${failures.length} problems, ${errors.length} error logs`,
      familyCounts(inputs),
    );
    expect(refused.map((c) => `${c.method} ${c.status}`).slice(0, 10)).toEqual([]);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(errors.slice(0, 5)).toEqual([]);
    expect(fake.sent.length).toBeGreaterThan(INPUTS * 0.8);
    expect(world.snapshot()).toBe(before);
  }, 180_000);
});
