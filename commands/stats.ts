import type { Command } from '../src/chat/command.js';
import { formatNumber, type Lang, t } from '../src/chat/i18n.js';
import type { Reply, ReplyBlock } from '../src/chat/reply.js';
import { formatUsd } from '../src/monitor/estimate.js';
import type { PollStatus } from '../src/monitor/poll-status.js';
import type { InactiveChat } from '../src/store/membership-store.js';
import type { RunStore } from '../src/store/run-store.js';
import type { StoreStats } from '../src/store/stats-store.js';
import type { UsageStore } from '../src/store/usage-store.js';
import type { WatchStore } from '../src/store/watch-store.js';

export interface StatsDeps {
  storeStats: () => StoreStats;
  watches: WatchStore;
  usage: UsageStore;
  runs: RunStore;
  monthlyReadBudget: number;
  /** Dollars, the day's allowance and who waits; none: reads only. */
  status?: PollStatus;
  /** The next scheduled poll, or null when not polling (demo mode). */
  nextPoll: () => Date | null;
  demo: boolean;
  /** Chats Kestrel cannot post to, and why (the membership store's `inactive`). */
  inactiveChats?: () => InactiveChat[];
}

const INACTIVE_SHOWN = 10;

/** `/stats`: what is stored, matches per watch, X reads against the budget, last and next poll. */
export function createStatsCommand(deps: StatsDeps): Command {
  return {
    name: 'stats',
    aliases: ['статистика'],
    summary: { en: 'what Kestrel has stored and read', ru: 'что Kestrel собрал и сколько прочитал' },
    usage: { en: '', ru: '' },
    examples: ['/stats'],
    async run(ctx, args): Promise<Reply> {
      if (args) {
        return {
          title: '/stats',
          tone: 'refusal',
          blocks: [
            {
              type: 'text',
              text: t(ctx.lang, { en: '/stats takes no arguments.', ru: '/stats без аргументов.' }),
            },
          ],
        };
      }
      const lang = ctx.lang;
      const s = deps.storeStats();
      const today = deps.usage.day(ctx.now);
      const month = deps.usage.month(ctx.now);
      const counts = deps.watches.matchCounts();
      const visible = deps.watches.list().filter((w) => w.chatId === '' || w.chatId === ctx.chat.id);
      const when = (ms: number) =>
        new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
          timeZone: ctx.timezone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(ms);
      const last = deps.runs.last();
      const lastError = deps.runs.lastError();
      const next = deps.nextPoll();
      const budgetShare = deps.monthlyReadBudget > 0 ? month.tweetsRead / deps.monthlyReadBudget : 0;
      const status = deps.status;
      const paused = status
        ? visible.flatMap((w) => {
            const why = status.watchStatus(w.id, ctx.now, lang);
            return why ? [{ label: `${w.spec.kind} ${w.spec.name}`, value: why }] : [];
          })
        : [];
      const skipped = status
        ? visible.flatMap((w) => {
            const line = status.skipsOf(w.id, ctx.now, lang);
            return line ? [{ label: `${w.spec.kind} ${w.spec.name}`, value: line }] : [];
          })
        : [];
      const dollars = status
        ? [
            {
              label: t(lang, { en: 'X cost today', ru: 'Стоимость X сегодня' }),
              value: formatUsd(status.today(ctx.now).cost),
              note: t(lang, {
                en: `${today.countsRequests} counts requests · ${today.reReads} re-reads (free) · allowance ${status.allowance(ctx.now)}`,
                ru: `запросов counts: ${today.countsRequests} · повторных чтений (бесплатно): ${today.reReads} · норма ${status.allowance(ctx.now)}`,
              }),
            },
            {
              label: t(lang, { en: 'X cost this month', ru: 'Стоимость X за месяц' }),
              value: formatUsd(status.month(ctx.now).cost),
              note: t(lang, {
                en: `by month end ≈ ${formatUsd(status.projectedMonthCost(ctx.now))} · ${month.reReads} re-reads`,
                ru: `к концу месяца ≈ ${formatUsd(status.projectedMonthCost(ctx.now))} · повторных чтений: ${month.reReads}`,
              }),
            },
          ]
        : [];
      return {
        title: t(lang, { en: 'Kestrel statistics', ru: 'Статистика Kestrel' }),
        blocks: [
          {
            type: 'figures',
            figures: [
              {
                label: t(lang, { en: 'Tweets stored', ru: 'Твитов в базе' }),
                value: formatNumber(lang, s.tweets),
              },
              { label: t(lang, { en: 'Authors', ru: 'Авторов' }), value: formatNumber(lang, s.authors) },
              {
                label: t(lang, { en: 'X reads today (UTC)', ru: 'Прочитано в X сегодня (UTC)' }),
                value: formatNumber(lang, today.tweetsRead),
                note: t(lang, { en: `${today.requests} requests`, ru: `запросов: ${today.requests}` }),
              },
              {
                label: t(lang, { en: 'X reads this month', ru: 'Прочитано за месяц' }),
                value: `${formatNumber(lang, month.tweetsRead)} / ${formatNumber(lang, deps.monthlyReadBudget)}`,
                note: `${formatNumber(lang, budgetShare * 100, 1)}%`,
              },
              ...dollars,
              {
                label: t(lang, { en: 'Last poll', ru: 'Последний опрос' }),
                value: last
                  ? `${when(last.startedAt)} · ${last.status}`
                  : t(lang, { en: 'never', ru: 'не было' }),
              },
              {
                label: t(lang, { en: 'Next poll', ru: 'Следующий опрос' }),
                value: next
                  ? when(next.getTime())
                  : deps.demo
                    ? t(lang, { en: 'demo mode: no X token', ru: 'демо-режим: нет токена X' })
                    : t(lang, { en: 'not scheduled', ru: 'не запланирован' }),
              },
            ],
          },
          {
            type: 'figures',
            heading: t(lang, { en: 'Matches per watch', ru: 'Совпадений по наблюдениям' }),
            figures: visible.map((w) => ({
              label: `${w.spec.kind} ${w.spec.name}`,
              value: formatNumber(lang, counts.get(w.id) ?? 0),
            })),
          },
          ...(paused.length > 0
            ? [
                {
                  type: 'figures' as const,
                  heading: t(lang, { en: 'Not read now', ru: 'Сейчас не читаются' }),
                  figures: paused,
                },
              ]
            : []),
          ...(skipped.length > 0
            ? [
                {
                  type: 'figures' as const,
                  heading: t(lang, {
                    en: 'Skipped over the budget (last 7 days)',
                    ru: 'Пропущено сверх бюджета (за 7 дней)',
                  }),
                  figures: skipped,
                },
              ]
            : []),
          ...inactiveBlock(ctx.lang, deps.inactiveChats?.() ?? [], when, ctx.chat.id),
          ...(lastError
            ? [
                {
                  type: 'text' as const,
                  heading: t(lang, { en: 'Last error', ru: 'Последняя ошибка' }),
                  text: `${when(lastError.startedAt)}: ${lastError.message ?? ''}`,
                },
              ]
            : []),
        ],
      };
    },
  };
}

