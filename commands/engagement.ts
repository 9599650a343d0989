import type { Command } from '../src/chat/command.js';
import type { CommandContext } from '../src/chat/context.js';
import { formatNumber, t } from '../src/chat/i18n.js';
import { usageLine } from '../src/chat/registry.js';
import { type Reply, textReply } from '../src/chat/reply.js';
import { type AccountFetchDeps, fetchAccount } from '../src/engagement/fetch-account.js';
import { summarize } from '../src/engagement/rate.js';
import { checkThresholds, DEFAULT_THRESHOLDS, type ErThresholds } from '../src/engagement/rating.js';
import { engagementReply } from '../src/engagement/report.js';
import { KestrelError } from '../src/errors.js';
import type { Ingestor } from '../src/pipeline/ingest.js';
import type { EngagementQueries } from '../src/store/engagement-queries.js';
import type { UsageStore } from '../src/store/usage-store.js';
import type { Watch } from '../src/watch/types.js';
import type { TweetSource } from '../src/x/source.js';
import {
  DEFAULT_ENGAGEMENT_DAYS,
  type EngagementDays,
  isPeriodLike,
  parseEngagementPeriod,
} from './args/engagement-period.js';

/** What `/engagement` reads and, with a token, fetches. */
export interface EngagementDeps {
  queries: EngagementQueries;
  /** Active watches: brand watches map a brand to its @handle; expert watches are suggested in demo mode. */
  watches: () => readonly Watch[];
  /** The X API, or null in demo mode (no X_BEARER_TOKEN). */
  source: TweetSource | null;
  ingestor: Ingestor;
  usage: UsageStore;
  /** Runs `fn` in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  /** Config `x.monthlyReadBudget`. */
  monthlyReadBudget: number;
  /** ER-by-followers thresholds of the rating; default 5% / 3% / 1.5%. */
  thresholds?: ErThresholds;
  /** Most timeline pages one fetch of an unknown account reads (default 5). */
  maxFetchPages?: number;
}

