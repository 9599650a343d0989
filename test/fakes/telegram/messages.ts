import { type ParsedEntity, parseTelegramHtml } from './html-parse.js';
import { checkKeyboard, type FakeKeyboard } from './keyboards.js';
import type { FormPart } from './multipart.js';

/** A Bot API answer: HTTP status and JSON body. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export const ok = (result: unknown): ApiAnswer => ({ status: 200, body: { ok: true, result } });
export const apiError = (
  status: number,
  description: string,
  parameters?: Record<string, unknown>,
): ApiAnswer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

/** A message the bot sent, as the fake stored it. */
export interface SentMessage {
  method: SendMethod;
  chatId: number | string;
  messageId: number;
  /** The text (or caption) as Telegram stores it: after entity parsing. */
  text: string;
  entities: ParsedEntity[];
  /** The raw `text` / `caption` parameter. */
  source: string;
  parseMode: string | null;
  params: Record<string, unknown>;
  photo?: { filename: string | null; bytes: number };
  /** For sendDocument: the uploaded file as received. */
  document?: { filename: string | null; data: Buffer };
  /** The inline keyboard under the message, as it is now (editMessageReplyMarkup changes it). */
  keyboard: FakeKeyboard | null;
  at: number;
}

export type SendMethod = 'sendMessage' | 'sendPhoto' | 'sendDocument';

/** Bots may upload documents of up to 50 MB. */
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** Validates and stores one sendMessage / sendPhoto / sendDocument; the answer is what Telegram would say. */
export function acceptSend(
  method: SendMethod,
  params: Record<string, unknown>,
  files: FormPart[],
  messageId: number,
  bot: Record<string, unknown>,
): { answer: ApiAnswer; sent?: SentMessage } {
  const chatId = params.chat_id as number | string;
  const field = method === 'sendMessage' ? 'text' : 'caption';
  const source = typeof params[field] === 'string' ? (params[field] as string) : '';
  const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : null;
  if (parseMode !== null && parseMode !== 'HTML')
    return { answer: apiError(400, `Bad Request: unsupported parse_mode ${parseMode}`) };
  // Telegram reads strings as UTF-8: a lone UTF-16 surrogate (which JSON can carry as \ud800) is refused.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(source))
    return { answer: apiError(400, 'Bad Request: strings must be encoded in UTF-8') };
  let text = source;
  let entities: ParsedEntity[] = [];
  if (parseMode === 'HTML') {
    const parsed = parseTelegramHtml(source);
    if (!parsed.ok) return { answer: apiError(400, parsed.error) };
    text = parsed.text;
    entities = parsed.entities;
  }
  if (method === 'sendMessage') {
    if (text.trim().length === 0) return { answer: apiError(400, 'Bad Request: message text is empty') };
    if (text.length > 4096) return { answer: apiError(400, 'Bad Request: message is too long') };
  } else if (text.length > 1024) {
    return { answer: apiError(400, 'Bad Request: message caption is too long') };
  }
  const markup = checkKeyboard(params.reply_markup);
  if (!markup.ok) return { answer: apiError(400, markup.error) };
  let photo: SentMessage['photo'];
  if (method === 'sendPhoto') {
    const ref = String(params.photo ?? '');
    const file = ref.startsWith('attach://') ? files.find((f) => f.name === ref.slice(9)) : undefined;
    if (!file) return { answer: apiError(400, 'Bad Request: there is no photo in the request') };
    if (!file.data.subarray(0, 4).equals(PNG))
      return { answer: apiError(400, 'Bad Request: IMAGE_PROCESS_FAILED') };
    photo = { filename: file.filename, bytes: file.data.length };
  }
  let document: SentMessage['document'];
  if (method === 'sendDocument') {
    const ref = String(params.document ?? '');
    const file = ref.startsWith('attach://') ? files.find((f) => f.name === ref.slice(9)) : undefined;
    if (!file) return { answer: apiError(400, 'Bad Request: there is no document in the request') };
    if (file.data.length === 0) return { answer: apiError(400, 'Bad Request: file must be non-empty') };
    if (file.data.length > MAX_DOCUMENT_BYTES) return { answer: apiError(413, 'Request Entity Too Large') };
    document = { filename: file.filename, data: file.data };
  }
  const date = Math.floor(Date.now() / 1000);
  const sent: SentMessage = {
    method,
    chatId,
    messageId,
    text,
    entities,
    source,
    parseMode,
    params,
    ...(photo ? { photo } : {}),
    ...(document ? { document } : {}),
    keyboard: markup.keyboard,
    at: Date.now(),
  };
  const chat =
    typeof chatId === 'number' && chatId > 0
      ? { id: chatId, type: 'private', first_name: 'Person' }
      : { id: chatId, type: 'supergroup', title: 'Group' };
  const result: Record<string, unknown> = { message_id: messageId, from: bot, chat, date };
  if (markup.keyboard) result.reply_markup = { inline_keyboard: markup.keyboard };
  if (method === 'sendMessage') {
    result.text = text;
    if (entities.length) result.entities = entities;
    if (params.link_preview_options) result.link_preview_options = params.link_preview_options;
  } else if (method === 'sendDocument') {
    result.document = {
      file_id: `document-${messageId}`,
      file_unique_id: `u${messageId}`,
      ...(document?.filename ? { file_name: document.filename } : {}),
      file_size: document?.data.length,
    };
    if (text) result.caption = text;
    if (entities.length) result.caption_entities = entities;
  } else {
    result.photo = [
      {
        file_id: `photo-${messageId}`,
        file_unique_id: `u${messageId}`,
        width: 800,
        height: 400,
        file_size: photo?.bytes,
      },
    ];
    if (text) result.caption = text;
    if (entities.length) result.caption_entities = entities;
  }
  return { answer: ok(result), sent };
}