/**
 * Inactive chats and why, newest first (at most ten named), so a silent chat is explained. Their names and ids
 * are the operator's to see: only the console names them; a team chat sees how many there are.
 */
function inactiveBlock(
  lang: Lang,
  all: readonly InactiveChat[],
  when: (at: number) => string,
  askingChat: string,
): ReplyBlock[] {
  if (all.length === 0) return [];
  const chats = askingChat.startsWith('console:') ? all : [];
  const figures = chats.slice(0, INACTIVE_SHOWN).map((chat) => ({
    label: chat.title ? `${chat.title} (${chat.id})` : chat.id,
    value: chat.reason ?? t(lang, { en: 'unknown reason', ru: 'причина неизвестна' }),
    ...(chat.since === null ? {} : { note: when(chat.since) }),
  }));
  const more = chats.length - figures.length;
  const heading = t(lang, {
    en: `Inactive chats: ${all.length} (nothing is sent there until the bot is back)`,
    ru: `Неактивные чаты: ${all.length} (туда ничего не отправляется, пока бот не вернётся)`,
  });
  if (figures.length === 0) {
    const where = t(lang, {
      en: 'Which ones is shown to the operator only, in the console (/stats).',
      ru: 'Какие именно, видит только оператор, в консоли (/stats).',
    });
    return [{ type: 'text', heading, text: where }];
  }
  return [
    { type: 'figures', heading, figures },
    ...(more > 0
      ? [{ type: 'text' as const, text: t(lang, { en: `…and ${more} more`, ru: `…и ещё ${more}` }) }]
      : []),
  ];
}
