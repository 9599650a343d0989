import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { createFeedbackTaps } from '../../src/feedback/taps.js';
import { DEMO_NOW } from '../chat/demo-store.js';
import type { SentMessage } from '../fakes/telegram/server.js';
import { type FakeChat, textMessage } from '../fakes/telegram/updates.js';
import { fixture, ivan, kate, telegramHarness, until } from '../telegram/harness.js';
import { feedbackHarness } from './harness.js';

type Feedback = Awaited<ReturnType<typeof feedbackHarness>>;
type Telegram = Awaited<ReturnType<typeof telegramHarness>>;
let h: Feedback;
let tg: Telegram;

const team: FakeChat = { id: -1001234567890, type: 'supergroup', title: 'Hiring team' };
const other: FakeChat = { id: -1009876543210, type: 'supergroup', title: 'Another team' };

beforeEach(async () => {
  h = await feedbackHarness();
  tg = await telegramHarness({
    db: h.db,
    clock: { now: () => DEMO_NOW, sleep: systemClock.sleep },
    feedback: createFeedbackTaps({ corrections: h.corrections, feedback: h.feedback }),
  });
  await tg.adapter.start(({ text, context }) => h.registry.dispatch(text, context));
}, 60_000);

afterEach(async () => {
  await tg.close();
});

const labelOf = (seq: number) =>
  h.db.prepare('SELECT label FROM tweet_signals WHERE tweet_seq = ?').pluck().get(seq) as string;

/** Sends a command to a chat and waits for every part of the answer. */
async function ask(chat: FakeChat, text: string): Promise<SentMessage[]> {
  const before = tg.fake.sent.length;
  tg.fake.push(textMessage(chat, kate, text));
  await until(() => tg.fake.sent.length > before);
  await new Promise((r) => setTimeout(r, 100));
  return tg.fake.sent.slice(before);
}

/** The message holding an item, the item's number, and its two buttons. */
function itemOf(messages: SentMessage[], needle: string) {
  for (const message of messages) {
    const line = message.text.split('\n').find((l) => l.includes(needle));
    if (!line) continue;
    const number = Number(/^(\d+)\./.exec(line)?.[1]);
    const row = message.keyboard?.find((r) => r[0]?.text.startsWith(`${number} `));
    if (row) return { message, number, row };
  }
  throw new Error(`no item with buttons shows ${needle}`);
}

/** Taps a button and waits until the query is answered (and the keyboard edit, if any, is done). */
async function tap(message: SentMessage, data: string, from = kate, chat?: FakeChat) {
  const answers = tg.fake.answers.length;
  const edits = tg.fake.callsOf('editMessageReplyMarkup').length;
  const id = tg.fake.tap(message, from as unknown as Record<string, unknown>, data, chat);
  await until(() => tg.fake.answers.length > answers);
  await new Promise((r) => setTimeout(r, 50));
  const answer = tg.fake.answers.find((a) => a.id === id);
  return { answer: answer?.text ?? '', edited: tg.fake.callsOf('editMessageReplyMarkup').length > edits };
}

const vacancies = (messages: SentMessage[]) => {
  const text = messages.map((m) => m.text).join('\n');
  const start = text.indexOf('Vacancies');
  if (start < 0) return '';
  const rest = text.slice(start);
  const end = rest.search(/\n\n/);
  return end < 0 ? rest : rest.slice(0, end);
};

