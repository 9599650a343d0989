import type { ServerResponse } from 'node:http';
import { type ApiAnswer, apiError, ok } from './messages.js';
import type { UpdateBody } from './updates.js';

/**
 * The fake's pending updates and getUpdates: numbered updates wait until a call with a higher `offset`
 * confirms them; `allowed_updates` is remembered between calls (as Telegram does); a long poll waits up
 * to `timeout` seconds and is answered as soon as an update arrives; a second poll ends the first with
 * 409, and polling while a webhook is set is refused with 409.
 */
export function createUpdateQueue() {
  const queue: Record<string, unknown>[] = [];
  let nextUpdateId = 500_000_000;
  let allowed: string[] | null = null;
  let waiter: { params: Record<string, unknown>; answer: (a: ApiAnswer) => void } | null = null;

  const typeOf = (update: Record<string, unknown>) =>
    Object.keys(update).find((k) => k !== 'update_id') ?? '';
  const deliverable = (limit: number) =>
    queue
      .filter((u) =>
        allowed && allowed.length > 0 ? allowed.includes(typeOf(u)) : typeOf(u) !== 'chat_member',
      )
      .slice(0, Math.max(1, Math.min(100, limit)));

  return {
    /** Numbers an update and wakes a waiting poll. */
    push(update: UpdateBody): Record<string, unknown> {
      const numbered = { update_id: nextUpdateId++, ...update };
      queue.push(numbered);
      if (waiter) {
        const ready = deliverable(Number(waiter.params.limit ?? 100));
        if (ready.length > 0) waiter.answer(ok(ready));
      }
      return numbered;
    },
    /** The next update id, for updates delivered by webhook. */
    nextId: () => nextUpdateId++,
    setAllowed(list: unknown): void {
      if (Array.isArray(list)) allowed = list as string[];
    },
    drop(): void {
      queue.length = 0;
    },
    pending: () => queue.length,
    async getUpdates(
      params: Record<string, unknown>,
      res: ServerResponse,
      webhookSet: boolean,
    ): Promise<ApiAnswer> {
      if (webhookSet) {
        return apiError(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      const offset = Number(params.offset ?? 0);
      if (offset > 0) while (queue.length && Number(queue[0]?.update_id) < offset) queue.shift();
      this.setAllowed(params.allowed_updates);
      const ready = deliverable(Number(params.limit ?? 100));
      const timeout = Number(params.timeout ?? 0);
      if (ready.length > 0 || timeout <= 0) return ok(ready);
      waiter?.answer(
        apiError(
          409,
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        ),
      );
      return new Promise<ApiAnswer>((resolve) => {
        const timer = setTimeout(() => finish(ok([])), timeout * 1000);
        const finish = (answer: ApiAnswer) => {
          clearTimeout(timer);
          if (waiter?.answer === finish) waiter = null;
          resolve(answer);
        };
        waiter = { params, answer: finish };
        res.on('close', () => {
          if (!res.writableEnded) finish(ok([]));
        });
      });
    },
    /** Ends a waiting poll (when the server closes). */
    release(): void {
      waiter?.answer(ok([]));
    },
  };
}
