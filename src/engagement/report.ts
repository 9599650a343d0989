import { renderErChart } from '../charts/er-chart.js';
import { formatNumber, formatPercent, type Lang, t } from '../chat/i18n.js';
import type { Figure, Reply, ReplyBlock, ReplyItem } from '../chat/reply.js';
import type { StoredAccount } from '../store/engagement-queries.js';
import { timezoneOr } from '../time/timezone.js';
import type { EngagementSummary, RatedTweet, RateStats } from './rate.js';
import { type ErRating, type ErThresholds, rateEr, TYPICAL_BRAND_ER_CEILING } from './rating.js';

/** Everything the `/engagement` answer is made of. */
export interface EngagementReportInput {
  lang: Lang;
  timezone: string;
  account: StoredAccount;
  days: number;
  from: number;
  to: number;
  current: EngagementSummary;
  previous: EngagementSummary;
  thresholds: ErThresholds;
  /** Set when the tweets were just read from X for this answer. */
  fetched?: { tweetsRead: number; tweetsNew: number } | null;
}

/** An ER as a percentage with two decimals: 0.0412 → "4.12%" (en), "4,12%" (ru). */
export function formatEr(lang: Lang, ratio: number): string {
  return formatPercent(lang, ratio, 2);
}

/** A change of ER in percentage points: 0.0035 → "+0.35 pp" (en), "+0,35 п.п." (ru). */
export function formatDeltaPp(lang: Lang, delta: number): string {
  const pp = Math.round(delta * 10_000) / 100;
  const sign = pp > 0 ? '+' : pp < 0 ? '−' : '±';
  return `${sign}${formatNumber(lang, Math.abs(pp), 2)} ${t(lang, { en: 'pp', ru: 'п.п.' })}`;
}

/** The name of a rating in the chat's language. */
export function ratingName(lang: Lang, rating: ErRating): string {
  return t(lang, RATING_NAMES[rating]);
}

const RATING_NAMES = {
  excellent: { en: 'excellent', ru: 'отлично' },
  good: { en: 'good', ru: 'хорошо' },
  fair: { en: 'fair', ru: 'средне' },
  inert: { en: 'low: an inert audience', ru: 'низко: «мёртвые души»' },
} as const;

const RATING_SENTENCES = {
  excellent: { en: 'Excellent: the audience is highly engaged.', ru: 'Отлично: аудитория живо откликается.' },
  good: { en: 'Good: a healthy, engaged audience.', ru: 'Хорошо: живая, вовлечённая аудитория.' },
  fair: {
    en: 'Fair: the audience reacts, but without much energy.',
    ru: 'Средне: аудитория откликается, но вяло.',
  },
  inert: {
    en: 'Low: the followers are turning into an inert number: they follow, but no longer react.',
    ru: 'Низко: подписчики превращаются в «мёртвые души» — числятся, но не откликаются.',
  },
} as const;

