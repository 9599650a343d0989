import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainContext } from '../../adapters/slack/origin.js';
import { renderReply } from '../../adapters/slack/render.js';
import { splitMessages } from '../../adapters/slack/split.js';
import { createFeedbackTaps } from '../../src/feedback/taps.js';
import { DEMO_NOW, makeContext } from '../chat/demo-store.js';
import { validateBlocks } from '../fakes/slack/block-kit.js';
import type { FakeMessage } from '../fakes/slack/server.js';
import { ADMIN, CHANNEL, MEMBER, type SlackHarness, startHarness } from '../slack/harness.js';
import { feedbackHarness } from './harness.js';

type Feedback = Awaited<ReturnType<typeof feedbackHarness>>;
let h: Feedback;
let sh: SlackHarness;
let chatId: string;

beforeEach(async () => {
  h = await feedbackHarness();
  sh = await startHarness({
    db: h.db,
    now: () => DEMO_NOW,
    context: (origin) => plainContext(origin, 'Europe/Moscow', DEMO_NOW),
    feedback: createFeedbackTaps({ corrections: h.corrections, feedback: h.feedback }),
  });
  chatId = `slack:${sh.slack.team}:${CHANNEL}`;
  await sh.adapter.start(({ text, context }) => h.registry.dispatch(text, context));
}, 60_000);

afterEach(async () => {
  await sh.close();
});

type Block = {
  type: string;
  block_id?: string;
  elements?: Record<string, unknown>[];
  text?: { text: string };
};

const labelOf = (seq: number) =>
  h.db.prepare('SELECT label FROM tweet_signals WHERE tweet_seq = ?').pluck().get(seq) as string;
const votes = () => h.db.prepare('SELECT count(*) FROM label_feedback').pluck().get() as number;

/** Sends the channel's digest through the adapter, as the dispatcher does. */
async function postDigest(): Promise<FakeMessage[]> {
  const ctx = makeContext({ chat: { id: chatId, kind: 'group' }, user: { id: 'slack:x', name: 'x' } });
  const reply = await h.send('/digest', ctx);
  const before = sh.slack.messages.length;
  const sent = await sh.adapter.send(chatId, reply);
  expect(sent.ok).toBe(true);
  return sh.slack.messages.slice(before);
}

/** The message and actions block of the item whose section mentions `needle`. */
function itemOf(messages: FakeMessage[], needle: string) {
  for (const message of messages) {
    const blocks = message.blocks as Block[];
    const at = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes(needle));
    if (at < 0) continue;
    const actions = blocks.slice(at).find((b) => b.type === 'actions');
    if (actions)
      return { message, actions, number: Number(/^(\d+)\./.exec(blocks[at]?.text?.text ?? '')?.[1]) };
  }
  throw new Error(`no item with buttons shows ${needle}`);
}

