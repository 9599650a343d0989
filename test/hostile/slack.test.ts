import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/chat/context.js';
import { createContextBuilder, type MessageOrigin } from '../../src/chat/context-builder.js';
import { createRegistry } from '../../src/chat/registry.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { DEMO_NOW } from '../chat/demo-store.js';
import { ADMIN, CHANNEL, MEMBER, RUSSIAN, type SlackHarness, startHarness } from '../slack/harness.js';
import { slackProblems } from './checks.js';
import { familyCounts, hostileInputs } from './inputs.js';
import { hostileWorld, MARKERS, type Victim } from './world.js';

const INPUTS = 10_000;
/** Requests in flight at once, as a busy workspace would send them. */
const PARALLEL = 4;
let h: SlackHarness;
const logs: string[] = [];
let world: Awaited<ReturnType<typeof hostileWorld>>;
let victim: Victim;

beforeAll(async () => {
  const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(line) });
  // The context builder reads the world's store, which is made once the fake's team id is known.
  let contextOf: (origin: MessageOrigin) => CommandContext = () => {
    throw new Error('no world yet');
  };
  h = await startHarness({ now: () => DEMO_NOW, logger, context: (origin) => contextOf(origin) });
  const team = h.slack.team;
  victim = {
    chatId: `slack:${team}:C0OTHERCH`,
    kind: 'channel',
    userId: `slack:${team}:U0VICTIM1`,
    privateChatId: `slack:${team}:D0VICTIM1`,
  };
  world = await hostileWorld(victim);
  contextOf = createContextBuilder({
    chats: createChatStore(world.db),
    defaultTimezone: 'Europe/Moscow',
    now: () => DEMO_NOW,
  });
  const registry = createRegistry(world.commands, { logger });
  for (const user of [ADMIN, MEMBER, RUSSIAN]) h.slack.addChannel(`D${user.slice(1)}`);
  await h.adapter.start((m) => registry.dispatch(m.text, m.context));
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('hostile input through the Slack adapter (signed requests through Bolt)', () => {
  it(`${INPUTS} seeded inputs: Block Kit within limits, no mrkdwn control sequence, nothing of another chat`, async () => {
    const before = world.snapshot();
    const inputs = hostileInputs(INPUTS, 14_003, world.others);
    const users = [ADMIN, MEMBER, RUSSIAN];
    let next = 0;
    const refused: string[] = [];
    let ts = 1_700_000_000;
    const sendOne = async (i: number) => {
      const input = inputs[i]?.text ?? '';
      const user = users[i % users.length] as string;
      const dm = `D${user.slice(1)}`;
      if (i % 4 === 3) {
        // A direct message to the bot (message.im event).
        const event = {
          type: 'message',
          channel_type: 'im',
          channel: dm,
          user,
          text: input,
          ts: `${ts++}.000100`,
        };
        const { status } = await h.event(event);
        if (status !== 200) refused.push(`${status} for the message ${JSON.stringify(input.slice(0, 100))}`);
        return;
      }
      const [name = '', ...rest] = input.replace(/^\//, '').split(' ');
      // Slack sends only the app's own commands (lower-case names); anything else goes through /kestrel.
      const umbrella = i % 3 === 0 || !/^[a-z]{1,32}$/.test(name);
      const command = umbrella ? '/kestrel' : `/${name}`;
      const text = umbrella ? input : rest.join(' ');
      const channel = i % 2 === 0 ? CHANNEL : dm;
      const sent = await h.slash(command, text, {
        user,
        channel,
        channelName: channel === CHANNEL ? 'general' : 'directmessage',
      });
      if (sent.status !== 200)
        refused.push(`${sent.status} for ${command} ${JSON.stringify(text.slice(0, 100))}`);
    };
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < inputs.length) await sendOne(next++);
      }),
    );
    // Until the answers stopped coming.
    let count = -1;
    while (count !== h.slack.responses.length + h.slack.messages.length) {
      count = h.slack.responses.length + h.slack.messages.length;
      await new Promise((r) => setTimeout(r, 400));
    }
    const bodies = [
      ...h.slack.responses.map((r) => r.body),
      ...h.slack.messages.filter((m) => !m.user).map((m) => ({ text: m.text, blocks: m.blocks })),
    ];
    const failures: string[] = [];
    for (const body of bodies) {
      for (const problem of slackProblems(body, MARKERS))
        failures.push(`${problem} in ${JSON.stringify(body).slice(0, 200)}`);
    }
    const errors = logs.filter((l) => /"level":(50|60)/.test(l));
    console.info(
      `slack: ${inputs.length} inputs, ${bodies.length} answers, ${refused.length} requests refused, ` +
        `${failures.length} problems, ${errors.length} error logs`,
      familyCounts(inputs),
    );
    expect({
      refused: refused.slice(0, 10),
      failures: failures.slice(0, 20),
      errors: errors.slice(0, 5),
    }).toEqual({
      refused: [],
      failures: [],
      errors: [],
    });
    expect(bodies.length).toBeGreaterThan(INPUTS * 0.8);
    expect(world.snapshot()).toBe(before);
  }, 240_000);
});
