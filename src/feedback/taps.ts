import type { CommandContext } from '../chat/context.js';
import { t } from '../chat/i18n.js';
import type { FeedbackStore } from '../store/feedback-store.js';
import {
  type ButtonItem,
  backButton,
  type ChoiceGroup,
  choiceGroups,
  type FeedbackButton,
  itemButtons,
  parseButtonData,
} from './buttons.js';
import { labelName, toneName } from './choices.js';
import type { Corrections } from './corrections.js';

/** What a tap on a feedback button leads to; the adapter shows it its platform's way. */
export type TapOutcome =
  /** "✗" was tapped: show the item's choices in place of its two buttons. */
  | { kind: 'choices'; item: ButtonItem; groups: ChoiceGroup[]; back: FeedbackButton }
  /** "← back": the item's two buttons again. */
  | { kind: 'closed'; item: ButtonItem; buttons: FeedbackButton[] }
  /** A vote was recorded: the item's buttons (showing its reading now) and a line saying what happened. */
  | { kind: 'recorded'; item: ButtonItem; buttons: FeedbackButton[]; notice: string; now: string }
  /** Nothing was recorded (not our button, another chat's item, not a brand item): why. */
  | { kind: 'refused'; notice: string };

/** Taps on feedback buttons, from any platform: the same votes as `/feedback`, by stored item id. */
export interface FeedbackTaps {
  /** Acts on a tap: `data` is what the button carried, `context` who tapped where (admin or not). */
  tap(context: CommandContext, data: string): TapOutcome;
}

export function createFeedbackTaps(deps: {
  corrections: Corrections;
  feedback: FeedbackStore;
}): FeedbackTaps {
  return {
    tap(context, data) {
      const { lang } = context;
      const refused = (en: string, ru: string): TapOutcome => ({
        kind: 'refused',
        notice: t(lang, { en, ru }),
      });
      const press = parseButtonData(data);
      if (!press) return refused('This button is not one Kestrel knows.', 'Kestrel не знает эту кнопку.');
      const stored = deps.feedback.buttonRef(press.button);
      if (!stored || stored.chatId !== context.chat.id) {
        return refused(
          'This item is not one of this chat’s; nothing was recorded.',
          'Этот пункт не из этого чата; ничего не записано.',
        );
      }
      const item: ButtonItem = {
        number: press.number,
        button: press.button,
        brand: Boolean(stored.ref.brand),
      };
      const { action } = press;
      if (action.kind === 'wrong') {
        return { kind: 'choices', item, groups: choiceGroups(item, lang), back: backButton(item, lang) };
      }
      if (action.kind === 'back') return { kind: 'closed', item, buttons: itemButtons(item) };
      const result = deps.corrections.give({
        chatId: context.chat.id,
        personId: context.user.id,
        isAdmin: context.isAdmin,
        item: { button: press.button },
        choice: action,
        now: context.now,
      });
      switch (result.status) {
        case 'no_list':
        case 'no_item':
        case 'no_button':
          return refused(
            'This item is no longer stored; nothing was recorded.',
            'Этого пункта больше нет в базе; ничего не записано.',
          );
        case 'not_a_brand_item':
          return refused(
            `Item ${item.number} is not listed for a brand: choose its label instead.`,
            `Пункт ${item.number} показан не как упоминание бренда: выберите метку.`,
          );
        case 'recorded': {
          const now = labelName(result.after.label, lang);
          const was = labelName(result.tweet.label, lang);
          const tone = toneName(result.after.sentiment, lang);
          const change =
            result.after.label === result.tweet.label
              ? t(lang, { en: `it stays ${now}, tone ${tone}`, ru: `остаётся: ${now}, тон ${tone}` })
              : t(lang, { en: `now ${now} (was ${was})`, ru: `теперь: ${now} (было: ${was})` });
          const alerts =
            result.alerts > 0
              ? t(lang, {
                  en: `; job alerts sent: ${result.alerts}`,
                  ru: `; уведомлений о вакансии: ${result.alerts}`,
                })
              : '';
          return {
            kind: 'recorded',
            item,
            buttons: itemButtons(item, now),
            now,
            notice: t(lang, {
              en: `Thanks! Item ${item.number}: ${change}${alerts}.`,
              ru: `Спасибо! Пункт ${item.number}: ${change}${alerts}.`,
            }),
          };
        }
      }
    },
  };
}