/** The bold heading above the section that mentions `needle`, or null when no section does. */
function headingOf(messages: FakeMessage[], needle: string): string | null {
  let heading = '';
  for (const b of messages.flatMap((m) => m.blocks as Block[])) {
    const first = b.text?.text.split('\n')[0] ?? '';
    if (b.type === 'section' && /^\*[^*]+\*$/.test(first)) heading = first;
    if (b.type === 'section' && b.text?.text.includes(needle)) return heading;
  }
  return null;
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('feedback buttons in Slack (Bolt, signed block_actions, against the fake Web API)', () => {
  it('✗ turns into a select of the choices; a choice changes the label, the message and the next digest', async () => {
    const digest = await postDigest();
    for (const m of digest) expect(validateBlocks(m.blocks)).toEqual([]);
    const { message, actions, number } = itemOf(digest, 'anna_it_recruit');
    expect(actions.elements?.map((e) => (e.text as { text: string }).text)).toEqual([
      `${number} ✓`,
      `${number} ✗`,
    ]);
    const wrong = actions.elements?.[1] as { action_id: string; value: string };
    const button = Number(wrong.value.split(':')[1]);
    const seq = h.feedback.buttonRef(button)?.ref.tweetSeq as number;

    const updates = sh.slack.updates.length;
    const opened = await sh.action(message, MEMBER, {
      block_id: actions.block_id as string,
      action_id: wrong.action_id,
      value: wrong.value,
    });
    expect(opened.status).toBe(200);
    await until(() => sh.slack.updates.length > updates);
    const menu = (message.blocks as Block[]).find((b) => b.block_id === actions.block_id);
    const select = menu?.elements?.[0] as {
      type: string;
      option_groups: { options: { value: string; text: { text: string } }[] }[];
    };
    expect(select.type).toBe('static_select');
    const options = select.option_groups.flatMap((g) => g.options);
    expect(options.map((o) => o.text.text)).toEqual(
      expect.arrayContaining(['vacancy', 'promo', 'other', 'negative', 'positive']),
    );

    const other = options.find((o) => o.text.text === 'other')?.value as string;
    await sh.action(message, MEMBER, {
      block_id: actions.block_id as string,
      action_id: 'fb_choose',
      selected: other,
    });
    await until(() => sh.slack.updates.length > updates + 1);
    expect(labelOf(seq)).toBe('other');
    const blocks = message.blocks as Block[];
    const row = blocks.find((b) => b.block_id === actions.block_id);
    expect(row?.elements?.map((e) => (e.text as { text: string }).text)).toEqual([
      `${number} ✓ other`,
      `${number} ✗`,
    ]);
    const line = blocks.find((b) => b.block_id === `fbv:${button}`) as unknown as {
      elements: { text: string }[];
    };
    expect(line.elements[0]?.text).toContain(`<@${MEMBER}>`);
    expect(line.elements[0]?.text).toContain('now other (was vacancy)');
    expect(validateBlocks(message.blocks)).toEqual([]);

    // The next digest, as Slack shows it: the tweet is no longer under Vacancies.
    expect(headingOf(digest, 'anna_it_recruit')).toContain('Vacancies');
    expect(headingOf(await postDigest(), 'anna_it_recruit') ?? '').not.toContain('Vacancies');
  });

  it('an admin decides; a tap on another channel’s item is refused with an ephemeral line', async () => {
    const digest = await postDigest();
    const { message, actions } = itemOf(digest, 'anna_it_recruit');
    const right = actions.elements?.[0] as { action_id: string; value: string };
    const button = Number(right.value.split(':')[1]);
    const seq = h.feedback.buttonRef(button)?.ref.tweetSeq as number;
    const promo = `fb:${button}:1:l:promo`;
    const other = `fb:${button}:1:l:other`;
    await sh.action(message, MEMBER, {
      block_id: actions.block_id as string,
      action_id: 'fb_choose',
      selected: other,
    });
    await until(() => votes() === 1);
    await sh.action(message, ADMIN, {
      block_id: actions.block_id as string,
      action_id: 'fb_choose',
      selected: promo,
    });
    await until(() => votes() === 2);
    expect(labelOf(seq)).toBe('promo');

    sh.slack.addChannel('C0ELSEWHERE');
    const elsewhere = { ...message, channel: 'C0ELSEWHERE' };
    const refused = await sh.action(elsewhere, MEMBER, {
      block_id: actions.block_id as string,
      action_id: 'fb_choose',
      selected: other,
    });
    await until(() => sh.slack.responses.some((r) => r.id === refused.responseId));
    const response = sh.slack.responses.find((r) => r.id === refused.responseId)?.body;
    expect(response?.response_type).toBe('ephemeral');
    expect(String(response?.text)).toContain('not one of this chat');
    expect(votes()).toBe(2);
  });
});

describe('feedback buttons render within Block Kit limits', () => {
  it('a long list splits into valid messages, each item keeping its buttons beside it', () => {
    const reply = {
      title: 'Many',
      blocks: [
        {
          type: 'items' as const,
          items: Array.from({ length: 60 }, (_, i) => ({
            text: `item ${i}`,
            metrics: ['♥ 1'],
            feedback: { tweetSeq: i + 1, button: i + 1 },
          })),
        },
      ],
    };
    const messages = splitMessages(renderReply(reply, { buttons: true }));
    expect(messages.length).toBeGreaterThan(1);
    let items = 0;
    for (const m of messages) {
      expect(validateBlocks(m.blocks)).toEqual([]);
      const blocks = m.blocks as Block[];
      blocks.forEach((b, i) => {
        if (b.type !== 'actions') return;
        items++;
        const before = blocks
          .slice(0, i)
          .reverse()
          .find((x) => x.type === 'section');
        const n = Number(/^(\d+)\./.exec(before?.text?.text ?? '')?.[1]);
        expect(JSON.stringify(b.elements?.[0]?.text)).toContain(`"${n} ✓"`);
      });
    }
    expect(items).toBe(60);
    expect(
      renderReply(reply)
        .groups.flat()
        .some((b) => b.type === 'actions'),
    ).toBe(false);
  });
});
