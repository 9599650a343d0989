import type { CommandContext } from './context.js';
import type { Localized } from './i18n.js';
import type { Reply } from './reply.js';

/** One chat command: `commands/<name>.ts` exports one of these. Commands never import a chat library. */
export interface Command {
  name: string;
  aliases: string[];
  summary: Localized;
  /** Argument syntax after the command name, e.g. `<brand | @handle | word> [24h | 7d | 30d]`. */
  usage: Localized;
  examples: string[];
  /** A syntax table `/help <command>` shows: an example per operator and what it finds. */
  syntax?: readonly { example: string; meaning: Localized }[];
  run(ctx: CommandContext, args: string): Promise<Reply>;
}
