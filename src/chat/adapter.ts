import type { CommandContext } from './context.js';
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
