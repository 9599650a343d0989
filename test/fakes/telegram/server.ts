import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackQueries } from './callback-queries.js';
import { createWindows, type FloodLimits, TELEGRAM_LIMITS } from './limits.js';
import { type ApiAnswer, acceptSend, apiError, ok, type SendMethod, type SentMessage } from './messages.js';
import { type FormPart, parseMultipart } from './multipart.js';
import { createUpdateQueue } from './update-queue.js';
import type { UpdateBody } from './updates.js';

export type { SentMessage } from './messages.js';

export interface FakeTelegramOptions {
  /** Flood control of sendMessage/sendPhoto (default Telegram's: 1/s per chat, 30/s overall); false disables. */
  limits?: FloodLimits | false;
}

/** One API call the fake received. */
export interface FakeCall {
  method: string;
  params: Record<string, unknown>;
  status: number;
}

/**
 * A fake Telegram Bot API on 127.0.0.1 (random port), reached by grammY through `client.apiRoot`
 * (`/bot<token>/<method>`). Long polling with offsets and timeouts, webhooks with the secret header,
 * real error bodies, flood control answering 429 with retry_after, scripted blocked users and vanished
 * chats, and Telegram's HTML parser with the 4096 limit on every message.
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}) {
  const token = '7000000001:AAkestrelFakeToken_0123456789';
  const bot = { id: 7000000001, is_bot: true, first_name: 'Kestrel', username: 'kestrel_test_bot' };
  const me = {
    ...bot,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  const limits = options.limits === undefined ? TELEGRAM_LIMITS : options.limits;
  const perChat = limits ? createWindows(limits.perChat) : null;
  const global = limits ? createWindows(limits.global) : null;

  const updates = createUpdateQueue();
  let nextMessageId = 1;
  let webhook: { url: string; secret: string | null } | null = null;
  const calls: FakeCall[] = [];
  const sent: SentMessage[] = [];
  const blocked = new Set<string>();
  const gone = new Set<string>();
  const upgraded = new Map<string, number>();
  const members = new Map<string, string>();
  const scripted = new Map<string, ApiAnswer[]>();
  const skips = new Map<string, number>();
  const menus = new Map<string, { command: string; description: string }[]>();
  let floodRefusals = 0;
  const queries = createCallbackQueries({ bot, sent, push: (u) => updates.push(u) });
  function sendLike(method: SendMethod, params: Record<string, unknown>, files: FormPart[]): ApiAnswer {
    const chat = String(params.chat_id ?? '');
    if (!chat) return apiError(400, 'Bad Request: chat_id is empty');
    if (blocked.has(chat)) return apiError(403, 'Forbidden: bot was blocked by the user');
    if (gone.has(chat)) return apiError(400, 'Bad Request: chat not found');
    const supergroup = upgraded.get(chat);
    if (supergroup !== undefined) {
      return apiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: supergroup,
      });
    }
    if (perChat && global) {
      const now = Date.now();
      const waitGlobal = global.admit('all', now);
      const waitChat = waitGlobal > 0 ? 0 : perChat.admit(chat, now);
      if (waitChat > 0) global.release('all');
      const wait = Math.max(waitGlobal, waitChat);
      if (wait > 0) {
        floodRefusals++;
        const seconds = Math.max(1, Math.ceil(wait / 1000));
        return apiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
      }
    }
    const { answer, sent: message } = acceptSend(method, params, files, nextMessageId, bot);
    if (message) {
      nextMessageId++;
      sent.push(message);
    }
    return answer;
  }

  async function call(
    method: string,
    params: Record<string, unknown>,
    files: FormPart[],
    res: ServerResponse,
  ): Promise<ApiAnswer> {
    const script = scripted.get(method);
    const skip = skips.get(method) ?? 0;
    if (script?.length && skip > 0) skips.set(method, skip - 1);
    else if (script?.length) return script.shift() as ApiAnswer;
    switch (method) {
      case 'getMe':
        return ok(me);
      case 'getUpdates':
        return updates.getUpdates(params, res, webhook !== null);
      case 'deleteWebhook':
        webhook = null;
        if (params.drop_pending_updates) updates.drop();
        return ok(true);
      case 'setWebhook':
        webhook = {
          url: String(params.url),
          secret: typeof params.secret_token === 'string' ? params.secret_token : null,
        };
        updates.setAllowed(params.allowed_updates);
        return ok(true);
      case 'setMyCommands': {
        const scope = (params.scope as { type?: string } | undefined)?.type ?? 'default';
        menus.set(
          `${scope}:${String(params.language_code ?? '')}`,
          params.commands as { command: string; description: string }[],
        );
        return ok(true);
      }
      case 'getChatMember': {
        const status = members.get(`${String(params.chat_id)}:${String(params.user_id)}`) ?? 'member';
        const user = { id: Number(params.user_id), is_bot: false, first_name: 'Member' };
        return ok(
          status === 'administrator'
            ? { status, user, can_be_edited: false, can_manage_chat: true }
            : { status, user },
        );
      }
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
        return sendLike(method, params, files);
      case 'answerCallbackQuery':
        return queries.answer(params);
      case 'editMessageReplyMarkup':
        return queries.editMarkup(params);
      default:
        return apiError(404, 'Not Found');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: false,
          error_code: 500,
          description: `Internal Server Error: ${String(error)}`,
        }),
      );
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    const body = await readBody(req);
    let answer: ApiAnswer;
    let method = match?.[2] ?? '';
    let params: Record<string, unknown> = {};
    let files: FormPart[] = [];
    if (!match) answer = apiError(404, 'Not Found');
    else if (match[1] !== token) answer = apiError(401, 'Unauthorized');
    else {
      method = match[2] as string;
      ({ params, files } = paramsOf(url, req.headers['content-type'] ?? '', body));
      answer = await call(method, params, files, res);
    }
    calls.push({ method, params, status: answer.status });
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    token,
    bot,
    apiRoot: `http://127.0.0.1:${port}`,
    /** Everything the bot sent, oldest first. */
    sent,
    calls,
    menus,
    /** How many 429s the flood control answered. */
    floodRefusals: () => floodRefusals,
    sentTo: (chatId: number | string) => sent.filter((m) => String(m.chatId) === String(chatId)),
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    webhook: () => webhook,
    /** Queues an update (numbered here) for getUpdates. */
    push: (update: UpdateBody) => {
      queries.opened(update);
      return updates.push(update);
    },
    /**
     * A person taps a callback button of a message the bot sent: a `callback_query` update with the message
     * as it is now (text and keyboard, as Telegram includes them) is queued; returns the query id.
     */
    tap: queries.tap,
    /** Callback answers the bot gave, oldest first. */
    answers: queries.answers,
    /** Queries pushed and not answered yet. */
    unansweredQueries: queries.unanswered,
    /** Posts an update to the registered webhook, with its secret (or `secret` to test a wrong one). */
    async deliverWebhook(
      update: UpdateBody,
      secret?: string | null,
    ): Promise<{ status: number; body: string }> {
      if (!webhook) throw new Error('no webhook set');
      const key = secret === undefined ? webhook.secret : secret;
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { 'x-telegram-bot-api-secret-token': key } : {}),
        },
        body: JSON.stringify({ update_id: updates.nextId(), ...update }),
      });
      return { status: response.status, body: await response.text() };
    },
    /** The person blocked the bot: sends to the chat answer 403. */
    block: (chatId: number | string) => blocked.add(String(chatId)),
    /** The person unblocked the bot (or it was let back in): sends go through again. */
    unblock: (chatId: number | string) => blocked.delete(String(chatId)),
    /** The group became a supergroup: sends to the old id answer 400 with `migrate_to_chat_id`. */
    upgrade: (chatId: number, supergroupId: number) => upgraded.set(String(chatId), supergroupId),
    /** The chat no longer exists: sends answer 400 chat not found. */
    forget: (chatId: number | string) => gone.add(String(chatId)),
    setMember: (chatId: number, userId: number, status: string) => members.set(`${chatId}:${userId}`, status),
    /** The next call of `method` (after `after` normal ones) gets this answer instead (e.g. a 429). */
    script(
      method: string,
      status: number,
      description: string,
      parameters?: Record<string, unknown>,
      after = 0,
    ) {
      const list = scripted.get(method) ?? [];
      list.push(apiError(status, description, parameters));
      scripted.set(method, list);
      skips.set(method, after);
    },
    pendingUpdates: () => updates.pending(),
    async close(): Promise<void> {
      updates.release();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const NUMERIC = new Set([
  'chat_id',
  'user_id',
  'message_id',
  'offset',
  'limit',
  'timeout',
  'message_thread_id',
]);
const TEXTUAL = new Set(['text', 'caption', 'url', 'secret_token']);

/** Parameters from the query string, a JSON body, a form or a multipart body (values that look like JSON are parsed). */
function paramsOf(
  url: URL,
  contentType: string,
  body: Buffer,
): { params: Record<string, unknown>; files: FormPart[] } {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  let files: FormPart[] = [];
  if (contentType.includes('application/json') && body.length)
    Object.assign(params, JSON.parse(body.toString('utf8')));
  else if (contentType.includes('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (contentType.includes('multipart/form-data')) {
    const parts = parseMultipart(body, contentType);
    files = parts.filter((p) => p.filename !== null);
    for (const p of parts) if (p.filename === null) params[p.name] = p.data.toString('utf8');
  }
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    const numeric = NUMERIC.has(key) && /^-?\d+$/.test(value);
    const structured = !TEXTUAL.has(key) && (/^[[{]/.test(value) || value === 'true' || value === 'false');
    if (numeric || structured) {
      try {
        params[key] = JSON.parse(value);
      } catch {
        // keep the string
      }
    }
  }
  return { params, files };
}
