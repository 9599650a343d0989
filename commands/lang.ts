import type { Command } from '../src/chat/command.js';
import { LANGS, type Lang, t } from '../src/chat/i18n.js';
import { textReply } from '../src/chat/reply.js';
import { KestrelError } from '../src/errors.js';
import type { ChatStore } from '../src/store/chat-store.js';

/** What `/lang` needs. */
export interface LangCommandDeps {
  chats: Pick<ChatStore, 'save'>;
}

/**
 * `/lang ru|en`: the language Kestrel speaks in this chat (stored with the chat); the confirmation comes
 * in the new language. In groups and channels only admins may change it.
 */
export function createLangCommand(deps: LangCommandDeps): Command {
  return {
    name: 'lang',
    aliases: [],
    summary: { en: 'the language of this chat', ru: 'язык этого чата' },
    usage: { en: 'ru | en', ru: 'ru | en' },
    examples: ['/lang ru', '/lang en'],
    async run(ctx, args) {
      const wanted = args.trim().toLowerCase();
      if (wanted && ctx.chat.kind !== 'private' && !ctx.isAdmin) {
        return textReply(
          '/lang',
          t(ctx.lang, {
            en: 'Only admins of this chat can change its language.',
            ru: 'Менять язык чата могут только администраторы.',
          }),
          'refusal',
        );
      }
      if (!LANGS.includes(wanted as Lang)) {
        throw new KestrelError(
          'INPUT_INVALID',
          t(ctx.lang, {
            en: `${wanted ? `"${args.trim()}" is not a language I speak.` : 'Which language?'} Choose ru (Russian) or en (English); now it is ${ctx.lang}.`,
            ru: `${wanted ? `«${args.trim()}» — не мой язык.` : 'Какой язык?'} Выберите ru (русский) или en (английский); сейчас ${ctx.lang}.`,
          }),
        );
      }
      const lang = wanted as Lang;
      deps.chats.save(ctx.chat, { lang }, ctx.now);
      return textReply(
        '/lang',
        t(lang, {
          en: 'Done: I speak English in this chat now.',
          ru: 'Готово: теперь в этом чате я говорю по-русски.',
        }),
      );
    },
  };
}
