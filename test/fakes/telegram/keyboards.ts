/**
 * Inline keyboards as the Bot API checks them: `inline_keyboard` an array of rows of buttons, each with a
 * non-empty `text` and exactly one action (here `callback_data` of 1–64 bytes, or `url`); Telegram
 * answers BUTTON_DATA_INVALID for bad data and "reply markup is too long" past 100 buttons.
 */
export type FakeButton = { text: string; callback_data?: string; url?: string };
export type FakeKeyboard = FakeButton[][];

/** Telegram publishes no button count; clients and libraries agree on 100. */
export const MAX_BUTTONS = 100;

/** The keyboard of a reply_markup parameter, or the Bot API's error description. */
export function checkKeyboard(
  markup: unknown,
): { ok: true; keyboard: FakeKeyboard | null } | { ok: false; error: string } {
  if (markup === undefined || markup === null) return { ok: true, keyboard: null };
  if (typeof markup !== 'object')
    return { ok: false, error: "Bad Request: can't parse reply keyboard markup JSON object" };
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r)))
    return {
      ok: false,
      error: 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    };
  let count = 0;
  for (const row of rows as unknown[][]) {
    for (const raw of row) {
      count++;
      const button = raw as FakeButton;
      if (typeof button?.text !== 'string' || button.text.length === 0)
        return { ok: false, error: 'Bad Request: text buttons are unallowed in the inline keyboard' };
      const actions = [button.callback_data, button.url].filter((a) => a !== undefined);
      if (actions.length !== 1) return { ok: false, error: 'Bad Request: BUTTON_TYPE_INVALID' };
      if (button.callback_data !== undefined) {
        const bytes = Buffer.byteLength(String(button.callback_data), 'utf8');
        if (typeof button.callback_data !== 'string' || bytes < 1 || bytes > 64)
          return { ok: false, error: 'Bad Request: BUTTON_DATA_INVALID' };
      }
    }
  }
  if (count > MAX_BUTTONS) return { ok: false, error: 'Bad Request: reply markup is too long' };
  return { ok: true, keyboard: rows as FakeKeyboard };
}
