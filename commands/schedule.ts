import type { Command } from '../src/chat/command.js';
import type { CommandContext } from '../src/chat/context.js';
import { type Lang, type Localized, t } from '../src/chat/i18n.js';
import { type Reply, textReply } from '../src/chat/reply.js';
import { KestrelError } from '../src/errors.js';
import type { ChatStore } from '../src/store/chat-store.js';
import { nextRunAt, parseTime } from '../src/time/daily.js';
import { canonicalTimezone } from '../src/time/timezone.js';
import { splitSubcommand } from './args/words.js';

/** What `/schedule` needs. */
export interface ScheduleCommandDeps {
  chats: Pick<ChatStore, 'get' | 'save'>;
}

const TITLE = '/schedule';

/**
 * `/schedule digest HH:MM [timezone]`, `/schedule off`, `/schedule`: when this chat's daily digest is
 * posted, in the chat's timezone (a timezone given here becomes the chat's). Everyone may look; in
 * groups and channels only admins may change it.
 */
export function createScheduleCommand(deps: ScheduleCommandDeps): Command {
  const { chats } = deps;

  function show(ctx: CommandContext): Reply {
    const chat = chats.get(ctx.chat.id);
    const zone = chat?.timezone ?? ctx.timezone;
    if (!chat?.digestTime) {
      return textReply(
        TITLE,
        t(ctx.lang, {
          en: 'This chat gets no daily digest. Turn it on: /schedule digest 09:00',
          ru: 'Ежедневного дайджеста в этом чате нет. Включить: /schedule digest 09:00',
        }),
      );
    }
    return textReply(TITLE, scheduledText(ctx.lang, chat.digestTime, zone, ctx.now));
  }

  function digest(ctx: CommandContext, rest: string): Reply {
    const [time, zone, ...extra] = rest.split(/\s+/u).filter((w) => w.length > 0);
    if (!time) {
      invalid(ctx, {
        en: 'At what time? E.g. /schedule digest 09:00',
        ru: 'Во сколько? Например: /schedule digest 09:00',
      });
    }
    const hhmm = parseTime(time);
    if (!hhmm) {
      invalid(ctx, {
        en: `"${time}" is not a time of day: write HH:MM from 00:00 to 23:59, e.g. 09:00.`,
        ru: `«${time}» — не время: пишите ЧЧ:ММ от 00:00 до 23:59, например 09:00.`,
      });
    }
    if (extra.length > 0) {
      invalid(ctx, {
        en: `Unexpected "${extra.join(' ')}": give a time and at most one timezone.`,
        ru: `Лишнее: «${extra.join(' ')}». Нужны время и, если надо, один часовой пояс.`,
      });
    }
    let timezone: string | null = null;
    if (zone !== undefined) {
      timezone = canonicalTimezone(zone);
      if (!timezone) {
        invalid(ctx, {
          en: `"${zone}" is not an IANA timezone; use a name like Europe/Moscow, Asia/Almaty or UTC.`,
          ru: `«${zone}» — не часовой пояс IANA; пишите, например, Europe/Moscow, Asia/Almaty или UTC.`,
        });
      }
    }
    const effective = timezone ?? chats.get(ctx.chat.id)?.timezone ?? ctx.timezone;
    chats.save(ctx.chat, { digestTime: hhmm, timezone: effective }, ctx.now);
    const zoneNote = timezone
      ? t(ctx.lang, {
          en: `\nThis chat's timezone is now ${timezone}.`,
          ru: `\nЧасовой пояс чата теперь ${timezone}.`,
        })
      : '';
    return textReply(TITLE, scheduledText(ctx.lang, hhmm, effective, ctx.now) + zoneNote);
  }

  function off(ctx: CommandContext, rest: string): Reply {
    if (rest)
      invalid(ctx, { en: '/schedule off takes no arguments.', ru: '/schedule off пишется без аргументов.' });
    const had = chats.get(ctx.chat.id)?.digestTime ?? null;
    chats.save(ctx.chat, { digestTime: null }, ctx.now);
    return textReply(
      TITLE,
      t(
        ctx.lang,
        had
          ? { en: 'Daily digest turned off for this chat.', ru: 'Ежедневный дайджест в этом чате выключен.' }
          : {
              en: 'This chat had no daily digest; nothing changed.',
              ru: 'Ежедневного дайджеста в этом чате и не было.',
            },
      ),
    );
  }

  return {
    name: 'schedule',
    aliases: [],
    summary: { en: "when this chat's daily digest comes", ru: 'когда приходит дайджест чата' },
    usage: { en: 'digest HH:MM [timezone] | off', ru: 'digest ЧЧ:ММ [часовой пояс] | off' },
    examples: ['/schedule', '/schedule digest 09:00', '/schedule digest 18:30 Asia/Almaty', '/schedule off'],
    async run(ctx, args) {
      const { sub, rest } = splitSubcommand(args);
      if (sub === '') return show(ctx);
      if (sub !== 'digest' && sub !== 'off') {
        invalid(ctx, {
          en: `Unknown subcommand "${sub}": use digest HH:MM or off.`,
          ru: `Неизвестная подкоманда «${sub}»: есть digest ЧЧ:ММ и off.`,
        });
      }
      if (ctx.chat.kind !== 'private' && !ctx.isAdmin) {
        return textReply(
          TITLE,
          t(ctx.lang, {
            en: 'Only admins of this chat can change its digest schedule. Everyone can see it: /schedule',
            ru: 'Менять расписание дайджеста могут только администраторы чата. Посмотреть может каждый: /schedule',
          }),
          'refusal',
        );
      }
      return sub === 'digest' ? digest(ctx, rest) : off(ctx, rest);
    },
  };
}

/** A run time as the chat reads it: `Fri 27 Nov, 09:00`. */
export function formatRunTime(lang: Lang, at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(/[\u00a0\u202f]/gu, ' ');
}

function scheduledText(lang: Lang, time: string, zone: string, now: number): string {
  const next = formatRunTime(lang, nextRunAt(time, zone, now), zone);
  return t(lang, {
    en: `The digest comes to this chat daily at ${time} (${zone}). Next: ${next}.`,
    ru: `Дайджест приходит в этот чат ежедневно в ${time} (${zone}). Следующий: ${next}.`,
  });
}

/** Refuses with a message in the chat's language; the registry adds the usage line. */
function invalid(ctx: CommandContext, message: Localized): never {
  throw new KestrelError('INPUT_INVALID', t(ctx.lang, message));
}
