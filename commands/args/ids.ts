import type { CommandContext } from '../../src/chat/context.js';
import { type Localized, t } from '../../src/chat/i18n.js';
import { KestrelError } from '../../src/errors.js';

/** Refuses the command's input with a message in the chat's language (the registry adds the usage). */
export function invalid(ctx: Pick<CommandContext, 'lang'>, message: Localized): never {
  throw new KestrelError('INPUT_INVALID', t(ctx.lang, message));
}

/**
 * Reads the id of a listed item (`12` or `#12`), or refuses naming what was typed and where ids are
 * listed: `what` is the item in both languages ({ en: 'alert', ru: 'подписки' }), `list` the command.
 */
export function parseListId(
  ctx: Pick<CommandContext, 'lang'>,
  rest: string,
  what: { en: string; ru: string },
  list: string,
): number {
  const match = /^#?(\d{1,9})$/u.exec(rest);
  if (match) return Number(match[1]);
  return invalid(ctx, {
    en: rest
      ? `"${rest}" is not ${/^[aeiou]/.test(what.en) ? 'an' : 'a'} ${what.en} id; ids are numbers, see ${list}.`
      : `Which ${what.en}? Give its id from ${list}.`,
    ru: rest
      ? `«${rest}» — не номер ${what.ru}; номера — в ${list}.`
      : `Укажите номер ${what.ru} из ${list}.`,
  });
}
