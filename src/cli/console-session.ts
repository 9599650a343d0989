import type { Readable, Writable } from 'node:stream';
import {
  type ConsoleAdapter,
  type ConsoleIdentity,
  createConsoleAdapter,
} from '../../adapters/console/console-adapter.js';
import type { Kestrel } from '../app.js';
import { createCommandSet } from '../chat/command-set.js';
import { createContextBuilder } from '../chat/context-builder.js';
import { type CommandRegistry, createRegistry } from '../chat/registry.js';
import { rememberReply } from '../feedback/lists.js';
import { createChatStore } from '../store/chat-store.js';

/** The console chat wired to Kestrel's commands: what `kestrel start` and `kestrel chat` talk through. */
export async function openConsoleSession(
  kestrel: Kestrel,
  io: { input: Readable; output: Writable },
  identity: ConsoleIdentity,
  nextPoll: () => Date | null,
  registry: CommandRegistry = createRegistry(
    createCommandSet({ ...kestrel, source: kestrel.demo ? null : kestrel.source, nextPoll }),
    {
      logger: kestrel.logger,
      onReply: (reply, ctx) => rememberReply(kestrel.feedback, ctx.chat.id, reply, ctx.now),
    },
  ),
): Promise<ConsoleAdapter> {
  const context = createContextBuilder({
    chats: createChatStore(kestrel.db),
    defaultTimezone: identity.timezone,
    defaultLang: identity.lang,
    now: kestrel.clock.now,
  });
  const adapter = createConsoleAdapter({
    input: io.input,
    output: io.output,
    identity,
    chartsDir: 'data/charts',
    now: kestrel.clock.now,
    context,
  });
  await adapter.start((message) => registry.dispatch(message.text, message.context));
  return adapter;
}
