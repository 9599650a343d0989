import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { ChoiceGroup, FeedbackButton } from '../../src/feedback/buttons.js';
import { itemPrefix } from '../../src/feedback/buttons.js';
import type { TapOutcome } from '../../src/feedback/taps.js';

/** Rows of feedback buttons as Telegram's inline keyboard (callback buttons). */
export function inlineKeyboard(rows: readonly (readonly FeedbackButton[])[]): InlineKeyboardMarkup {
  return { inline_keyboard: rows.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) };
}

/** An item's choices as keyboard rows: the labels two to a row, "not this brand", the tones, "← back". */
export function choiceRows(groups: readonly ChoiceGroup[], back: FeedbackButton): FeedbackButton[][] {
  const rows: FeedbackButton[][] = [];
  for (const group of groups) {
    const width = group.choices.length > 3 ? 2 : 3;
    for (let i = 0; i < group.choices.length; i += width) rows.push(group.choices.slice(i, i + width));
  }
  rows.push([back]);
  return rows;
}

type Row = InlineKeyboardButton[];

const dataOf = (button: InlineKeyboardButton) => ('callback_data' in button ? button.callback_data : '');

/**
 * The message's keyboard after a tap: the rows of the tapped item (every button whose data starts with its
 * prefix) replaced by what the outcome shows, in place; the other items' rows are kept as they are. Null when
 * nothing changes (a refusal) or the item's rows are not in the keyboard.
 */
export function nextKeyboard(current: readonly Row[], outcome: TapOutcome): InlineKeyboardMarkup | null {
  if (outcome.kind === 'refused') return null;
  const prefix = itemPrefix(outcome.item.button);
  const mine = (row: Row) => row.some((b) => dataOf(b).startsWith(prefix));
  const at = current.findIndex(mine);
  if (at < 0) return null;
  const replacement =
    outcome.kind === 'choices' ? choiceRows(outcome.groups, outcome.back) : [outcome.buttons];
  const rows: Row[] = [];
  let placed = false;
  for (const row of current) {
    if (!mine(row)) rows.push(row);
    else if (!placed) {
      rows.push(...inlineKeyboard(replacement).inline_keyboard);
      placed = true;
    }
  }
  return { inline_keyboard: rows };
}
