import { formatNumber, type Lang, t } from '../chat/i18n.js';
import type { Reply, ReplyBlock } from '../chat/reply.js';
import { tweetItem } from '../digest/format.js';
import type { SpikeVerdict } from '../digest/spike.js';
import type { DigestTweet } from '../store/digest-queries.js';

/** What a spike alert tells a chat. */
export interface SpikeAlertContent {
  brand: string;
  /** The judged 60 minutes. */
  window: { from: number; to: number };
  verdict: SpikeVerdict;
  /** Past days the baseline was taken over. */
  days: number;
  /** The most engaging mentions of the window, best first. */
  top: readonly DigestTweet[];
  lang: Lang;
  timezone: string;
}

/**
 * A spike alert in the chat's language: the mentions of the last hour against the usual count at that
 * time of day, and the posts driving it.
 */
export function spikeReply(content: SpikeAlertContent): Reply {
  const { brand, window, verdict, days, top, lang, timezone } = content;
  const clock = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const span = `${clock.format(window.from)}–${clock.format(window.to)} (${timezone})`;
  const usual = formatNumber(lang, verdict.mean, verdict.mean < 10 ? 1 : 0);
  const sd = formatNumber(lang, verdict.sd, verdict.sd < 10 ? 1 : 0);
  const times = verdict.mean >= 1 ? ` (×${formatNumber(lang, verdict.count / verdict.mean, 1)})` : '';
  const blocks: ReplyBlock[] = [
    {
      type: 'text',
      text: t(lang, {
        en: `${brand} is mentioned far more than usual: ${verdict.count} posts in the last hour${times}.`,
        ru: `${brand} упоминают намного чаще обычного: ${verdict.count} за последний час${times}.`,
      }),
    },
    {
      type: 'figures',
      figures: [
        {
          label: t(lang, { en: 'Mentions', ru: 'Упоминаний' }),
          value: formatNumber(lang, verdict.count),
          note: span,
        },
        {
          label: t(lang, { en: 'Usually', ru: 'Обычно' }),
          value: `${usual} ± ${sd}`,
          note: t(lang, {
            en: `at this time of day over the past ${days} days`,
            ru: `в это время суток за последние ${days} дн.`,
          }),
        },
        {
          label: t(lang, { en: 'Alert threshold', ru: 'Порог тревоги' }),
          value: formatNumber(lang, Math.ceil(verdict.threshold)),
        },
      ],
    },
  ];
  if (top.length > 0) {
    blocks.push({
      type: 'items',
      heading: t(lang, { en: 'Driving the spike', ru: 'Что разгоняет всплеск' }),
      items: top.map((tweet) => tweetItem(tweet)),
    });
  }
  const arg = /\s/u.test(brand) ? `"${brand}"` : brand;
  return {
    title: `${t(lang, { en: '⚠ Spike', ru: '⚠ Всплеск' })}: ${brand}`,
    blocks,
    footer: t(lang, { en: `More: /mentions ${arg} 24h`, ru: `Подробнее: /mentions ${arg} 24h` }),
  };
}