/** The `/engagement` reply: figures, rating with context, best and worst tweets, the chart. */
export function engagementReply(input: EngagementReportInput): Reply {
  const { lang, account, current, thresholds: th } = input;
  const handle = `@${account.username}`;
  const period = t(lang, { en: `last ${input.days} days`, ru: `за ${input.days} дней` });
  const title = t(lang, {
    en: `Engagement of ${handle}, ${period}`,
    ru: `Вовлечённость ${handle} ${period}`,
  });
  const byF = current.byFollowers;
  const rating = byF ? rateEr(byF.median, th) : null;
  const blocks: ReplyBlock[] = [{ type: 'figures', figures: figuresOf(input, rating) }];

  const scale = t(lang, {
    en: `Our users' practice: ≥ ${formatPercent(lang, th.excellent, 1)} excellent, ≥ ${formatPercent(lang, th.good, 1)} good, ≥ ${formatPercent(lang, th.fair, 1)} fair, below that the audience goes inert. For comparison, a typical brand account on X gets well under ${formatPercent(lang, TYPICAL_BRAND_ER_CEILING, 1)} by followers.`,
    ru: `По практике наших пользователей: от ${formatPercent(lang, th.excellent, 1)} — отлично, от ${formatPercent(lang, th.good, 1)} — хорошо, от ${formatPercent(lang, th.fair, 1)} — средне, ниже — аудитория мертвеет. Для сравнения: у типичного аккаунта бренда в X ER по подписчикам заметно ниже ${formatPercent(lang, TYPICAL_BRAND_ER_CEILING, 1)}.`,
  });
  blocks.push({
    type: 'text',
    heading: t(lang, { en: 'What it means', ru: 'Что это значит' }),
    text: rating
      ? `${t(lang, RATING_SENTENCES[rating])} ${scale}`
      : `${t(lang, { en: 'The follower count of this account is unknown, so there is no rating.', ru: 'Число подписчиков аккаунта неизвестно, поэтому оценки нет.' })} ${scale}`,
  });

  if (current.best && current.worst) {
    const single = current.best.id === current.worst.id;
    blocks.push({
      type: 'items',
      heading:
        (byF?.count ?? 0) === 1
          ? t(lang, { en: 'The only tweet', ru: 'Единственный твит' })
          : t(lang, { en: 'Best tweet', ru: 'Лучший твит' }),
      items: [itemOf(input, current.best)],
    });
    if (!single) {
      blocks.push({
        type: 'items',
        heading: t(lang, { en: 'Worst tweet', ru: 'Худший твит' }),
        items: [itemOf(input, current.worst)],
      });
    }
  }

  const points = current.tweets.flatMap((tw) =>
    tw.erByFollowers === null ? [] : [{ at: tw.createdAt, er: tw.erByFollowers }],
  );
  if (points.length > 0) {
    const chartTitle = t(lang, { en: `ER per tweet: ${handle}`, ru: `ER по твитам: ${handle}` });
    const { svg, png } = renderErChart({
      title: t(lang, { en: `${chartTitle}, ${period}`, ru: `${chartTitle} ${period}` }),
      points,
      from: input.from,
      to: input.to,
      thresholds: th,
      median: byF?.median ?? null,
      timezone: input.timezone,
      lang,
    });
    const alt = t(lang, {
      en: `ER by followers of ${points.length} original tweets of ${handle}, ${period}: from ${formatEr(lang, Math.min(...points.map((p) => p.er)))} to ${formatEr(lang, Math.max(...points.map((p) => p.er)))}, median ${formatEr(lang, byF?.median ?? 0)}; dashed lines at ${formatPercent(lang, th.fair, 1)}, ${formatPercent(lang, th.good, 1)} and ${formatPercent(lang, th.excellent, 1)}.`,
      ru: `ER по подписчикам для ${points.length} оригинальных твитов ${handle} ${period}: от ${formatEr(lang, Math.min(...points.map((p) => p.er)))} до ${formatEr(lang, Math.max(...points.map((p) => p.er)))}, медиана ${formatEr(lang, byF?.median ?? 0)}; пунктир — пороги ${formatPercent(lang, th.fair, 1)}, ${formatPercent(lang, th.good, 1)} и ${formatPercent(lang, th.excellent, 1)}.`,
    });
    blocks.push({
      type: 'chart',
      chart: {
        title: chartTitle,
        alt,
        png,
        svg,
        filename: `engagement-${account.username}-${input.days}d.png`,
      },
    });
  }

  const footer = [
    t(lang, {
      en: 'Engagements = likes + retweets + replies + quotes; replies and retweets by the account are not counted.',
      ru: 'Вовлечения = лайки + ретвиты + ответы + цитаты; ответы и ретвиты самого аккаунта не учитываются.',
    }),
  ];
  if (input.fetched) {
    footer.push(
      t(lang, {
        en: `Just read ${formatNumber(lang, input.fetched.tweetsRead)} tweets from X for this (${formatNumber(lang, input.fetched.tweetsNew)} new); they count against the monthly read budget.`,
        ru: `Для ответа прочитано из X твитов: ${formatNumber(lang, input.fetched.tweetsRead)} (новых: ${formatNumber(lang, input.fetched.tweetsNew)}); они учтены в месячном лимите чтения.`,
      }),
    );
  }
  return { title, blocks, footer: footer.join('\n'), tone: 'normal' };
}

