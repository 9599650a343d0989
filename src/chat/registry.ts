import { randomBytes } from 'node:crypto';
import { KestrelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Command } from './command.js';
import type { CommandContext } from './context.js';
import { t } from './i18n.js';
import { type Reply, textReply } from './reply.js';

/** Longest argument string a command accepts. */
export const MAX_ARGS_LENGTH = 200;

/** The commands of this bot: looks them up, answers unknown ones with a suggestion, never throws. */
export interface CommandRegistry {
  readonly commands: readonly Command[];
  find(name: string): Command | undefined;
  /** Handles one message: `/name[@bot] args`. Null when the text is not a command. */
  dispatch(text: string, ctx: CommandContext): Promise<Reply | null>;
}

const COMMAND = /^\/([\p{L}\p{N}_]+)(?:@[\w]+)?(?:\s+([\s\S]*))?$/u;

export function createRegistry(
  commands: readonly Command[],
  deps: {
    logger: Logger;
    /** Told of every reply a command gives (the chat's last list is remembered for `/feedback`). */
    onReply?: (reply: Reply, ctx: CommandContext) => void;
  },
): CommandRegistry {
  const byName = new Map<string, Command>();
  for (const command of commands) {
    for (const name of [command.name, ...command.aliases]) {
      const key = name.toLowerCase();
      const taken = byName.get(key);
      if (taken) {
        throw new KestrelError(
          'INPUT_INVALID',
          `Command name "${name}" of /${command.name} is already /${taken.name}'s`,
        );
      }
      byName.set(key, command);
    }
  }

  return {
    commands,
    find: (name) => byName.get(name.toLowerCase()),
    async dispatch(text, ctx) {
      const match = COMMAND.exec(text.trim());
      if (!match) return null;
      const name = (match[1] as string).toLowerCase();
      const args = (match[2] ?? '').trim();
      const command = byName.get(name);
      if (!command) return unknownCommand(name, [...byName.keys()], ctx);
      if ([...args].length > MAX_ARGS_LENGTH) {
        return textReply(
          `/${command.name}`,
          t(ctx.lang, {
            en: `That is longer than ${MAX_ARGS_LENGTH} characters. Usage: /${command.name} ${command.usage.en}`,
            ru: `Слишком длинно: больше ${MAX_ARGS_LENGTH} символов. Как писать: /${command.name} ${command.usage.ru}`,
          }),
          'refusal',
        );
      }
      try {
        const reply = await command.run(ctx, args);
        deps.onReply?.(reply, ctx);
        return reply;
      } catch (error) {
        if (error instanceof KestrelError && error.code === 'INPUT_INVALID') {
          return textReply(`/${command.name}`, `${error.message}\n${usageLine(command, ctx)}`, 'refusal');
        }
        const ref = randomBytes(4).toString('hex');
        deps.logger.error(
          { err: error, ref, command: command.name, args, chat: ctx.chat.id },
          'command failed',
        );
        return textReply(
          `/${command.name}`,
          t(ctx.lang, {
            en: `Something went wrong (ref ${ref}). The team can find it in the logs; please try again later.`,
            ru: `Что-то пошло не так (ref ${ref}). Команда найдёт это в логах; попробуйте позже.`,
          }),
          'error',
        );
      }
    },
  };
}

/** "Usage: /mentions <brand> [7d]" in the chat's language. */
export function usageLine(command: Command, ctx: Pick<CommandContext, 'lang'>): string {
  return (
    t(ctx.lang, { en: 'Usage: ', ru: 'Как писать: ' }) + `/${command.name} ${command.usage[ctx.lang]}`.trim()
  );
}

function unknownCommand(name: string, known: string[], ctx: CommandContext): Reply {
  const best = closest(name, known);
  const suggestion = best ? t(ctx.lang, { en: ` Did you mean /${best}?`, ru: ` Может быть, /${best}?` }) : '';
  return textReply(
    `/${name}`,
    t(ctx.lang, { en: `There is no /${name}.`, ru: `Команды /${name} нет.` }) +
      suggestion +
      t(ctx.lang, { en: ' All commands: /help', ru: ' Все команды: /help' }),
    'refusal',
  );
}

/** The known name nearest to `name` by edit distance, if it is near enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = candidate.startsWith(name) && name.length >= 2 ? 0.5 : editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}
