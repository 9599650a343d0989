import type { Lang } from '../../chat/i18n.js';
import { formatNumber, t } from '../../chat/i18n.js';
import type { Figure, ReplyBlock } from '../../chat/reply.js';
import type { DigestQueries } from '../../store/digest-queries.js';
import { tweetItem } from '../format.js';
import { DEFAULT_SPIKE_RULE, hoursNeeded, judgeHour, type SpikeRule } from '../spike.js';

const HOUR = 3_600_000;

/**
 * Brand pulse: per brand, mentions in the window against the same length before it, the sentiment
 * split, a spike marker when any hour of the window stood out from its baseline, and the top mention.
 */
export function brandPulseSection(
  brands: readonly string[],
  queries: DigestQueries,
  window: { from: number; to: number },
  lang: Lang,
  _timezone: string,
  rule: SpikeRule = DEFAULT_SPIKE_RULE,
): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  const length = window.to - window.from;
  for (const brand of brands) {
    const now = queries.brandVolume(brand, window.from, window.to);
    const before = queries.brandVolume(brand, window.from - length, window.from);
    if (now.count === 0 && before.count === 0) continue;
    const hours = Math.max(1, Math.round(length / HOUR));
    const series = queries.hourlyBrandCounts(brand, window.to, hoursNeeded(rule) + hours - 1);
    let spikeHour: number | null = null;
    for (let h = 0; h < hours; h++) {
      const end = series.length - (hours - 1 - h);
      const verdict = judgeHour(series.slice(0, end), rule);
      if (verdict.spike && (spikeHour === null || verdict.count > (series[spikeHour] ?? 0)))
        spikeHour = end - 1;
    }
    const delta = before.count > 0 ? (now.count - before.count) / before.count : null;
    const figures: Figure[] = [
      {
        label: t(lang, { en: 'Mentions', ru: 'Упоминаний' }),
        value: formatNumber(lang, now.count),
        note:
          delta === null
            ? t(lang, { en: 'none the day before', ru: 'накануне не было' })
            : `${delta >= 0 ? '+' : ''}${formatNumber(lang, delta * 100)}% ${t(lang, { en: 'vs the day before', ru: 'к предыдущим суткам' })}`,
      },
      {
        label: t(lang, { en: 'Sentiment', ru: 'Тональность' }),
        value: `+${now.positive} / −${now.negative} / ${now.neutral}`,
        note: t(lang, { en: 'positive / negative / neutral', ru: 'позитив / негатив / нейтрально' }),
      },
    ];
    if (spikeHour !== null) {
      const at = window.to - (series.length - 1 - spikeHour) * HOUR - HOUR;
      const time = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(at);
      figures.push({
        label: t(lang, { en: '⚠ Spike', ru: '⚠ Всплеск' }),
        value: formatNumber(lang, series[spikeHour] ?? 0),
        note: t(lang, { en: `mentions in the hour from ${time}`, ru: `упоминаний за час с ${time}` }),
      });
    }
    blocks.push({
      type: 'figures',
      heading: `${t(lang, { en: 'Brand pulse', ru: 'Пульс бренда' })}: ${brand}`,
      figures,
    });
    const [top] = queries.topBrandMentions(brand, window.from, window.to, 1);
    if (top)
      blocks.push({
        type: 'items',
        items: [
          tweetItem(top, {
            note: t(lang, { en: 'top mention', ru: 'главное упоминание' }),
            feedback: { tweetSeq: top.seq, brand },
          }),
        ],
      });
  }
  return blocks;
}