function figuresOf(input: EngagementReportInput, rating: ErRating | null): Figure[] {
  const { lang, current, previous } = input;
  const n = current.tweets.length;
  const dash = '—';
  const byF = current.byFollowers;
  const byI = current.byImpressions;
  const followersNote = t(lang, {
    en: 'engagements ÷ followers when the tweet was fetched',
    ru: 'вовлечения ÷ подписчики на момент загрузки твита',
  });
  const impressionsNote = byI
    ? t(lang, {
        en: `engagements ÷ impressions; ${byI.count} of ${n} tweets have impressions`,
        ru: `вовлечения ÷ показы; показы есть у ${byI.count} из ${n} твитов`,
      })
    : t(lang, { en: 'X reported no impressions for these tweets', ru: 'X не сообщил показы этих твитов' });
  const stat = (s: RateStats | null, key: 'median' | 'mean') => (s ? formatEr(lang, s[key]) : dash);
  const prev = previous.byFollowers;
  const trend: Figure =
    byF && prev
      ? {
          label: t(lang, { en: 'Trend (median by followers)', ru: 'Динамика (медиана по подписчикам)' }),
          value: formatDeltaPp(lang, byF.median - prev.median),
          note: t(lang, {
            en: `${formatEr(lang, prev.median)} in the previous ${input.days} days (${prev.count} tweets)`,
            ru: `${formatEr(lang, prev.median)} в предыдущие ${input.days} дней (твитов: ${prev.count})`,
          }),
        }
      : {
          label: t(lang, { en: 'Trend (median by followers)', ru: 'Динамика (медиана по подписчикам)' }),
          value: dash,
          note: t(lang, {
            en: `no original tweets in the previous ${input.days} days to compare with`,
            ru: `в предыдущие ${input.days} дней оригинальных твитов нет — сравнить не с чем`,
          }),
        };
  return [
    {
      label: t(lang, { en: 'Original tweets', ru: 'Оригинальных твитов' }),
      value: formatNumber(lang, n),
      note: t(lang, {
        en: `followers now: ${formatNumber(lang, input.account.followers)}`,
        ru: `подписчиков сейчас: ${formatNumber(lang, input.account.followers)}`,
      }),
    },
    {
      label: t(lang, { en: 'Median ER by followers', ru: 'Медиана ER по подписчикам' }),
      value: stat(byF, 'median'),
      note: followersNote,
    },
    {
      label: t(lang, { en: 'Mean ER by followers', ru: 'Среднее ER по подписчикам' }),
      value: stat(byF, 'mean'),
      note: followersNote,
    },
    {
      label: t(lang, { en: 'Median ER by impressions', ru: 'Медиана ER по показам' }),
      value: stat(byI, 'median'),
      note: impressionsNote,
    },
    {
      label: t(lang, { en: 'Mean ER by impressions', ru: 'Среднее ER по показам' }),
      value: stat(byI, 'mean'),
      note: impressionsNote,
    },
    trend,
    {
      label: t(lang, { en: 'Rating', ru: 'Оценка' }),
      value: rating ? ratingName(lang, rating) : dash,
      note: t(lang, { en: 'by the median ER by followers', ru: 'по медиане ER по подписчикам' }),
    },
  ];
}

function itemOf(input: EngagementReportInput, tweet: RatedTweet): ReplyItem {
  const { lang } = input;
  const when = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: timezoneOr(input.timezone),
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(tweet.createdAt);
  const metrics = [
    `ER ${formatEr(lang, tweet.erByFollowers ?? 0)}`,
    `♥ ${formatNumber(lang, tweet.likes)}`,
    `↻ ${formatNumber(lang, tweet.retweets)}`,
    `💬 ${formatNumber(lang, tweet.replies)}`,
    `❝ ${formatNumber(lang, tweet.quotes)}`,
  ];
  if (tweet.erByImpressions !== null) {
    metrics.push(
      t(lang, { en: 'by impressions ', ru: 'по показам ' }) + formatEr(lang, tweet.erByImpressions),
    );
  }
  return {
    author: `@${input.account.username}`,
    text: snippet(tweet.text),
    link: `https://x.com/${input.account.username}/status/${tweet.id}`,
    metrics,
    note: `${when} · ${t(lang, { en: 'followers then', ru: 'подписчиков тогда' })}: ${formatNumber(lang, tweet.followers)}`,
  };
}

/** The first 140 characters of a tweet on one line. */
export function snippet(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
