import { createHash } from 'node:crypto';
import { type Api, InputFile } from 'grammy';
import type { SendResult } from '../../src/chat/adapter.js';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { isParseError, sendFailure, type TelegramFailure } from './errors.js';
import { htmlToPlain } from './html.js';
import { inlineKeyboard } from './keyboard.js';
import type { TelegramPart } from './render.js';

/** Where in a chat a reply goes: as an answer to a message, into a forum topic. */
export interface PartPlacement {
  replyTo?: number;
  threadId?: number;
}

/** Sends rendered parts to one chat and reports per the ChatAdapter contract. */
export interface TelegramSender {
  /**
   * Sends every part in order. When a part fails after earlier ones went out, the progress is kept for
   * a while, so sending the same reply to the same chat again (the engine's retry) resumes at the
   * failed part instead of repeating the delivered ones.
   */
  deliver(
    chatId: string,
    target: number | string,
    parts: readonly TelegramPart[],
    where?: PartPlacement,
  ): Promise<Extract<SendResult, { ok: true }> | TelegramFailure>;
}

/** How the sender paces the parts of one reply and remembers partial progress. */
export interface SenderOptions {
  /** Pause between two parts of one reply (Telegram: about one message per second in a chat). */
  partIntervalMs: number;
  /** How long the progress of a partly sent reply is kept for a retry (default one hour). */
  progressTtlMs?: number;
  /** Most partly sent replies remembered (default 1000). */
  progressMax?: number;
}

interface Progress {
  ids: string[];
  at: number;
}

export function createSender(
  options: SenderOptions,
  deps: { api: Api; clock: Clock; logger: Logger },
): TelegramSender {
  const { api, clock, logger } = deps;
  const ttl = options.progressTtlMs ?? 3_600_000;
  const max = options.progressMax ?? 1000;
  const progress = new Map<string, Progress>();

  const keyOf = (chatId: string, parts: readonly TelegramPart[]) => {
    const hash = createHash('sha256').update(chatId);
    for (const part of parts) {
      if (part.kind === 'text') hash.update(`t\0${part.html}\0${JSON.stringify(part.keyboard ?? [])}\0`);
      else if (part.kind === 'photo') hash.update(`p\0${part.caption}\0`).update(part.png);
      else hash.update(`d\0${part.caption}\0`).update(part.bytes);
    }
    return hash.digest('base64url');
  };

  const remember = (key: string, ids: string[]) => {
    const now = clock.now();
    for (const [k, p] of progress) if (now - p.at > ttl || progress.size >= max) progress.delete(k);
    progress.set(key, { ids, at: now });
  };

  async function sendPart(
    target: number | string,
    part: TelegramPart,
    where: PartPlacement,
  ): Promise<number> {
    const placement = {
      ...(where.threadId === undefined ? {} : { message_thread_id: where.threadId }),
      ...(where.replyTo === undefined
        ? {}
        : { reply_parameters: { message_id: where.replyTo, allow_sending_without_reply: true } }),
    };
    if (part.kind === 'document') {
      const sent = await api.sendDocument(target, new InputFile(part.bytes, part.filename), {
        caption: part.caption,
        parse_mode: 'HTML',
        ...placement,
      });
      return sent.message_id;
    }
    if (part.kind === 'photo') {
      const sent = await api.sendPhoto(target, new InputFile(part.png, part.filename), {
        caption: part.caption,
        parse_mode: 'HTML',
        ...placement,
      });
      return sent.message_id;
    }
    const markup = part.keyboard ? { reply_markup: inlineKeyboard(part.keyboard) } : {};
    try {
      const sent = await api.sendMessage(target, part.html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...placement,
        ...markup,
      });
      return sent.message_id;
    } catch (error) {
      if (!isParseError(error)) throw error;
      // A rendering bug must not lose the message: say it as plain text.
      logger.error(
        { err: error, html: part.html.slice(0, 500) },
        'telegram rejected our HTML; sending plain text',
      );
      const sent = await api.sendMessage(target, htmlToPlain(part.html), {
        link_preview_options: { is_disabled: true },
        ...placement,
        ...markup,
      });
      return sent.message_id;
    }
  }

  return {
    async deliver(chatId, target, parts, where = {}) {
      const key = keyOf(chatId, parts);
      const done = progress.get(key);
      const ids = done && clock.now() - done.at <= ttl ? [...done.ids] : [];
      for (let i = ids.length; i < parts.length; i++) {
        const part = parts[i] as TelegramPart;
        if (i > 0 && options.partIntervalMs > 0) await clock.sleep(options.partIntervalMs);
        try {
          ids.push(String(await sendPart(target, part, i === 0 ? where : { ...where, replyTo: undefined })));
        } catch (error) {
          if (ids.length > 0) remember(key, ids);
          const failure = sendFailure(error, chatId);
          progress.delete(key);
          return failure;
        }
      }
      progress.delete(key);
      return { ok: true, ids };
    },
  };
}
