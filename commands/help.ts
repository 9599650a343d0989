import type { Command } from '../src/chat/command.js';
import { t } from '../src/chat/i18n.js';
import { usageLine } from '../src/chat/registry.js';
import type { Reply } from '../src/chat/reply.js';

/** `/help [command]`: the command list from their summaries, or one command's usage and examples. */
export function createHelpCommand(deps: { commands: () => readonly Command[] }): Command {
  const help: Command = {
    name: 'help',
    aliases: ['помощь'],
    summary: { en: 'what Kestrel can do', ru: 'что умеет Kestrel' },
    usage: { en: '[command]', ru: '[команда]' },
    examples: ['/help', '/help mentions'],
    async run(ctx, args): Promise<Reply> {
      const commands = deps.commands();
      const wanted = args.replace(/^\//, '').trim().toLowerCase();
      if (wanted) {
        const command = commands.find((c) => c.name === wanted || c.aliases.includes(wanted));
        if (!command) {
          return {
            title: '/help',
            tone: 'refusal',
            blocks: [
              {
                type: 'text',
                text: t(ctx.lang, {
                  en: `There is no /${wanted}. All commands: /help`,
                  ru: `Команды /${wanted} нет. Все команды: /help`,
                }),
              },
            ],
          };
        }
        return {
          title: `/${command.name}`,
          blocks: [
            { type: 'text', text: `${capitalize(command.summary[ctx.lang])}.\n${usageLine(command, ctx)}` },
            {
              type: 'text',
              heading: t(ctx.lang, { en: 'Examples', ru: 'Примеры' }),
              text: command.examples.join('\n'),
            },
            ...(command.syntax
              ? [
                  {
                    type: 'text' as const,
                    heading: t(ctx.lang, { en: 'Search syntax', ru: 'Синтаксис поиска' }),
                    text: command.syntax.map((r) => `${r.example} — ${r.meaning[ctx.lang]}`).join('\n'),
                  },
                ]
              : []),
            ...(command.aliases.length
              ? [
                  {
                    type: 'text' as const,
                    text: `${t(ctx.lang, { en: 'Also', ru: 'Также' })}: ${command.aliases.map((a) => `/${a}`).join(', ')}`,
                  },
                ]
              : []),
          ],
        };
      }
      return {
        title: t(ctx.lang, { en: 'Kestrel commands', ru: 'Команды Kestrel' }),
        blocks: [
          {
            type: 'text',
            text: commands
              .map((c) => `${`/${c.name} ${c.usage[ctx.lang]}`.trim()} — ${c.summary[ctx.lang]}`)
              .join('\n'),
          },
        ],
        footer: t(ctx.lang, {
          en: 'Details and examples: /help <command>',
          ru: 'Подробности и примеры: /help <команда>',
        }),
      };
    },
  };
  return help;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