describe('feedback buttons in Telegram (grammY against the fake Bot API)', () => {
  it('✗ opens the six labels in place; a choice changes the stored label and the next digest', async () => {
    const digest = await ask(team, '/digest');
    expect(vacancies(digest)).toContain('@anna_it_recruit');
    const { message, number, row } = itemOf(digest, '@anna_it_recruit');
    expect(row.map((b) => b.text)).toEqual([`${number} ✓`, `${number} ✗`]);
    for (const button of message.keyboard?.flat() ?? [])
      expect(Buffer.byteLength(button.callback_data ?? '')).toBeLessThanOrEqual(64);

    const wrong = row[1]?.callback_data as string;
    const opened = await tap(message, wrong);
    expect(opened.edited).toBe(true);
    const choices = message.keyboard?.flat().map((b) => b.text) ?? [];
    expect(choices).toEqual(
      expect.arrayContaining(['vacancy', 'discussion', 'promo', 'other', 'neutral', '← back']),
    );
    const otherRows = message.keyboard?.filter((r) => !r.some((b) => b.text === 'other')) ?? [];
    expect(otherRows.length).toBeGreaterThan(0);

    const seq = h.feedback.buttonRef(Number(wrong.split(':')[1]))?.ref.tweetSeq as number;
    expect(labelOf(seq)).toBe('vacancy');
    const choice = message.keyboard?.flat().find((b) => b.text === 'other')?.callback_data as string;
    const voted = await tap(message, choice);
    expect(voted.answer).toContain(`Item ${number}: now other (was vacancy)`);
    expect(labelOf(seq)).toBe('other');
    const after = message.keyboard?.find((r) => r[0]?.text.startsWith(`${number} `));
    expect(after?.map((b) => b.text)).toEqual([`${number} ✓ other`, `${number} ✗`]);

    expect(vacancies(await ask(team, '/digest'))).not.toContain('@anna_it_recruit');
    expect(tg.fake.unansweredQueries()).toEqual([]);
  });

  it('an admin’s tap decides over a member’s, and each person counts once', async () => {
    tg.fake.setMember(team.id, ivan.id, 'administrator');
    const digest = await ask(team, '/digest');
    const { message, row } = itemOf(digest, '@anna_it_recruit');
    const button = Number(String(row[0]?.callback_data).split(':')[1]);
    const seq = h.feedback.buttonRef(button)?.ref.tweetSeq as number;
    const data = (label: string) => `fb:${button}:1:l:${label}`;
    await tap(message, data('other'));
    await tap(message, data('other'));
    expect(h.db.prepare('SELECT count(*) FROM label_feedback').pluck().get()).toBe(1);
    const admin = await tap(message, data('promo'), ivan);
    expect(admin.answer).toContain('теперь: реклама'); // Ivan's Telegram speaks Russian
    expect(labelOf(seq)).toBe('promo');
  });

  it('refuses taps it cannot act on, and answers every query once', async () => {
    const digest = await ask(team, '/digest');
    const { message, row } = itemOf(digest, '@anna_it_recruit');
    const data = row[1]?.callback_data as string;

    // The same button data tapped in another chat names no item there.
    const elsewhere = await tap(message, data.replace(/:no$/, ':l:promo'), kate, other);
    expect(elsewhere.answer).toContain('not one of this chat');
    expect(elsewhere.edited).toBe(false);
    // Forged or foreign data.
    expect((await tap(message, 'fb:999999:1:ok')).answer).toContain('not one of this chat');
    expect((await tap(message, 'like:42')).answer).toContain('not one Kestrel knows');
    expect(h.db.prepare('SELECT count(*) FROM label_feedback').pluck().get()).toBe(0);

    // A recorded callback query of an inline message: no `message`, and a `from` without is_bot.
    const recorded = fixture('simbot_update_callback_query.json');
    if (recorded) {
      const { update_id: _, ...update } = recorded;
      const before = tg.fake.answers.length;
      tg.fake.push(update);
      await until(() => tg.fake.answers.length > before);
      expect(tg.fake.answers.at(-1)?.text).toContain('/feedback');
    }
    expect(tg.fake.unansweredQueries()).toEqual([]);
  });

  it('a group’s buttons keep working after a newer list', async () => {
    const first = await ask(team, '/digest');
    const { message, row } = itemOf(first, '@anna_it_recruit');
    await ask(team, '/mentions yandex');
    const voted = await tap(message, String(row[1]?.callback_data).replace(/:no$/, ':l:other'));
    expect(voted.answer).toContain('now other');
  });
});

describe('feedback buttons render within Telegram limits', () => {
  it('puts each item’s row under the message that ends it, at most 40 items with buttons a message', async () => {
    const reply = {
      title: 'Many',
      blocks: [
        {
          type: 'items' as const,
          items: Array.from({ length: 120 }, (_, i) => ({
            text: `item ${i} ${'word '.repeat(20)}`,
            feedback: { tweetSeq: i + 1, button: i + 1 },
          })),
        },
      ],
    };
    const { renderTelegram } = await import('../../adapters/telegram/render.js');
    const parts = renderTelegram(reply, { buttons: true });
    const numbers = parts.flatMap((p) =>
      p.kind === 'text' ? (p.keyboard ?? []).map((r) => Number(r[0]?.text.split(' ')[0])) : [],
    );
    for (const part of parts) {
      if (part.kind !== 'text') continue;
      expect(part.keyboard?.length ?? 0).toBeLessThanOrEqual(40);
      const shown = [...part.html.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
      for (const row of part.keyboard ?? []) expect(shown).toContain(Number(row[0]?.text.split(' ')[0]));
    }
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(renderTelegram(reply).every((p) => p.kind !== 'text' || p.keyboard === undefined)).toBe(true);
  });
});
