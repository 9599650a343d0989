import type { ChatAdapter } from '../chat/adapter.js';
import type { ChatMembershipService } from '../chat/membership.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ChatStore } from '../store/chat-store.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { Platform, PlatformLimits } from './platform-limits.js';

/** Capped exponential backoff of transient failures: base × 2^(attempt − 1), at most `capMs`. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Attempts after which a message that keeps failing transiently is given up (`failed`). */
  maxAttempts: number;
}

export interface DispatcherDeps {
  outbox: OutboxStore;
  /** Chats as stored: whether a target is inactive, and its kind. */
  chats: Pick<ChatStore, 'get'>;
  /** Where a target gone for good is marked inactive and a successful send counts as a sign of life. */
  membership: ChatMembershipService;
  /** The adapter of each platform; messages to a platform without one stay pending (logged once). */
  adapters: Partial<Record<Platform, ChatAdapter>>;
  clock: Clock;
  logger: Logger;
  /** Per-platform limits (default: the published ones); tests and benchmarks scale them. */
  limits?: Partial<Record<Platform, PlatformLimits>>;
  /** Share of each limit actually used (default 0.95), a margin for the platform's clock and jitter. */
  headroom?: number;
  /**
   * Sends in flight at once, over all targets (default 16); never more than one per target. It also bounds
   * the unavoidable window: a crash can leave at most this many messages sent but unconfirmed.
   */
  maxInFlight?: number;
  /** Default: 1 s doubling to 10 min, given up after 20 attempts (about two hours). */
  backoff?: Partial<BackoffPolicy>;
  /** How often the running loop looks for newly enqueued messages (default 1000 ms; `poke()` is at once). */
  pollMs?: number;
  /** Told of each send's outcome per platform (metrics). */
  observe?: (platform: Platform, outcome: 'sent' | 'rate_limited' | 'retried' | 'failed') => void;
  /** Tells a group's admins that Kestrel can no longer post there, where some channel to them exists. */
  notifyAdmins?: (chatId: string, reason: string) => Promise<void> | void;
}

/** What the dispatcher did since it was created. */
export interface DispatcherStats {
  sent: number;
  /** Messages given up: permanent failures, inactive targets, unknown platforms, too many attempts. */
  failed: number;
  /** 429 answers (retry_after honoured). */
  rateLimited: number;
  /** Transient failures rescheduled with backoff. */
  retried: number;
  /** Targets found gone for good (blocked, removed) and marked inactive. */
  deactivated: number;
  /** Messages found `sending` at start-up and resent: the unavoidable window. */
  recovered: number;
}

/**
 * Sends the outbox. Each message is claimed (`sending`, committed) before its adapter is called and marked
 * `sent` (committed) as soon as the platform confirms, one message at a time: confirmations are never
 * batched. The one unavoidable window is between the platform accepting a message and that commit: a crash
 * there leaves the row `sending`, and start-up resends it (counted in `recovered`, logged with the keys),
 * because the outbox promises nothing lost; the platform may then show it twice. At most `maxInFlight`
 * messages are in that window at any moment. Everything else is exactly once: a `pending` row was never
 * handed to the platform, a `sent` row never is again. (Durability is SQLite's: WAL with synchronous=NORMAL
 * survives a killed process; an OS crash or power loss can lose the last commits, widening the window.)
 *
 * Messages go per target in outbox-id order, one at a time, the oldest pending message of a target first
 * (a message waiting for its backoff holds back the target's later ones); targets proceed concurrently,
 * paced by token buckets at the platforms' limits.
 */
export interface Dispatcher {
  /** Starts the loop on the clock; it keeps polling for new messages until `stop()`. */
  start(): void;
  /**
   * Runs the loop for a supervisor: resolves after `stop()`, rejects when the loop itself fails (the
   * supervisor logs, counts and calls it again; state survives, pending messages are not lost).
   */
  serve(): Promise<void>;
  /** When the loop last went round (epoch ms): a loop stuck for long is not alive. */
  heartbeat(): number;
  /** Stops the loop after the sends in flight are confirmed and recorded. */
  stop(): Promise<void>;
  /** Looks for new messages now rather than at the next poll. */
  poke(): void;
  /** Looks again at every pending message now (older ones came back: a chat returned or moved). */
  rescan(): void;
  /** Sends what is due and allowed right now, and waits for those sends; returns how many were sent. */
  runOnce(): Promise<number>;
  /** Sends until nothing is pending, waiting out not_before, retry_after, backoff and pacing on the clock. */
  drain(): Promise<void>;
  stats(): DispatcherStats;
}
