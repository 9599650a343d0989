import { describe, expect, it } from 'vitest';
import { LABELS, SENTIMENT_CLASSES } from '../../src/classify/classes.js';
import { type ButtonAction, buttonData, buttonItems, parseButtonData } from '../../src/feedback/buttons.js';
import { rememberingOutbox } from '../../src/feedback/lists.js';
import { createFeedbackTaps } from '../../src/feedback/taps.js';
import { createOutboxStore } from '../../src/store/outbox-store.js';
import { makeContext } from '../chat/demo-store.js';
import { feedbackHarness } from './harness.js';

const ACTIONS: ButtonAction[] = [
  { kind: 'right' },
  { kind: 'wrong' },
  { kind: 'back' },
  { kind: 'not_brand' },
  ...LABELS.map((label) => ({ kind: 'label' as const, label })),
  ...SENTIMENT_CLASSES.map((tone) => ({ kind: 'tone' as const, tone })),
];

describe('feedback button data', () => {
  it('round-trips every action within 64 bytes, even for the largest ids', () => {
    for (const button of [1, 42, 999_999_999_999_999]) {
      for (const number of [1, 7, 999_999]) {
        for (const action of ACTIONS) {
          const data = buttonData({ button, number }, action);
          expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
          expect(parseButtonData(data)).toEqual({ button, number, action });
        }
      }
    }
  });

  it('reads nothing from data it did not write', () => {
    for (const data of [
      '',
      'fb',
      'fb:0:1:ok',
      'fb:1:0:ok',
      'fb:01:1:ok',
      'fb:1:1:l:boss',
      'fb:1:1:t:x',
      'fb:1:1:ok ',
      'fb:1:1:ok\n',
      'fb:9999999999999999:1:ok',
      'fb:1:1:l:vacancy:extra',
      'Data from button callback',
    ])
      expect(parseButtonData(data)).toBeNull();
  });
});

describe('buttons of lists put in the outbox', () => {
  it('stores each item’s button id in the message, and a tap on it in that chat votes', async () => {
    const h = await feedbackHarness();
    const seqs = h.db.prepare('SELECT seq FROM tweets ORDER BY seq LIMIT 2').pluck().all() as number[];
    const outbox = rememberingOutbox(createOutboxStore(h.db), h.feedback);
    const reply = {
      title: 'Digest',
      blocks: [
        {
          type: 'items' as const,
          items: seqs.map((seq) => ({ text: `tweet ${seq}`, feedback: { tweetSeq: seq } })),
        },
      ],
    };
    const target = 'telegram:-100777';
    expect(outbox.enqueue({ key: 'digest:x', target, reply, notBefore: 0 }, 1)).toBe(true);
    const stored = JSON.parse(
      h.db.prepare('SELECT payload FROM outbox WHERE key = ?').pluck().get('digest:x') as string,
    );
    const items = buttonItems(stored);
    expect(items.map((i) => i.number)).toEqual([1, 2]);
    const taps = createFeedbackTaps({ corrections: h.corrections, feedback: h.feedback });
    const first = items[0] as (typeof items)[number];
    const data = buttonData(first, { kind: 'label', label: 'promo' });
    const here = makeContext({ chat: { id: target, kind: 'group' }, isAdmin: false });
    expect(taps.tap(here, data).kind).toBe('recorded');
    expect(h.feedback.tweetOf(seqs[0] as number)?.label).toBe('promo');
    const there = makeContext({ chat: { id: 'telegram:-100888', kind: 'group' } });
    expect(taps.tap(there, data).kind).toBe('refused');
    // The same tweet shown again in the chat keeps its button id.
    expect(h.feedback.buttonId(target, { tweetSeq: seqs[0] as number }, 2)).toBe(first.button);
  });
});
