import type { Command } from '../src/chat/command.js';
import type { CommandContext } from '../src/chat/context.js';
import { t } from '../src/chat/i18n.js';
import { type Reply, textReply } from '../src/chat/reply.js';
import { parseQuietHours } from '../src/delivery/quiet-hours.js';
import type { QuietHoursStore } from '../src/store/alert-queries.js';
import type { PersonEraser } from '../src/store/person-eraser.js';
import type { SubscriptionStore } from '../src/store/subscription-store.js';
import { invalid, parseListId } from './args/ids.js';
import { describeJobFilter, parseJobFilters } from './args/job-filters.js';
import { splitSubcommand } from './args/words.js';
import { createForgetFlow } from './jobs-forget.js';

/** What `/jobs` needs. */
export interface JobsCommandDeps {
  subscriptions: SubscriptionStore;
  /** Most live alerts one person may have (default 20). */
  maxPerPerson?: number;
  /** Where `/jobs quiet` keeps quiet hours; without it `/jobs quiet` only shows them. */
  quietHours?: QuietHoursStore;
  /** Deletes what is kept about a person (`/jobs forget`); without it `/jobs forget` is refused. */
  eraser?: PersonEraser;
}

const TITLE = '/jobs';
const ADD_USAGE = 'add <keywords> [remote] [salary>=N CUR] [in <location>]';

/**
 * `/jobs add <keywords> [remote] [salary>=N CUR] [in <location>]`, `/jobs list`, `/jobs remove <id>`,
 * `/jobs pause`, `/jobs resume`, `/jobs quiet HH:MM-HH:MM` | `off`, `/jobs forget` [`yes`]: a person's job
 * alerts, sent to them by direct message, and deleting all Kestrel keeps about them; quiet hours (in the person's timezone) hold alerts until they end. Works only in a
 * private chat; the first `add` registers the person as a subscriber with this chat and its timezone.
 */
