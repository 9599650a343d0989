/**
 * Callback queries of the fake Telegram: a person's tap on an inline button becomes a `callback_query` update
 * with the message as it is now; `answerCallbackQuery` is refused, as by Telegram, for an id that is unknown,
 * answered already or older than about 15 s, and for a text over 200 characters; `editMessageReplyMarkup`
 * replaces a sent message's keyboard and refuses an edit that changes nothing.
 */
import { checkKeyboard } from './keyboards.js';
import { type ApiAnswer, apiError, ok, type SentMessage } from './messages.js';
import type { UpdateBody } from './updates.js';

const ANSWER_WINDOW_MS = 15_000;
const MAX_ANSWER_CHARS = 200;

export interface CallbackQueriesDeps {
  bot: Record<string, unknown>;
  sent: readonly SentMessage[];
  push: (update: UpdateBody) => unknown;
}

export function createCallbackQueries(deps: CallbackQueriesDeps) {
  const { bot, sent } = deps;
  /** Queries pushed and not yet answered: id → when it was pushed. */
  const open = new Map<string, number>();
  const answers: { id: string; text: string; at: number }[] = [];
  let nextId = 1;

  function answer(params: Record<string, unknown>): ApiAnswer {
    const id = String(params.callback_query_id ?? '');
    const pushed = open.get(id);
    if (pushed === undefined || Date.now() - pushed > ANSWER_WINDOW_MS)
      return apiError(
        400,
        'Bad Request: query is too old and response timeout expired or query ID is invalid',
      );
    const text = typeof params.text === 'string' ? params.text : '';
    if ([...text].length > MAX_ANSWER_CHARS) return apiError(400, 'Bad Request: MESSAGE_TOO_LONG');
    open.delete(id);
    answers.push({ id, text, at: Date.now() });
    return ok(true);
  }

  function editMarkup(params: Record<string, unknown>): ApiAnswer {
    const message = sent.find(
      (m) => String(m.chatId) === String(params.chat_id) && m.messageId === Number(params.message_id),
    );
    if (!message) return apiError(400, 'Bad Request: message to edit not found');
    const markup = checkKeyboard(params.reply_markup);
    if (!markup.ok) return apiError(400, markup.error);
    if (JSON.stringify(markup.keyboard) === JSON.stringify(message.keyboard))
      return apiError(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    message.keyboard = markup.keyboard;
    return ok({
      message_id: message.messageId,
      from: bot,
      chat: { id: message.chatId, type: Number(message.chatId) > 0 ? 'private' : 'supergroup' },
      date: Math.floor(message.at / 1000),
      text: message.text,
      ...(markup.keyboard ? { reply_markup: { inline_keyboard: markup.keyboard } } : {}),
    });
  }

  /** A query id seen in an update queued by hand: it may be answered from now on. */
  function opened(update: UpdateBody): void {
    const query = update.callback_query as { id?: unknown } | undefined;
    if (typeof query?.id === 'string') open.set(query.id, Date.now());
  }

  /** Queues the `callback_query` of a tap on `message` (text and keyboard as they are now); returns its id. */
  function tap(
    message: SentMessage,
    from: Record<string, unknown>,
    data: string,
    chat?: Record<string, unknown>,
  ): string {
    const id = `${nextId++}${Date.now()}`;
    open.set(id, Date.now());
    const chatOf =
      chat ??
      (Number(message.chatId) > 0
        ? { id: message.chatId, type: 'private', first_name: String(from.first_name ?? 'Person') }
        : { id: message.chatId, type: 'supergroup', title: 'Group' });
    deps.push({
      callback_query: {
        id,
        from: { is_bot: false, ...from },
        message: {
          message_id: message.messageId,
          from: bot,
          chat: chatOf,
          date: Math.floor(message.at / 1000),
          text: message.text,
          ...(message.entities.length ? { entities: message.entities } : {}),
          ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
        },
        chat_instance: `ci${String(message.chatId).replace('-', 'm')}`,
        data,
      },
    });
    return id;
  }

  return { answer, editMarkup, opened, tap, answers, unanswered: () => [...open.keys()] };
}
