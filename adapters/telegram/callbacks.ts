import { type Api, GrammyError } from 'grammy';
import type { CallbackQuery } from 'grammy/types';
import type { CommandContext } from '../../src/chat/context.js';
import type { MessageOrigin } from '../../src/chat/context-builder.js';
import { langOfLocale, t } from '../../src/chat/i18n.js';
import type { FeedbackTaps } from '../../src/feedback/taps.js';
import type { Logger } from '../../src/logger.js';
import type { AdminCache } from './admins.js';
import { chatKindOf, chatTitleOf, telegramId, userNameOf } from './ids.js';
import { nextKeyboard } from './keyboard.js';

/** Telegram shows at most 200 characters of a callback answer. */
const MAX_ANSWER = 200;

/** What answering a button tap needs. */
export interface CallbackDeps {
  api: Api;
  taps: FeedbackTaps | undefined;
  context: (origin: MessageOrigin) => CommandContext;
  admins: AdminCache;
  logger: Logger;
}

/**
 * A tap on a feedback button: the vote goes to the core (who tapped, in which chat, admin or not), the
 * query is answered at once with what happened (Telegram shows a spinner until it is), and the tapped
 * item's row of the keyboard is replaced in place: its choices after "✗", its two buttons with the
 * reading after a vote. A tap whose message Telegram does not send (an inline message, one too old) is
 * answered with a pointer to /feedback; a tap Kestrel cannot act on is answered with why.
 */
export async function handleCallback(query: CallbackQuery, deps: CallbackDeps): Promise<void> {
  const lang = langOfLocale(query.from.language_code ?? null);
  const answer = (text: string) =>
    deps.api
      .answerCallbackQuery(query.id, { text: [...text].slice(0, MAX_ANSWER).join('') })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'telegram callback answer failed'));
  const message = query.message;
  if (!deps.taps || !message || query.data === undefined) {
    await answer(
      t(lang, {
        en: 'This button cannot be used here; use /feedback after a list.',
        ru: 'Эта кнопка здесь не работает; используйте /feedback после списка.',
      }),
    );
    return;
  }
  const kind = chatKindOf(message.chat);
  const isAdmin = kind === 'group' ? await deps.admins.isAdmin(message.chat.id, query.from.id) : true;
  const title = chatTitleOf(message.chat);
  const context = deps.context({
    user: { id: telegramId(query.from.id), name: userNameOf(query.from) },
    chat: { id: telegramId(message.chat.id), kind, ...(title ? { title } : {}) },
    locale: query.from.language_code ?? null,
    isAdmin,
  });
  const outcome = deps.taps.tap(context, query.data);
  await answer(outcome.kind === 'recorded' || outcome.kind === 'refused' ? outcome.notice : '');
  const current = 'reply_markup' in message ? message.reply_markup?.inline_keyboard : undefined;
  const next = current ? nextKeyboard(current, outcome) : null;
  if (!next) return;
  try {
    await deps.api.editMessageReplyMarkup(message.chat.id, message.message_id, { reply_markup: next });
  } catch (error) {
    // Two people tapping the same thing at once: the second edit changes nothing, which Telegram refuses.
    if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return;
    deps.logger.warn({ err: error, chat: context.chat.id }, 'telegram keyboard not updated');
  }
}