export function createJobsCommand(deps: JobsCommandDeps): Command {
  const { subscriptions } = deps;
  const maxPerPerson = deps.maxPerPerson ?? 20;
  const forget = deps.eraser ? createForgetFlow({ eraser: deps.eraser }) : null;

  function add(ctx: CommandContext, rest: string): Reply {
    if (!rest) {
      invalid(ctx, {
        en: 'What should the alert look for? E.g. /jobs add golang remote salary>=200k RUB',
        ru: 'Что искать? Например: /jobs add golang удалёнка salary>=200k RUB',
      });
    }
    const parsed = parseJobFilters(rest);
    if (!parsed.ok) invalid(ctx, parsed.problem);
    const filter = parsed.filter;
    const existing = subscriptions.list(ctx.user.id);
    const same = existing.find((s) => describeJobFilter(s, 'en') === describeJobFilter(filter, 'en'));
    if (same) {
      invalid(ctx, {
        en: `You already have this alert: #${same.id}.`,
        ru: `Такая подписка уже есть: #${same.id}.`,
      });
    }
    if (existing.length >= maxPerPerson) {
      invalid(ctx, {
        en: `You have ${existing.length} alerts, the most one person may have. Remove one first: /jobs remove <id>`,
        ru: `У вас уже ${existing.length} подписок — это предел. Сначала удалите одну: /jobs remove <id>`,
      });
    }
    const added = subscriptions.subscribe(
      { userId: ctx.user.id, chatId: ctx.chat.id, timezone: ctx.timezone },
      filter,
      ctx.now,
    );
    const paused = subscriptions.subscriber(ctx.user.id)?.paused === true;
    const text = t(ctx.lang, {
      en: `Alert #${added.id} added: ${describeJobFilter(added, 'en')}.\nMatching vacancies will come to this chat.`,
      ru: `Подписка #${added.id} добавлена: ${describeJobFilter(added, 'ru')}.\nПодходящие вакансии придут в этот чат.`,
    });
    const note = paused
      ? t(ctx.lang, {
          en: '\nYour alerts are paused; /jobs resume turns them back on.',
          ru: '\nПодписки на паузе; /jobs resume включит их снова.',
        })
      : '';
    return textReply(TITLE, text + note);
  }

  function list(ctx: CommandContext): Reply {
    const items = subscriptions.list(ctx.user.id);
    if (items.length === 0) {
      return textReply(
        TITLE,
        t(ctx.lang, {
          en: 'You have no job alerts. Add one: /jobs add golang remote salary>=200k RUB',
          ru: 'Подписок на вакансии нет. Добавьте: /jobs add golang удалёнка salary>=200k RUB',
        }),
      );
    }
    const paused = subscriptions.subscriber(ctx.user.id)?.paused === true;
    return {
      title: t(ctx.lang, { en: 'Your job alerts', ru: 'Ваши подписки на вакансии' }),
      blocks: [
        {
          type: 'items',
          items: items.map((s) => ({ text: `#${s.id} ${describeJobFilter(s, ctx.lang)}` })),
        },
      ],
      footer: paused
        ? t(ctx.lang, {
            en: 'Paused: /jobs resume to get alerts again. Remove one: /jobs remove <id>',
            ru: 'На паузе: /jobs resume, чтобы снова получать. Удалить: /jobs remove <id>',
          })
        : t(ctx.lang, {
            en: 'Remove one: /jobs remove <id>. Pause all: /jobs pause',
            ru: 'Удалить: /jobs remove <id>. Приостановить все: /jobs pause',
          }),
      tone: 'normal',
    };
  }

  function remove(ctx: CommandContext, rest: string): Reply {
    const id = parseListId(ctx, rest, { en: 'alert', ru: 'подписки' }, '/jobs list');
    if (!subscriptions.remove(ctx.user.id, id, ctx.now)) {
      invalid(ctx, {
        en: `You have no alert #${id}. Your alerts: /jobs list`,
        ru: `У вас нет подписки #${id}. Ваши подписки: /jobs list`,
      });
    }
    return textReply(TITLE, t(ctx.lang, { en: `Alert #${id} removed.`, ru: `Подписка #${id} удалена.` }));
  }

  function setPaused(ctx: CommandContext, rest: string, paused: boolean): Reply {
    const word = paused ? 'pause' : 'resume';
    if (rest) {
      invalid(ctx, {
        en: `/jobs ${word} takes no arguments: it applies to all your alerts.`,
        ru: `/jobs ${word} пишется без аргументов: действует на все подписки.`,
      });
    }
    const subscriber = subscriptions.subscriber(ctx.user.id);
    if (!subscriber) {
      invalid(ctx, {
        en: 'You have no job alerts yet. Add one: /jobs add golang remote',
        ru: 'Подписок на вакансии ещё нет. Добавьте: /jobs add golang удалёнка',
      });
    }
    if (subscriber.paused === paused) {
      return textReply(
        TITLE,
        t(
          ctx.lang,
          paused
            ? { en: 'Your alerts are already paused.', ru: 'Подписки уже на паузе.' }
            : { en: 'Your alerts are already on.', ru: 'Подписки уже включены.' },
        ),
      );
    }
    subscriptions.setPaused(ctx.user.id, paused);
    return textReply(
      TITLE,
      t(
        ctx.lang,
        paused
          ? {
              en: 'Job alerts paused. /jobs resume turns them back on.',
              ru: 'Подписки на паузе. /jobs resume включит их снова.',
            }
          : { en: 'Job alerts are on again.', ru: 'Подписки снова включены.' },
      ),
    );
  }

  function quiet(ctx: CommandContext, rest: string): Reply {
    const subscriber = subscriptions.subscriber(ctx.user.id);
    const zone = subscriber?.timezone ?? ctx.timezone;
    if (!rest) {
      const hours =
        subscriber?.quietStart && subscriber.quietEnd
          ? `${subscriber.quietStart}–${subscriber.quietEnd}`
          : null;
      return textReply(
        TITLE,
        t(
          ctx.lang,
          hours
            ? {
                en: `Quiet hours: ${hours} (${zone}); alerts found then come when they end. Change: /jobs quiet HH:MM-HH:MM, turn off: /jobs quiet off`,
                ru: `Тихие часы: ${hours} (${zone}); вакансии, найденные в это время, придут после них. Изменить: /jobs quiet ЧЧ:ММ-ЧЧ:ММ, выключить: /jobs quiet off`,
              }
            : {
                en: 'No quiet hours: alerts come at any time. Set them: /jobs quiet 23:00-08:00',
                ru: 'Тихих часов нет: вакансии приходят в любое время. Задать: /jobs quiet 23:00-08:00',
              },
        ),
      );
    }
    if (!subscriber) {
      invalid(ctx, {
        en: 'You have no job alerts yet. Add one first: /jobs add golang remote',
        ru: 'Подписок на вакансии ещё нет. Сначала добавьте: /jobs add golang удалёнка',
      });
    }
    const store = deps.quietHours;
    if (!store) {
      invalid(ctx, {
        en: 'Quiet hours cannot be changed on this bot.',
        ru: 'Тихие часы в этом боте изменить нельзя.',
      });
    }
    if (/^(?:off|выкл|нет)$/iu.test(rest)) {
      if (subscriber.quietStart === null || subscriber.quietEnd === null) {
        return textReply(
          TITLE,
          t(ctx.lang, { en: 'You have no quiet hours.', ru: 'Тихих часов и так нет.' }),
        );
      }
      store.set(ctx.user.id, null);
      return textReply(
        TITLE,
        t(ctx.lang, {
          en: 'Quiet hours off: alerts come at any time.',
          ru: 'Тихие часы выключены: вакансии приходят в любое время.',
        }),
      );
    }
    const parsed = parseQuietHours(rest);
    if (!parsed.ok) {
      invalid(
        ctx,
        parsed.problem === 'same'
          ? {
              en: 'Quiet hours must start and end at different times, e.g. /jobs quiet 23:00-08:00',
              ru: 'Тихие часы должны начинаться и заканчиваться в разное время, например /jobs quiet 23:00-08:00',
            }
          : {
              en: `"${rest}" is not a time range; write it as HH:MM-HH:MM (00:00 to 23:59), e.g. /jobs quiet 23:00-08:00, or /jobs quiet off`,
              ru: `«${rest}» — не промежуток времени; пишите ЧЧ:ММ-ЧЧ:ММ (от 00:00 до 23:59), например /jobs quiet 23:00-08:00, или /jobs quiet off`,
            },
      );
    }
    const { hours } = parsed;
    store.set(ctx.user.id, hours);
    return textReply(
      TITLE,
      t(ctx.lang, {
        en: `Quiet hours set: ${hours.start}–${hours.end} (${zone}). Alerts found then will come at ${hours.end}.`,
        ru: `Тихие часы: ${hours.start}–${hours.end} (${zone}). Вакансии, найденные в это время, придут в ${hours.end}.`,
      }),
    );
  }

  return {
    name: 'jobs',
    aliases: [],
    summary: { en: 'your job alerts by direct message', ru: 'ваши подписки на вакансии в личке' },
    usage: {
      en: `${ADD_USAGE} | list | remove <id> | pause | resume | quiet HH:MM-HH:MM | quiet off | forget`,
      ru: 'add <слова> [remote] [salary>=N CUR] [in <город>] | list | remove <номер> | pause | resume | quiet ЧЧ:ММ-ЧЧ:ММ | quiet off | forget',
    },
    examples: [
      '/jobs add golang remote salary>=200k RUB',
      '/jobs add "product manager" in Berlin salary>=€5k',
      '/jobs add дизайнер удалёнка',
      '/jobs list',
      '/jobs remove 3',
      '/jobs pause',
      '/jobs quiet 23:00-08:00',
      '/jobs forget',
    ],
    async run(ctx, args) {
      if (ctx.chat.kind !== 'private') {
        return textReply(
          TITLE,
          t(ctx.lang, {
            en: 'Job alerts are personal and come by direct message, so /jobs works only in a private chat with me. Open a private chat with the bot and send /jobs there.',
            ru: 'Подписки на вакансии личные и приходят в личные сообщения, поэтому /jobs работает только в личном чате со мной. Откройте личный чат с ботом и отправьте /jobs там.',
          }),
          'refusal',
        );
      }
      const { sub, rest } = splitSubcommand(args);
      switch (sub) {
        case '':
        case 'list':
          if (rest)
            invalid(ctx, { en: '/jobs list takes no arguments.', ru: '/jobs list пишется без аргументов.' });
          return list(ctx);
        case 'add':
          return add(ctx, rest);
        case 'remove':
          return remove(ctx, rest);
        case 'pause':
          return setPaused(ctx, rest, true);
        case 'resume':
          return setPaused(ctx, rest, false);
        case 'quiet':
          return quiet(ctx, rest);
        case 'forget':
          if (forget) return forget(ctx, rest);
          return invalid(ctx, {
            en: '/jobs forget is off on this bot.',
            ru: '/jobs forget в этом боте выключена.',
          });
        default:
          return invalid(ctx, {
            en: `Unknown subcommand "${sub}": use add, list, remove, pause, resume, quiet or forget.`,
            ru: `Неизвестная подкоманда «${sub}»: есть add, list, remove, pause, resume, quiet и forget.`,
          });
      }
    },
  };
}

/** Refuses with a message in the chat's language; the registry adds the usage line. */
