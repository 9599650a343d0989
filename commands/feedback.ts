import type { Command } from '../src/chat/command.js';
import { t } from '../src/chat/i18n.js';
import { type Reply, textReply } from '../src/chat/reply.js';
import { choiceList, labelName, parseChoice, toneName } from '../src/feedback/choices.js';
import type { Corrections } from '../src/feedback/corrections.js';

const USAGE = { en: '<item number> <label>', ru: '<номер> <метка>' };

/**
 * `/feedback <item number> <label>`: tells Kestrel how an item of the last list it showed this chat should
 * have been read (`/feedback 3 promo`, `/feedback 2 right`, `/feedback 1 not-this-brand`,
 * `/feedback 4 tone negative`). Each person's vote counts once; the majority (or an admin) decides.
 */
export function createFeedbackCommand(deps: { corrections: Corrections }): Command {
  return {
    name: 'feedback',
    aliases: ['отзыв', 'fb'],
    summary: {
      en: 'say how an item of the last list should have been read, so Kestrel learns',
      ru: 'сказать, как надо было прочитать пункт последнего списка, чтобы Kestrel учился',
    },
    usage: USAGE,
    examples: [
      '/feedback 3 promo',
      '/feedback 1 right',
      '/feedback 2 not-this-brand',
      '/feedback 4 tone negative',
    ],
    async run(ctx, args): Promise<Reply> {
      const title = '/feedback';
      const refuse = (en: string, ru: string) => textReply(title, t(ctx.lang, { en, ru }), 'refusal');
      const choices = choiceList(ctx.lang);
      const match = /^(\S+)\s*([\s\S]*)$/u.exec(args);
      if (!match) {
        return refuse(
          `Which item, and what is it? E.g. /feedback 3 promo. Choices: ${choices}`,
          `Какой пункт и что это? Например: /feedback 3 promo. Варианты: ${choices}`,
        );
      }
      const number = Number(match[1]);
      if (!Number.isInteger(number) || number < 1) {
        return refuse(
          `"${match[1]}" is not an item number: give the number shown before the item, e.g. /feedback 3 promo.`,
          `«${match[1]}» — не номер пункта: укажите номер перед пунктом, например /feedback 3 promo.`,
        );
      }
      const choice = parseChoice(match[2] ?? '');
      if (!choice) {
        return refuse(
          match[2]
            ? `I do not know "${match[2]}". Choices: ${choices}`
            : `What is item ${number}? Choices: ${choices}`,
          match[2]
            ? `Не знаю «${match[2]}». Варианты: ${choices}`
            : `Что такое пункт ${number}? Варианты: ${choices}`,
        );
      }
      const result = deps.corrections.give({
        chatId: ctx.chat.id,
        personId: ctx.user.id,
        isAdmin: ctx.isAdmin,
        item: { number },
        choice,
        now: ctx.now,
      });
      switch (result.status) {
        case 'no_list':
          return refuse(
            'There is no list to give feedback on yet: ask for one (/digest, /mentions <brand>) and use its item numbers.',
            'Пока нет списка для отзыва: запросите его (/digest, /mentions <бренд>) и укажите номер пункта.',
          );
        case 'no_item':
          return refuse(
            `The last list has no item ${number}: its items are 1–${result.count}.`,
            `В последнем списке нет пункта ${number}: в нём пункты 1–${result.count}.`,
          );
        case 'no_button':
          return refuse(
            `Item ${number} is no longer stored; ask for a new list.`,
            `Пункта ${number} больше нет в базе; запросите новый список.`,
          );
        case 'not_a_brand_item':
          return refuse(
            `Item ${number} is not listed for a brand; "not-this-brand" is for brand mentions. Give its label instead.`,
            `Пункт ${number} показан не как упоминание бренда; «not-this-brand» — для упоминаний. Укажите метку.`,
          );
        case 'recorded': {
          const was = labelName(result.tweet.label, ctx.lang);
          const now = labelName(result.after.label, ctx.lang);
          const tone = toneName(result.after.sentiment, ctx.lang);
          const moved =
            result.after.label === result.tweet.label
              ? t(ctx.lang, { en: `It stays ${now} (tone ${tone}).`, ru: `Остаётся: ${now} (тон ${tone}).` })
              : t(ctx.lang, {
                  en: `It is now ${now} (was ${was}); digests show it so from now on.`,
                  ru: `Теперь это: ${now} (было: ${was}); дайджесты покажут его так.`,
                });
          const alerted =
            result.alerts > 0
              ? t(ctx.lang, {
                  en: ` Job alerts sent: ${result.alerts}.`,
                  ru: ` Отправлено уведомлений о вакансии: ${result.alerts}.`,
                })
              : '';
          return textReply(
            title,
            t(ctx.lang, {
              en: `Thanks, vote recorded for item ${number}. `,
              ru: `Спасибо, голос за пункт ${number} учтён. `,
            }) +
              moved +
              alerted,
          );
        }
      }
    },
  };
}
