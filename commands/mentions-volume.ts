/** The "on all of X" part of `/mentions`: X's own count of the query beside what Kestrel stored. */
import { formatNumber, type Lang, t } from '../src/chat/i18n.js';
import type { ReplyBlock } from '../src/chat/reply.js';
import type { XVolumeResult } from '../src/monitor/x-volume.js';

/** The block of X-wide figures, or of why there are none. */
export function volumeBlock(lang: Lang, zone: string, volume: XVolumeResult): ReplyBlock {
  if (!volume.ok) {
    const why =
      volume.reason === 'too_long'
        ? t(lang, { en: 'the query is too long for one X query', ru: 'запрос длиннее одного запроса X' })
        : volume.message;
    return {
      type: 'text',
      heading: t(lang, { en: 'On all of X', ru: 'Во всём X' }),
      text: t(lang, { en: `Not counted: ${why}.`, ru: `Не посчитано: ${why}.` }),
    };
  }
  const hourly = volume.granularity === 'hour';
  const span = hourly
    ? t(lang, { en: 'last 24 hours', ru: 'последние 24 часа' })
    : t(lang, { en: 'last 7 days', ru: 'последние 7 дней' });
  const heading =
    volume.from === 'x'
      ? t(lang, { en: `On all of X · ${span}`, ru: `Во всём X · ${span}` })
      : t(lang, {
          en: `On all of X · ${span} (demo: counted in the demo corpus, not X)`,
          ru: `Во всём X · ${span} (демо: посчитано по демо-корпусу, не по X)`,
        });
  const format = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: zone,
    ...(hourly ? { hour: '2-digit', hourCycle: 'h23' as const } : { day: 'numeric', month: 'short' }),
  });
  const per = volume.buckets
    .filter((_, i) => !hourly || i % 3 === 0)
    .map((b) => `${format.format(b.start)}${hourly ? ':00' : ''} ${formatNumber(lang, b.count)}`)
    .join(', ');
  const days = Math.max(1, volume.buckets.length);
  return {
    type: 'figures',
    heading,
    figures: [
      {
        label: t(lang, { en: 'Posts', ru: 'Постов' }),
        value: formatNumber(lang, volume.total),
        note: hourly
          ? per
          : t(lang, {
              en: `~${formatNumber(lang, Math.round(volume.total / days))} a day: ${per}`,
              ru: `~${formatNumber(lang, Math.round(volume.total / days))} в день: ${per}`,
            }),
      },
    ],
  };
}
