import type { Command } from '../src/chat/command.js';
import { t } from '../src/chat/i18n.js';
import type { Reply } from '../src/chat/reply.js';
import type { DigestBuilder } from '../src/digest/build.js';

const DAY = 86_400_000;

/** `/digest`: this chat's digest for the last 24 hours, now. */
export function createDigestCommand(deps: { digests: DigestBuilder }): Command {
  return {
    name: 'digest',
    aliases: ['дайджест'],
    summary: { en: "this chat's digest for the last 24 hours", ru: 'дайджест этого чата за последние сутки' },
    usage: { en: '', ru: '' },
    examples: ['/digest'],
    async run(ctx, args): Promise<Reply> {
      if (args) {
        return {
          title: '/digest',
          tone: 'refusal',
          blocks: [
            {
              type: 'text',
              text: t(ctx.lang, {
                en: '/digest takes no arguments: it always covers the last 24 hours. To post it daily: /schedule digest 09:00',
                ru: '/digest без аргументов: он всегда за последние сутки. Чтобы получать каждый день: /schedule digest 09:00',
              }),
            },
          ],
        };
      }
      return deps.digests.build({
        chatId: ctx.chat.id,
        lang: ctx.lang,
        timezone: ctx.timezone,
        from: ctx.now - DAY,
        to: ctx.now,
      }).reply;
    },
  };
}
