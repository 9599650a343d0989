import type { FeedbackTaps } from '../feedback/taps.js';
import type { ChatRef } from '../store/chat-store.js';
import type { MigrationReport } from '../store/membership-store.js';
import type { CommandContext } from './context.js';
import type { MessageOrigin } from './context-builder.js';
import type { Reply } from './reply.js';

/** A message that arrived from a chat platform, already attributed. */
export interface IncomingMessage {
  text: string;
  context: CommandContext;
}

/** Where the core hands incoming messages: the command registry, usually. */
export type MessageHandler = (message: IncomingMessage) => Promise<Reply | null>;

/** What a send produced: the platform's message ids, or why the target is gone for good. */
export type SendResult = { ok: true; ids: string[] } | { ok: false; permanent: boolean; reason: string };

/**
 * The narrow interface every chat platform implements (console, Telegram, Slack). Optional capabilities
 * are optional members; the core falls back when an adapter lacks one.
 */
export interface ChatAdapter {
  readonly platform: 'console' | 'telegram' | 'slack';
  /** Begins receiving messages and passing them to the handler. */
  start(handler: MessageHandler): Promise<void>;
  stop(): Promise<void>;
  /**
   * Renders a reply for the platform and sends it to a chat id (`console:…`, `telegram:…`, `slack:…`).
   * Resolves `{ ok: true }` once the platform confirmed every part, or `{ ok: false, permanent: true }`
   * when the target is gone for good (blocked, removed, archived). Throws a RateLimitError (with
   * retryAfterMs) when the platform asks to slow down, and any other error for transient failures.
   */
  send(chatId: string, reply: Reply): Promise<SendResult>;
  /** Optional: the adapter can show images (charts). Without it, charts are described by their alt text. */
  readonly images?: boolean;
}

/**
 * Whether Kestrel can post to a chat, as adapters report it. One service in the core serves every
 * platform (`src/chat/membership.ts`); adapters never touch the chat store themselves.
 */
export interface ChatMembership {
  /** A sign of life from a known chat (a command, a successful send): active again; returns messages revived. */
  seen(chat: ChatRef): number;
  /** The bot was added or re-added (or a person started a private chat): recorded active; returns messages revived. */
  joined(chat: ChatRef): number;
  /** The bot was removed or blocked, or a send failed for good: inactive, with the reason; returns messages failed. */
  gone(chat: ChatRef, reason: string): number;
  /** The chat now lives under another id (Telegram group → supergroup): settings, watches and messages move, once. */
  migrated(from: string, to: ChatRef): MigrationReport;
}

/** The narrow services every chat adapter gets from the core, the same for each platform. */
export interface AdapterServices {
  /** Builds a command context from an origin (stored language and timezone applied). */
  context: (origin: MessageOrigin) => CommandContext;
  membership: ChatMembership;
  /**
   * Taps on feedback buttons ("✓ right", "✗ wrong: it is …"). Without it an adapter puts no buttons under
   * lists (`/feedback <n> <label>` still works everywhere).
   */
  feedback?: FeedbackTaps;
}
