import http from 'node:http';
import { renderPlain } from '../../adapters/console/render.js';
import type { ChatAdapter, SendResult } from '../../src/chat/adapter.js';
import type { Reply } from '../../src/chat/reply.js';
import { KestrelError, RateLimitError } from '../../src/errors.js';

/** Telegram's answer shape, as the fake limited target speaks it. */
interface BotAnswer {
  ok: boolean;
  result?: { message_id?: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

export interface HttpTargetAdapterOptions {
  /** Base URL of the fake limited target. */
  url: string;
  /** Per-request timeout (default 10 s): a timeout is a transient failure. */
  timeoutMs?: number;
}

/**
 * A small Telegram-shaped ChatAdapter over real HTTP: it POSTs the plain rendering of a reply to
 * `sendMessage` and maps the answers onto the adapter contract: 200 → ok with the message id; 429 →
 * RateLimitError with `retry_after` (body) or `Retry-After` (header); 403 and 400 "chat not found" →
 * permanent; anything else, and network errors, are thrown as transient.
 */
export function createHttpTargetAdapter(options: HttpTargetAdapterOptions): ChatAdapter {
  const endpoint = `${options.url}/bot123:TEST/sendMessage`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    platform: 'telegram',
    async start() {},
    async stop() {
      agent.destroy();
    },
    async send(chatId: string, reply: Reply): Promise<SendResult> {
      const body = JSON.stringify({
        chat_id: chatId.slice(chatId.indexOf(':') + 1),
        text: renderPlain(reply),
      });
      const response = await post(endpoint, body, timeoutMs, agent);
      const text = response.body;
      let answer: BotAnswer;
      try {
        answer = JSON.parse(text) as BotAnswer;
      } catch (cause) {
        throw new KestrelError('UPSTREAM_MALFORMED', `HTTP ${response.status}: not JSON`, { cause });
      }
      if (response.status === 200 && answer.ok)
        return { ok: true, ids: [String(answer.result?.message_id ?? '')] };
      const description = answer.description ?? `HTTP ${response.status}`;
      if (response.status === 429) {
        const seconds = answer.parameters?.retry_after ?? Number(response.retryAfter ?? '1');
        throw new RateLimitError(description, seconds * 1000);
      }
      if (response.status === 403 || (response.status === 400 && /chat not found/i.test(description))) {
        return { ok: false, permanent: true, reason: description };
      }
      throw new KestrelError('UPSTREAM_UNAVAILABLE', description, { details: { status: response.status } });
    },
  };
}

/** One POST over a keep-alive agent (node:http: lighter than fetch at thousands of requests a second). */
function post(
  url: string,
  body: string,
  timeoutMs: number,
  agent: http.Agent,
): Promise<{ status: number; body: string; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          });
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new KestrelError('UPSTREAM_UNAVAILABLE', 'request timed out')),
    );
    request.on('error', reject);
    request.end(body);
  });
}