const DAY_MS = 86_400_000;
const USERNAME = /^[A-Za-z0-9_]{1,15}$/;
/** Source failures answered with an error reply rather than "something went wrong". */
const UPSTREAM = new Set(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_MALFORMED', 'UPSTREAM_REJECTED']);

/**
 * `/engagement <@handle | brand> [7d | 30d | 90d]`: engagement rate of an account's original tweets, by
 * followers and by impressions, with best and worst tweets, the trend, a rating and a chart. Accounts not
 * in the store are read from X within the monthly read budget.
 */
export function createEngagementCommand(deps: EngagementDeps): Command {
  const thresholds = checkThresholds(deps.thresholds ?? DEFAULT_THRESHOLDS);
  const command: Command = {
    name: 'engagement',
    aliases: ['er', 'вовлечённость', 'вовлеченность'],
    summary: {
      en: 'engagement rate of an account or brand on X',
      ru: 'вовлечённость (ER) аккаунта или бренда в X',
    },
    usage: {
      en: '<@handle | brand> [7d | 30d | 90d] (30d by default)',
      ru: '<@аккаунт | бренд> [7d | 30d | 90d] (по умолчанию 30d)',
    },
    examples: ['/engagement @kate_backend', '/engagement @dan_a_demo 7d', '/engagement Yandex 90d'],
    async run(ctx, args): Promise<Reply> {
      const { target, days } = parseArgs(args, ctx);
      const username = target.startsWith('@') ? handleOf(target, ctx) : brandHandle(target, ctx);
      const to = ctx.now;
      const from = to - days * DAY_MS;
      const previousFrom = from - days * DAY_MS;

      let account = deps.queries.accountByUsername(username);
      let tweets = account ? deps.queries.originalTweets(account.id, from, to) : [];
      let fetched: { tweetsRead: number; tweetsNew: number } | null = null;
      if (!account || tweets.length === 0) {
        if (!deps.source) return demoReply(username, account !== null, days, ctx);
        const fetchDeps: AccountFetchDeps = {
          source: deps.source,
          ingestor: deps.ingestor,
          usage: deps.usage,
          transaction: deps.transaction,
          watches: deps.watches,
          monthlyReadBudget: deps.monthlyReadBudget,
          ...(deps.maxFetchPages ? { maxPages: deps.maxFetchPages } : {}),
        };
        let result: Awaited<ReturnType<typeof fetchAccount>>;
        try {
          result = await fetchAccount(fetchDeps, username, previousFrom, ctx.now);
        } catch (error) {
          if (error instanceof KestrelError && UPSTREAM.has(error.code)) return upstreamReply(error, ctx);
          throw error;
        }
        if (result.kind === 'not-found') {
          return refusal(
            ctx,
            t(ctx.lang, {
              en: `X has no account @${username}. Check the spelling of the handle.`,
              ru: `В X нет аккаунта @${username}. Проверьте написание.`,
            }),
          );
        }
        if (result.kind === 'over-budget') {
          const left = formatNumber(ctx.lang, result.remaining);
          const need = formatNumber(ctx.lang, result.needed);
          return refusal(
            ctx,
            t(ctx.lang, {
              en: `Reading @${username} from X could take up to ${need} tweets, but only ${left} of this month's read budget (${formatNumber(ctx.lang, deps.monthlyReadBudget)}) are left. Try an account Kestrel already stores, or wait for the next UTC month.`,
              ru: `Чтобы загрузить @${username} из X, может понадобиться до ${need} твитов, а в месячном лимите чтения (${formatNumber(ctx.lang, deps.monthlyReadBudget)}) осталось ${left}. Попробуйте аккаунт, который уже есть в базе, или дождитесь следующего месяца (UTC).`,
            }),
          );
        }
        fetched = { tweetsRead: result.tweetsRead, tweetsNew: result.tweetsNew };
        account = deps.queries.accountByUsername(username);
        tweets = account ? deps.queries.originalTweets(account.id, from, to) : [];
      }
      if (!account || tweets.length === 0) {
        return textReply(
          `/engagement @${account?.username ?? username}`,
          t(ctx.lang, {
            en: `@${account?.username ?? username} posted no original tweets in the last ${days} days (replies and retweets are not counted), so there is no engagement rate to show. Try a longer period: /engagement @${account?.username ?? username} 90d`,
            ru: `У @${account?.username ?? username} нет оригинальных твитов за ${days} дней (ответы и ретвиты не считаются), так что ER считать не из чего. Попробуйте период длиннее: /engagement @${account?.username ?? username} 90d`,
          }),
        );
      }
      const previous = deps.queries.originalTweets(account.id, previousFrom, from);
      return engagementReply({
        lang: ctx.lang,
        timezone: ctx.timezone,
        account,
        days,
        from,
        to,
        current: summarize(tweets),
        previous: summarize(previous),
        thresholds,
        fetched,
      });
    },
  };

  function refusal(ctx: CommandContext, text: string): Reply {
    return textReply('/engagement', `${text}\n${usageLine(command, ctx)}`, 'refusal');
  }

  /** `@handle` → handle, checked against X's username rules. */
  function handleOf(target: string, ctx: CommandContext): string {
    const handle = target.slice(1);
    if (!USERNAME.test(handle)) {
      throw new KestrelError(
        'INPUT_INVALID',
        t(ctx.lang, {
          en: `“${target}” is not an X handle: after @ come 1 to 15 Latin letters, digits or _.`,
          ru: `«${target}» — не имя аккаунта X: после @ идут от 1 до 15 латинских букв, цифр или _.`,
        }),
      );
    }
    return handle;
  }

  /** A watched brand's own account: the first `@handle` among its aliases. */
  function brandHandle(word: string, ctx: CommandContext): string {
    const key = word.toLowerCase();
    const brands = deps
      .watches()
      .filter((w) => w.chatId === '' || w.chatId === ctx.chat.id)
      .flatMap((w) => (w.spec.kind === 'brand' ? [w.spec] : []));
    const brand = brands.find(
      (b) => b.name.toLowerCase() === key || b.aliases.some((a) => a.replace(/^@/, '').toLowerCase() === key),
    );
    if (!brand) {
      const asHandle = USERNAME.test(word)
        ? t(ctx.lang, {
            en: ` For an account, write it with @: @${word}.`,
            ru: ` Для аккаунта пишите с @: @${word}.`,
          })
        : '';
      const known = brands.length > 0 ? brands.map((b) => b.name).join(', ') : '—';
      throw new KestrelError(
        'INPUT_INVALID',
        t(ctx.lang, {
          en: `No brand “${word}” is watched (brands: ${known}).${asHandle}`,
          ru: `Бренда «${word}» нет среди наблюдаемых (бренды: ${known}).${asHandle}`,
        }),
      );
    }
    const handle = brand.aliases.find((a) => a.startsWith('@') && USERNAME.test(a.slice(1)));
    if (!handle) {
      throw new KestrelError(
        'INPUT_INVALID',
        t(ctx.lang, {
          en: `The brand ${brand.name} has no @handle among its aliases, so I don't know its account. Name the account itself: /engagement @handle`,
          ru: `У бренда ${brand.name} среди алиасов нет @аккаунта, поэтому я не знаю его страницу в X. Укажите аккаунт сам: /engagement @аккаунт`,
        }),
      );
    }
    return handle.slice(1);
  }

  function demoReply(username: string, known: boolean, days: EngagementDays, ctx: CommandContext): Reply {
    const experts = deps
      .watches()
      .flatMap((w) => (w.spec.kind === 'expert' ? [`@${w.spec.handle.replace(/^@/, '')}`] : []));
    const suggestion =
      experts.length > 0
        ? t(ctx.lang, {
            en: ` Accounts with stored tweets to try: ${experts.join(', ')}.`,
            ru: ` Можно попробовать аккаунты из базы: ${experts.join(', ')}.`,
          })
        : '';
    const what = known
      ? t(ctx.lang, {
          en: `Kestrel stores no original tweets of @${username} from the last ${days} days.`,
          ru: `В базе Kestrel нет оригинальных твитов @${username} за ${days} дней.`,
        })
      : t(ctx.lang, {
          en: `@${username} is not in Kestrel's store yet.`,
          ru: `Аккаунта @${username} ещё нет в базе Kestrel.`,
        });
    const need = t(ctx.lang, {
      en: ' Reading it from X needs an X API token: set X_BEARER_TOKEN and restart (see README, "X credentials"); this is demo mode.',
      ru: ' Чтобы прочитать его из X, нужен токен X API: задайте X_BEARER_TOKEN и перезапустите Kestrel (см. README, раздел про учётные данные X); сейчас демо-режим.',
    });
    return refusal(ctx, what + need + suggestion);
  }

  return command;
}

/** Splits `<target> [period]`; a lone period or nothing at all is refused. */
function parseArgs(args: string, ctx: CommandContext): { target: string; days: EngagementDays } {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  // "90 дней", "7 days": a number and its unit written apart.
  const unit = tokens.at(-1);
  const number = tokens.at(-2);
  if (tokens.length > 2 && unit && number && /^\d+$/.test(number) && /^\p{L}+$/u.test(unit)) {
    tokens.splice(-2, 2, `${number}${unit}`);
  }
  const last = tokens.at(-1);
  let days = DEFAULT_ENGAGEMENT_DAYS;
  if (tokens.length > 1 && last !== undefined && isPeriodLike(last)) {
    days = parseEngagementPeriod(last, ctx.lang);
    tokens.pop();
  }
  const target = tokens.join(' ');
  if (target === '' || (tokens.length === 1 && isPeriodLike(target))) {
    throw new KestrelError(
      'INPUT_INVALID',
      t(ctx.lang, {
        en: 'Name an account (@handle) or a watched brand first.',
        ru: 'Сначала укажите аккаунт (@имя) или наблюдаемый бренд.',
      }),
    );
  }
  if (tokens.length > 1 && target.startsWith('@')) {
    throw new KestrelError(
      'INPUT_INVALID',
      t(ctx.lang, {
        en: `One account at a time, then the period: “${target}” is more than one.`,
        ru: `По одному аккаунту, затем период: «${target}» — это больше одного.`,
      }),
    );
  }
  return { target, days };
}

function upstreamReply(error: KestrelError, ctx: CommandContext): Reply {
  return textReply(
    '/engagement',
    t(ctx.lang, {
      en: `X did not answer as expected (${error.code}: ${error.message}). Nothing was stored; please try again later.`,
      ru: `X ответил не так, как ожидалось (${error.code}: ${error.message}). Ничего не сохранено; попробуйте позже.`,
    }),
    'error',
  );
}
