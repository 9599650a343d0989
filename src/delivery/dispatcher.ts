import type { ChatAdapter, SendResult } from '../chat/adapter.js';
import { RateLimitError } from '../errors.js';
import type { ChatKind } from '../store/chat-store.js';
import type { ClaimedMessage, PendingRef } from '../store/outbox-store.js';
import type { BackoffPolicy, Dispatcher, DispatcherDeps, DispatcherStats } from './dispatcher-types.js';
import { createPacer, createReadyLine } from './pacing.js';
import { isGroupTarget, type Platform, PUBLISHED_LIMITS, platformOf } from './platform-limits.js';

export type { BackoffPolicy, Dispatcher, DispatcherDeps, DispatcherStats } from './dispatcher-types.js';

interface TargetState {
  target: string;
  platform: Platform;
  /** Pending messages in id order; the first is the next to go. */
  queue: PendingRef[];
  busy: boolean;
}

const SCAN_BATCH = 50_000;
const FULL_SCAN_MS = 60_000;

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { outbox, chats, membership, adapters, clock, logger } = deps;
  const observe = deps.observe ?? (() => {});
  const limits = { ...PUBLISHED_LIMITS, ...deps.limits };
  const backoff: BackoffPolicy = { baseMs: 1000, capMs: 600_000, maxAttempts: 20, ...deps.backoff };
  const maxInFlight = deps.maxInFlight ?? 16;
  const pollMs = deps.pollMs ?? 1000;
  const pacer = createPacer(limits, clock.now(), deps.headroom ?? 0.95);
  const line = createReadyLine(pacer);
  const stats: DispatcherStats = {
    sent: 0,
    failed: 0,
    rateLimited: 0,
    retried: 0,
    deactivated: 0,
    recovered: 0,
  };
  const targets = new Map<string, TargetState>();
  const known = new Set<number>();
  const inFlight = new Set<Promise<void>>();
  const unrouted = new Set<Platform>();
  let maxSeenId = 0;
  let lastScan = Number.NEGATIVE_INFINITY;
  let started = false;
  let lastFullScan = Number.NEGATIVE_INFINITY;
  let lastPrune = clock.now();
  let dispatched = 0;
  let dirty = false;
  let waker: AbortController | null = null;
  let loop: Promise<void> | null = null;
  let stopping = false;
  let beat = clock.now();

  /** Puts a target in line for its oldest message, unless it is busy or has nothing left. */
  const schedule = (state: TargetState, now: number): void => {
    const head = state.queue[0];
    if (state.busy) return;
    if (!head) {
      line.remove(state.target);
      targets.delete(state.target);
      return;
    }
    line.put(state.target, head.id, head.notBefore, now);
  };

  const wake = (): void => {
    dirty = true;
    waker?.abort();
  };

  /** Adds pending rows the dispatcher has not queued yet: new ones, or all of them now and then. */
  const refresh = (full: boolean): void => {
    const now = clock.now();
    if (full) lastFullScan = now;
    lastScan = now;
    const touched = new Set<TargetState>();
    let afterId = full ? 0 : maxSeenId;
    for (;;) {
      const rows = outbox.pending(afterId, SCAN_BATCH);
      for (const row of rows) {
        afterId = row.id;
        maxSeenId = Math.max(maxSeenId, row.id);
        if (known.has(row.id)) continue;
        const platform = platformOf(row.target);
        if (!platform) {
          if (outbox.markFailed(row.id, `unknown platform of target ${row.target}`)) stats.failed++;
          logger.warn({ target: row.target, id: row.id }, 'outbox message failed: unknown platform');
          continue;
        }
        if (!adapters[platform]) {
          // Kept pending, not lost: it goes once the platform is configured again.
          if (!unrouted.has(platform))
            logger.warn({ platform }, 'messages wait for an adapter of their platform');
          unrouted.add(platform);
          continue;
        }
        let state = targets.get(row.target);
        if (!state) {
          state = { target: row.target, platform, queue: [], busy: false };
          targets.set(row.target, state);
        }
        known.add(row.id);
        const last = state.queue[state.queue.length - 1];
        if (!last || last.id < row.id) state.queue.push(row);
        else
          state.queue.splice(
            state.queue.findIndex((ref) => ref.id > row.id),
            0,
            row,
          );
        touched.add(state);
      }
      if (rows.length < SCAN_BATCH) break;
    }
    for (const state of touched) schedule(state, now);
  };

  const begin = (): void => {
    if (started) return;
    started = true;
    const keys = outbox.recoverSending('interrupted while sending: resent (possible duplicate)');
    stats.recovered += keys.length;
    if (keys.length > 0) {
      logger.warn(
        { count: keys.length, keys: keys.slice(0, 20) },
        'resending messages a crash left in flight',
      );
    }
    refresh(true);
  };

  const kindOf = (target: string): ChatKind => (isGroupTarget(target) ? 'group' : 'private');

  /** The target is gone for good: it becomes inactive, and its message and every pending one fail (revivable). */
  const deactivate = async (state: TargetState, message: ClaimedMessage, reason: string): Promise<void> => {
    const kind = chats.get(state.target)?.kind ?? kindOf(state.target);
    // Back to pending first, so the message fails with the others and comes back with them.
    const failed = outbox.transaction(() => {
      outbox.reschedule(message.id, clock.now(), reason, true);
      return membership.gone({ id: state.target, kind }, reason);
    });
    for (const ref of state.queue) known.delete(ref.id);
    state.queue = [];
    stats.failed += failed;
    stats.deactivated++;
    observe(state.platform, 'failed');
    if (kind === 'private' || !deps.notifyAdmins) {
      logger.info({ target: state.target }, 'nobody to tell that the target is unreachable');
      return;
    }
    try {
      await deps.notifyAdmins(state.target, reason);
    } catch (error) {
      logger.warn({ target: state.target, err: error }, 'could not tell the admins');
    }
  };

  /** Puts a claimed message back at the head of its target's queue. */
  const requeue = (state: TargetState, message: ClaimedMessage, notBefore: number): void => {
    known.add(message.id);
    state.queue.unshift({ id: message.id, target: state.target, notBefore });
  };

  /** A transient failure or a rate limit: the message goes back to the head of its target's queue. */
  const retryLater = (state: TargetState, message: ClaimedMessage, error: unknown): void => {
    const now = clock.now();
    if (error instanceof RateLimitError) {
      const until = now + Math.max(0, error.retryAfterMs);
      outbox.reschedule(message.id, until, `rate limited: retry after ${error.retryAfterMs} ms`, true);
      pacer.hold(state.target, until);
      requeue(state, message, until);
      stats.rateLimited++;
      observe(state.platform, 'rate_limited');
      logger.info({ target: state.target, retryAfterMs: error.retryAfterMs }, 'rate limited: holding target');
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    if (message.attempts >= backoff.maxAttempts) {
      outbox.markFailed(message.id, `gave up after ${message.attempts} attempts: ${reason}`);
      stats.failed++;
      observe(state.platform, 'failed');
      logger.error({ key: message.key, reason }, 'outbox message given up');
      return;
    }
    const delay = Math.min(backoff.capMs, backoff.baseMs * 2 ** (message.attempts - 1));
    outbox.reschedule(message.id, now + delay, reason);
    requeue(state, message, now + delay);
    stats.retried++;
    observe(state.platform, 'retried');
    logger.info({ key: message.key, attempt: message.attempts, delay, reason }, 'send failed: retrying');
  };

  const deliver = async (
    state: TargetState,
    message: ClaimedMessage,
    adapter: ChatAdapter,
  ): Promise<void> => {
    let result: SendResult;
    try {
      result = await adapter.send(state.target, message.reply);
    } catch (error) {
      return retryLater(state, message, error);
    }
    if (result.ok) {
      // Committed at once and alone: the window between confirmation and record is as small as it gets.
      // Should this write fail, the row stays `sending` and the next start-up resends it (the window).
      if (!outbox.markSent(message.id, result.ids, clock.now())) {
        logger.error({ key: message.key }, 'sent, but the outbox row was no longer sending');
      }
      stats.sent++;
      observe(state.platform, 'sent');
      membership.seen({ id: state.target, kind: kindOf(state.target) });
      return;
    }
    if (result.permanent) return deactivate(state, message, result.reason);
    retryLater(state, message, new Error(result.reason));
  };

  /** Starts the send of a target's oldest message, which is due and allowed by every bucket. */
  const launch = (state: TargetState, now: number): void => {
    const ref = state.queue.shift() as PendingRef;
    known.delete(ref.id);
    const adapter = adapters[state.platform] as ChatAdapter;
    if (chats.get(state.target)?.active === false) {
      const count = membership.failPendingIfInactive(state.target, 'target inactive');
      const queued = 1 + state.queue.length;
      for (const other of state.queue) known.delete(other.id);
      state.queue = [];
      stats.failed += count;
      schedule(state, now);
      // Fewer failed than were queued: the rest moved to another chat id (a migration) and are read again.
      if (count < queued) refresh(true);
      return;
    }
    const message = outbox.claim(ref.id);
    if (!message) {
      schedule(state, now);
      return;
    }
    if (message.target !== state.target) {
      // The chat moved (a supergroup migration): its queue is read again under the new id, in order.
      outbox.reschedule(message.id, now, `moved to ${message.target}`, true);
      for (const queued of state.queue) known.delete(queued.id);
      state.queue = [];
      schedule(state, now);
      refresh(true);
      return;
    }
    state.busy = true;
    dispatched++;
    const send = deliver(state, message, adapter)
      .catch((error: unknown) => logger.error({ err: error, key: message.key }, 'outbox bookkeeping failed'))
      .finally(() => {
        inFlight.delete(send);
        state.busy = false;
        schedule(state, clock.now());
        wake();
      });
    inFlight.add(send);
  };

  /** Launches every send that is due and allowed now; returns when the next one may be (null: on a completion). */
  const pump = (): number | null => {
    const now = clock.now();
    const { ready, wakeAt } = line.next(now, maxInFlight - inFlight.size);
    for (const target of ready) {
      const state = targets.get(target);
      if (state) launch(state, now);
    }
    if (now - lastPrune > 10_000) {
      pacer.prune(now);
      lastPrune = now;
    }
    return wakeAt;
  };

  /** Waits for `ms` on the clock (forever when null) or until a send completes or someone pokes. */
  const pause = async (ms: number | null): Promise<void> => {
    // Yield to I/O first: sends already answered finish (their completion may change what comes next),
    // and a clock whose sleep returns at once (a manual one) cannot starve the event loop.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (dirty) return;
    const controller = new AbortController();
    waker = controller;
    const woken = new Promise<void>((resolve) =>
      controller.signal.addEventListener('abort', () => resolve()),
    );
    const slept =
      ms === null ? woken : clock.sleep(Math.max(0, ms), controller.signal).catch(() => undefined);
    try {
      await Promise.race([woken, slept]);
    } finally {
      controller.abort();
      if (waker === controller) waker = null;
    }
  };

  const run = async (untilIdle: boolean): Promise<void> => {
    begin();
    while (!stopping) {
      beat = clock.now();
      dirty = false;
      const now = clock.now();
      if (now - lastFullScan >= FULL_SCAN_MS) refresh(true);
      else if (!untilIdle && now - lastScan >= pollMs) refresh(false);
      const wakeAt = pump();
      if (untilIdle && wakeAt === null && inFlight.size === 0) {
        refresh(true);
        if (targets.size === 0) break;
        for (const state of targets.values()) schedule(state, clock.now());
        continue;
      }
      const wait = wakeAt === null ? null : wakeAt - now;
      await pause(untilIdle ? wait : Math.min(wait ?? pollMs, pollMs));
    }
    await Promise.all(inFlight);
  };

  return {
    serve() {
      if (loop) return loop;
      stopping = false;
      loop = run(false).finally(() => {
        loop = null;
      });
      return loop;
    },
    heartbeat: () => beat,
    start() {
      if (loop) return;
      stopping = false;
      loop = run(false).catch((error: unknown) =>
        logger.error({ err: error }, 'dispatcher stopped on an error'),
      );
    },
    async stop() {
      stopping = true;
      wake();
      await loop?.catch(() => undefined);
      await Promise.all(inFlight);
      loop = null;
    },
    poke() {
      if (started) refresh(false);
      wake();
    },
    rescan() {
      if (started) refresh(true);
      wake();
    },
    async runOnce() {
      begin();
      refresh(false);
      const before = dispatched;
      for (let launched = -1; launched !== dispatched; ) {
        launched = dispatched;
        pump();
        await Promise.all(inFlight);
      }
      return dispatched - before;
    },
    async drain() {
      await run(true);
      await Promise.all(inFlight);
    },
    stats: () => ({ ...stats }),
  };
}
