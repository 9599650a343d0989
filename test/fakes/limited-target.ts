import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlatformLimits, RateWindow } from '../../src/delivery/platform-limits.js';

/** Options of {@link startLimitedTarget}. */
export interface LimitedTargetOptions {
  /** Limits enforced as sliding windows (default: Telegram's published 30/s, 1/s per chat, 20/min per group). */
  limits?: PlatformLimits;
  /** Time for the windows, in ms (default `performance.now`, monotonic). */
  now?: () => number;
}

/** A message the fake accepted (answered 200). */
export interface DeliveredMessage {
  chatId: string;
  text: string;
  messageId: number;
  at: number;
}

/** What the fake answered so far. */
export interface LimitedTargetCounts {
  requests: number;
  accepted: number;
  /** 429 Too Many Requests. */
  tooMany: number;
  /** 403 (blocked) and 400 (chat not found). */
  refused: number;
  /** Scripted 5xx. */
  failed: number;
}

/** A running fake messaging platform with a Telegram-shaped `sendMessage` on 127.0.0.1. */
export interface LimitedTarget {
  /** Base URL, e.g. `http://127.0.0.1:43123`; post to `${url}/bot<token>/sendMessage`. */
  url: string;
  close(): Promise<void>;
  /** Every accepted message, in acceptance order. */
  readonly delivered: DeliveredMessage[];
  readonly counts: LimitedTargetCounts;
  /** The chat blocked the bot: every message to it gets 403 "bot was blocked by the user". */
  block(chatId: string, description?: string): void;
  /** The next `times` requests (to `chatId`, or any) get `status` (default 502). */
  failNext(times: number, options?: { chatId?: string; status?: number }): void;
  /** Answers for `chatId` take `ms` (a slow chat). */
  delay(chatId: string, ms: number): void;
}

export const TELEGRAM_LIKE_LIMITS: PlatformLimits = {
  global: { limit: 30, windowMs: 1000 },
  perTarget: { limit: 1, windowMs: 1000 },
  perGroup: { limit: 20, windowMs: 60_000 },
};

/** Accepted-message times of one scope, oldest first, pruned to the window. */
class SlidingWindow {
  private readonly times: number[] = [];
  private head = 0;
  constructor(private readonly window: RateWindow) {}

  /** Milliseconds until one more message fits (0: it fits now). */
  waitFor(now: number): number {
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - this.window.windowMs) {
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    if (this.times.length - this.head < this.window.limit) return 0;
    const oldest = this.times[this.times.length - this.window.limit] as number;
    return oldest + this.window.windowMs - now;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

/**
 * Starts the fake platform. It enforces its limits in sliding windows (at most N accepted messages in any
 * W ms, overall, per chat, and per group chat: negative ids), answers over-limit messages like Telegram
 * (`429 {ok:false,error_code:429,description:"Too Many Requests: retry after N",parameters:{retry_after:N}}`
 * plus a `Retry-After` header), answers blocked chats with 403, and records every accepted message.
 */
export async function startLimitedTarget(options: LimitedTargetOptions = {}): Promise<LimitedTarget> {
  const limits = options.limits ?? TELEGRAM_LIKE_LIMITS;
  const now = options.now ?? (() => performance.now());
  const delivered: DeliveredMessage[] = [];
  const counts: LimitedTargetCounts = { requests: 0, accepted: 0, tooMany: 0, refused: 0, failed: 0 };
  const blocked = new Map<string, string>();
  const delays = new Map<string, number>();
  const faults: { left: number; chatId?: string; status: number }[] = [];
  const global = limits.global ? new SlidingWindow(limits.global) : null;
  const perChat = new Map<string, SlidingWindow[]>();

  const windowsOf = (chatId: string): SlidingWindow[] => {
    let windows = perChat.get(chatId);
    if (!windows) {
      windows = [];
      if (limits.perTarget) windows.push(new SlidingWindow(limits.perTarget));
      if (limits.perGroup && chatId.startsWith('-')) windows.push(new SlidingWindow(limits.perGroup));
      perChat.set(chatId, windows);
    }
    return windows;
  };

  const answer = (
    res: http.ServerResponse,
    status: number,
    body: object,
    headers: object = {},
  ): undefined => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const handle = (chatId: string, text: string, res: http.ServerResponse): undefined => {
    const fault = faults.find((f) => f.left > 0 && (f.chatId === undefined || f.chatId === chatId));
    if (fault) {
      fault.left--;
      counts.failed++;
      return answer(res, fault.status, { ok: false, error_code: fault.status, description: 'Bad Gateway' });
    }
    const block = blocked.get(chatId);
    if (block !== undefined) {
      counts.refused++;
      return answer(res, 403, { ok: false, error_code: 403, description: block });
    }
    const at = now();
    const windows = [...(global ? [global] : []), ...windowsOf(chatId)];
    const waitMs = Math.max(0, ...windows.map((window) => window.waitFor(at)));
    if (waitMs > 0) {
      counts.tooMany++;
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      return answer(
        res,
        429,
        {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        },
        { 'retry-after': String(retryAfter) },
      );
    }
    for (const window of windows) window.add(at);
    counts.accepted++;
    const messageId = delivered.length + 1;
    delivered.push({ chatId, text, messageId, at });
    answer(res, 200, { ok: true, result: { message_id: messageId, chat: { id: Number(chatId) }, text } });
  };

  const server = http.createServer((req, res) => {
    counts.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !/^\/bot[^/]+\/sendMessage$/.test(req.url ?? '')) {
        return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      }
      let body: { chat_id?: unknown; text?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
      }
      if (
        (typeof body.chat_id !== 'string' && typeof body.chat_id !== 'number') ||
        typeof body.text !== 'string'
      ) {
        return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id and text' });
      }
      const chatId = String(body.chat_id);
      const text = body.text;
      const ms = delays.get(chatId);
      if (ms) setTimeout(() => handle(chatId, text, res), ms);
      else handle(chatId, text, res);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    delivered,
    counts,
    block: (chatId, description = 'Forbidden: bot was blocked by the user') =>
      blocked.set(chatId, description),
    failNext: (times, { chatId, status = 502 } = {}) =>
      faults.push({ left: times, status, ...(chatId === undefined ? {} : { chatId }) }),
    delay: (chatId, ms) => delays.set(chatId, ms),
  };
}
