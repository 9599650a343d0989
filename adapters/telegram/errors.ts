import { GrammyError, HttpError } from 'grammy';
import type { SendResult } from '../../src/chat/adapter.js';
import { KestrelError, RateLimitError } from '../../src/errors.js';

/** Bot API 400 descriptions that mean the chat cannot be reached any more. */
const GONE_400 = [
  /chat not found/i,
  /PEER_ID_INVALID/i,
  /user not found/i,
  /group chat was upgraded/i,
  /have no rights to send/i,
  /not enough rights to send/i,
  /CHAT_WRITE_FORBIDDEN/i,
  /CHAT_RESTRICTED/i,
];

/** True when Telegram refused to parse the message's HTML (a rendering bug, answered by a plain resend). */
export function isParseError(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /can't parse entities/i.test(error.description)
  );
}

/** Seconds from a 429: `parameters.retry_after`, or "retry after N" in the description (the 2016 shape). */
export function retryAfterSeconds(error: GrammyError): number | null {
  const fromParameters = error.parameters?.retry_after;
  if (typeof fromParameters === 'number') return fromParameters;
  const fromText = /retry after (\d+)/i.exec(error.description)?.[1];
  return fromText === undefined ? null : Number(fromText);
}

/** A refused send; `movedTo` is the supergroup a group was upgraded to (`parameters.migrate_to_chat_id`). */
export type TelegramFailure = Extract<SendResult, { ok: false }> & { movedTo?: number };

/**
 * Maps a failed Bot API call to the adapter contract: the target is gone for good (403: blocked,
 * kicked, deactivated; 400: chat not found, upgraded group, no rights) → a permanent result; 429 →
 * a thrown RateLimitError with retryAfterMs; anything else → a thrown KestrelError, transient for the
 * delivery engine.
 */
export function sendFailure(error: unknown, chatId: string): TelegramFailure {
  if (error instanceof GrammyError) {
    const details = {
      chatId,
      method: error.method,
      errorCode: error.error_code,
      description: error.description,
    };
    if (error.error_code === 429) {
      const seconds = retryAfterSeconds(error) ?? 1;
      throw new RateLimitError(`Telegram asks to wait ${seconds} s (${error.description})`, seconds * 1000, {
        cause: error,
        details,
      });
    }
    if (error.error_code === 403) return { ok: false, permanent: true, reason: error.description };
    const moved = error.parameters?.migrate_to_chat_id;
    if (
      error.error_code === 400 &&
      (moved !== undefined || GONE_400.some((re) => re.test(error.description)))
    ) {
      const reason = moved === undefined ? error.description : `${error.description} (now telegram:${moved})`;
      return { ok: false, permanent: true, reason, ...(moved === undefined ? {} : { movedTo: moved }) };
    }
    const code = error.error_code >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_REJECTED';
    throw new KestrelError(code, `Telegram ${error.method} failed: ${error.description}`, {
      cause: error,
      details,
    });
  }
  if (error instanceof HttpError) {
    throw new KestrelError('UPSTREAM_UNAVAILABLE', `Telegram is unreachable: ${error.message}`, {
      cause: error,
      details: { chatId },
    });
  }
  throw error;
}
