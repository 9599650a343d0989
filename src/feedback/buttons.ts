/**
 * Feedback buttons, free of any platform: what each button says and carries, and the choices a "✗ wrong"
 * opens. A button carries `fb:<button id>:<item number>:<action>` (at most ~35 bytes, within Telegram's
 * 64-byte `callback_data` and Slack's 2000-character values): the stored id of the item (`feedback_refs`),
 * the number it was shown with (for the words of the answer), and what the tap says.
 */
import type { Lang } from '../chat/i18n.js';
import type { Reply } from '../chat/reply.js';
import { LABELS, type Label, SENTIMENT_CLASSES, type SentimentLabel } from '../classify/classes.js';
import { type FeedbackChoice, LABEL_NAMES, TONE_NAMES } from './choices.js';
import { numberedRefs } from './lists.js';

/** What a tap says: the reading is right, show the choices, close them, or one of the choices. */
export type ButtonAction = { kind: 'right' } | { kind: 'wrong' } | { kind: 'back' } | FeedbackChoice;

/** A button: the words on it and the data it carries back. */
export interface FeedbackButton {
  text: string;
  data: string;
}

/** An item of a list that has buttons: the number it is shown with and the stored id its buttons carry. */
export interface ButtonItem {
  number: number;
  button: number;
  /** The item stands for a brand mention ("not this brand" is a choice). */
  brand: boolean;
}

/** A decoded button. */
export interface ButtonPress {
  button: number;
  number: number;
  action: ButtonAction;
}

/** Most items with buttons in one message: two buttons each, and one item's eleven choices opened, stay ≤ 100. */
export const MAX_BUTTON_ITEMS = 40;

const PREFIX = 'fb';

const TONE_CODES: Record<SentimentLabel, string> = { negative: 'n', neutral: 'u', positive: 'p' };

function actionCode(action: ButtonAction): string {
  switch (action.kind) {
    case 'right':
      return 'ok';
    case 'wrong':
      return 'no';
    case 'back':
      return 'bk';
    case 'label':
      return `l:${action.label}`;
    case 'not_brand':
      return 'nb';
    case 'tone':
      return `t:${TONE_CODES[action.tone]}`;
  }
}

/** The data of a button. */
export function buttonData(item: Pick<ButtonItem, 'button' | 'number'>, action: ButtonAction): string {
  return `${PREFIX}:${item.button}:${item.number}:${actionCode(action)}`;
}

/** The prefix every button of one item shares (how an adapter finds an item's buttons in a message). */
export function itemPrefix(button: number): string {
  return `${PREFIX}:${button}:`;
}

const DATA = /^fb:([1-9]\d{0,14}):([1-9]\d{0,5}):(ok|no|bk|nb|l:([a-z_]{1,16})|t:([nup]))$/;

/** Reads a button's data back; null when it is not a feedback button of ours (or is malformed). */
export function parseButtonData(data: string): ButtonPress | null {
  const match = DATA.exec(data);
  if (!match) return null;
  const button = Number(match[1]);
  const number = Number(match[2]);
  const code = match[3] as string;
  let action: ButtonAction | null = null;
  if (code === 'ok') action = { kind: 'right' };
  else if (code === 'no') action = { kind: 'wrong' };
  else if (code === 'bk') action = { kind: 'back' };
  else if (code === 'nb') action = { kind: 'not_brand' };
  else if (match[4] !== undefined) {
    const label = match[4] as Label;
    action = LABELS.includes(label) ? { kind: 'label', label } : null;
  } else if (match[5] !== undefined) {
    const tone = SENTIMENT_CLASSES.find((t) => TONE_CODES[t] === match[5]);
    action = tone ? { kind: 'tone', tone } : null;
  }
  return action ? { button, number, action } : null;
}

/** The items of a reply that carry a button id, as numbered through the reply (the first MAX_BUTTON_ITEMS). */
export function buttonItems(reply: Reply): ButtonItem[] {
  const items: ButtonItem[] = [];
  for (const { number, ref } of numberedRefs(reply)) {
    if (ref.button === undefined) continue;
    items.push({ number, button: ref.button, brand: Boolean(ref.brand) });
  }
  return items;
}

/**
 * The two buttons of an item: "3 ✓" (the reading is right) and "3 ✗" (it is wrong: show the choices).
 * `now` is the item's reading after a vote, shown on the first button ("3 ✓ promo").
 */
export function itemButtons(item: Pick<ButtonItem, 'button' | 'number'>, now?: string): FeedbackButton[] {
  return [
    { text: now ? `${item.number} ✓ ${now}` : `${item.number} ✓`, data: buttonData(item, { kind: 'right' }) },
    { text: `${item.number} ✗`, data: buttonData(item, { kind: 'wrong' }) },
  ];
}

/** A group of choices with its heading: the labels, "not this brand", the tones. */
export interface ChoiceGroup {
  title: string;
  choices: FeedbackButton[];
}

/** What "✗ wrong" offers for an item, in the chat's language. */
export function choiceGroups(item: ButtonItem, lang: Lang): ChoiceGroup[] {
  const groups: ChoiceGroup[] = [
    {
      title: lang === 'ru' ? `Пункт ${item.number} — это…` : `Item ${item.number} is…`,
      choices: LABELS.map((label) => ({
        text: LABEL_NAMES[label][lang],
        data: buttonData(item, { kind: 'label', label }),
      })),
    },
  ];
  if (item.brand) {
    groups.push({
      title: lang === 'ru' ? 'Бренд' : 'Brand',
      choices: [
        {
          text: lang === 'ru' ? 'не про этот бренд' : 'not this brand',
          data: buttonData(item, { kind: 'not_brand' }),
        },
      ],
    });
  }
  groups.push({
    title: lang === 'ru' ? 'Тон неверный, он…' : 'Tone is wrong, it is…',
    choices: SENTIMENT_CLASSES.map((tone) => ({
      text: TONE_NAMES[tone][lang],
      data: buttonData(item, { kind: 'tone', tone }),
    })),
  });
  return groups;
}

/** The "← back" button that closes an item's choices. */
export function backButton(item: Pick<ButtonItem, 'button' | 'number'>, lang: Lang): FeedbackButton {
  return { text: lang === 'ru' ? '← назад' : '← back', data: buttonData(item, { kind: 'back' }) };
}
