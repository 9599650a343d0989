import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ChatAdapter, MessageHandler, SendResult } from '../../src/chat/adapter.js';
import type { CommandContext } from '../../src/chat/context.js';
import type { MessageOrigin } from '../../src/chat/context-builder.js';
import type { Reply, ReplyFile } from '../../src/chat/reply.js';
import { createConsoleChat } from './console-chat.js';
import { renderPlain } from './render.js';

/** Who the person at the console is: `--as`, `--lang`, `--chat` of `kestrel chat`. */
export interface ConsoleIdentity {
  name: string;
  chatKind: 'private' | 'group';
  lang: 'ru' | 'en';
  isAdmin: boolean;
  timezone: string;
}

export interface ConsoleAdapterOptions {
  input: Readable;
  output: Writable;
  identity: ConsoleIdentity;
  /** Where charts are saved as PNG files (the path is printed). */
  chartsDir: string;
  /** Where files of replies (CSV exports) are saved (the path is printed); default `data/exports`. */
  exportsDir?: string;
  now: () => number;
  /** Applies the chat's stored settings (language, timezone); without it the identity's are used. */
  context?: (origin: MessageOrigin) => CommandContext;
}

/** One sent message, as the console printed it: the test double's record. */
export interface ConsoleSent {
  chatId: string;
  reply: Reply;
  text: string;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** The chat id of the person at the console. */
  readonly chatId: string;
  /** Everything sent so far, oldest first. */
  readonly sent: readonly ConsoleSent[];
  /** Handles one line as if typed, and returns what was printed for it (for tests and `--exec`). */
  receive(text: string): Promise<string>;
  /** Resolves when the input ends or /quit is typed. */
  closed(): Promise<void>;
}

/**
 * The console chat: stdin/stdout with readline, plain-text rendering, charts saved to files. It is the
 * embedded default of `npm start` and the test double of the core (push lines in, read replies out).
 */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const { identity } = options;
  const chatId = `console:${identity.chatKind === 'group' ? 'team' : identity.name}`;
  const sent: ConsoleSent[] = [];
  let handler: MessageHandler | null = null;
  let running: Promise<void> = Promise.resolve();
  let chat: ReturnType<typeof createConsoleChat> | null = null;

  const context = (): CommandContext => {
    const origin: MessageOrigin = {
      user: { id: `console:${identity.name}`, name: identity.name },
      chat: {
        id: chatId,
        kind: identity.chatKind,
        ...(identity.chatKind === 'group' ? { title: 'team' } : {}),
      },
      locale: identity.lang,
      isAdmin: identity.isAdmin,
    };
    if (options.context) return options.context(origin);
    return {
      ...origin,
      lang: identity.lang,
      timezone: identity.timezone,
      isAdmin: identity.chatKind === 'private' || identity.isAdmin,
      now: options.now(),
    };
  };

  const saveChart = (chart: { png: Uint8Array; filename: string }): string | null => {
    try {
      mkdirSync(options.chartsDir, { recursive: true });
      const path = join(options.chartsDir, chart.filename);
      writeFileSync(path, chart.png);
      return path;
    } catch {
      return null;
    }
  };

  const saveFile = (file: ReplyFile): string => {
    const dir = options.exportsDir ?? 'data/exports';
    try {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, file.filename);
      writeFileSync(path, file.bytes);
      return path;
    } catch (error) {
      return `${file.filename} not saved in ${dir}: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  const render = (target: string, reply: Reply): string => {
    const body = renderPlain(reply, saveChart, saveFile);
    return target === chatId ? body : `→ ${target}\n${body}`;
  };

  const adapter: ConsoleAdapter = {
    platform: 'console',
    images: true,
    chatId,
    sent,
    async start(h) {
      handler = h;
      chat = createConsoleChat({
        input: options.input,
        output: options.output,
        handle: async (line) => adapter.receive(line),
      });
      running = chat.run();
    },
    async stop() {
      chat?.close();
      await running;
    },
    async send(target, reply): Promise<SendResult> {
      const text = render(target, reply);
      sent.push({ chatId: target, reply, text });
      options.output.write(`${text}\n\n`);
      return { ok: true, ids: [String(sent.length)] };
    },
    async receive(text) {
      if (!handler) throw new Error('console adapter not started');
      const reply = await handler({ text, context: context() });
      if (!reply) {
        const hint =
          identity.lang === 'ru'
            ? 'Это не команда. Список команд: /help'
            : 'That is not a command. See /help';
        return hint;
      }
      const rendered = render(chatId, reply);
      sent.push({ chatId, reply, text: rendered });
      return rendered;
    },
    closed: () => running,
  };
  return adapter;
}
