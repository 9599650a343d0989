import { PassThrough } from 'node:stream';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { createContextBuilder } from '../../src/chat/context-builder.js';
import { createRegistry } from '../../src/chat/registry.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { DEMO_NOW } from '../chat/demo-store.js';
import { consoleProblems } from './checks.js';
import { familyCounts, hostileInputs } from './inputs.js';
import { hostileWorld, MARKERS, type Victim } from './world.js';

const INPUTS = 10_000;
const victim: Victim = {
  chatId: 'console:other-team',
  kind: 'group',
  userId: 'console:other',
  privateChatId: 'console:other',
};

let world: Awaited<ReturnType<typeof hostileWorld>>;
beforeAll(async () => {
  world = await hostileWorld(victim);
}, 60_000);

describe('hostile input through the console adapter (readline on a stream)', () => {
  it(`${INPUTS} seeded inputs: no crash, no stack trace, no control characters, nothing of another chat`, async () => {
    const logs: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(line) });
    const registry = createRegistry(world.commands, { logger });
    const context = createContextBuilder({
      chats: createChatStore(world.db),
      defaultTimezone: 'Europe/Moscow',
      now: () => DEMO_NOW,
    });
    const before = world.snapshot();
    const inputs = hostileInputs(INPUTS, 14_001, world.others);
    const sessions = (['private', 'group'] as const).map((chatKind) => {
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = '';
      output.on('data', (chunk) => {
        printed += String(chunk);
      });
      const adapter = createConsoleAdapter({
        input,
        output,
        identity: {
          name: 'attacker',
          chatKind,
          lang: 'en',
          isAdmin: chatKind === 'private',
          timezone: 'UTC',
        },
        chartsDir: '/nonexistent/charts',
        now: () => DEMO_NOW,
        context,
      });
      return { input, adapter, printed: () => printed };
    });
    for (const s of sessions) await s.adapter.start((m) => registry.dispatch(m.text, m.context));
    inputs.forEach((input, i) => {
      sessions[i % 2]?.input.write(`${input.text}\n`);
    });
    for (const s of sessions) {
      s.input.end();
      await s.adapter.closed();
    }

    const failures: string[] = [];
    let replies = 0;
    for (const s of sessions) {
      for (const sent of s.adapter.sent) {
        replies++;
        for (const problem of consoleProblems(sent.text, MARKERS))
          failures.push(`${problem} in ${sent.text.slice(0, 120)}`);
      }
      expect(s.printed()).not.toMatch(/Something went wrong: /);
      // What reached the terminal, hints for non-commands included.
      for (const problem of consoleProblems(s.printed(), MARKERS)) failures.push(`${problem} in the output`);
    }
    console.info(
      `console: ${inputs.length} inputs, ${replies} replies, ${failures.length} problems`,
      familyCounts(inputs),
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(replies).toBeGreaterThan(INPUTS * 0.8);
    expect(logs.filter((l) => /"level":(50|60)/.test(l)).slice(0, 5)).toEqual([]);
    expect(world.snapshot()).toBe(before);
  }, 120_000);
});
