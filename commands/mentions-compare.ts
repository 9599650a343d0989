/** The reply of `/mentions a vs b vs c`: share of voice, one chart with a line per query, sentiment side by side. */
import { compareChart } from '../src/charts/compare-chart.js';
import type { CommandContext } from '../src/chat/context.js';
import { countOf, formatNumber, formatPercent, type Lang, t } from '../src/chat/i18n.js';
import type { Figure, Reply, ReplyBlock } from '../src/chat/reply.js';
import type { MentionSummary } from '../src/store/mention-queries.js';
import type { Period } from './args/period.js';
import { bucketLabels, deltaPercent } from './mentions-reply.js';

export interface CompareInput {
  ctx: CommandContext;
  period: Period;
  edges: readonly number[];
  /** Each query as the reply names it, with its summary. */
  entries: readonly { name: string; summary: MentionSummary }[];
  renderChart: boolean;
}

export function compareReply(input: CompareInput): Reply {
  const { ctx, period, entries } = input;
  const lang = ctx.lang;
  const title = t(lang, {
    en: `Mentions compared · ${period.label.en}`,
    ru: `Сравнение упоминаний · ${period.label.ru}`,
  });
  const total = entries.reduce((n, e) => n + e.summary.count, 0);
  const footer = t(lang, {
    en: `A brand is counted from the mentions Kestrel found; anything else is a full-text search of stored tweets. A tweet that matches two queries counts for both. Times in ${ctx.timezone}.`,
    ru: `Бренд посчитан по найденным Kestrel упоминаниям, остальное — полнотекстовый поиск по сохранённым твитам. Твит, подходящий под два запроса, считается в обоих. Время — ${ctx.timezone}.`,
  });
  if (total === 0) {
    const text = t(lang, {
      en: `None of these was mentioned in the last ${period.label.en}.`,
      ru: `За последние ${period.label.ru} ничего из этого не упоминали.`,
    });
    return { title, blocks: [{ type: 'text', text }], footer, tone: 'normal' };
  }
  const blocks: ReplyBlock[] = [
    {
      type: 'figures',
      heading: t(lang, { en: 'Share of voice', ru: 'Доля упоминаний' }),
      figures: entries.map(({ name, summary: s }) => ({
        label: name,
        value: formatPercent(lang, s.count / total, 0),
        note: `${countOf(lang, s.count, ['mention', 'mentions'], ['упоминание', 'упоминания', 'упоминаний'])}${change(lang, s, period)}`,
      })),
    },
  ];
  if (input.renderChart) blocks.push(chartBlock(input));
  blocks.push({
    type: 'figures',
    heading: t(lang, { en: 'Sentiment', ru: 'Тональность' }),
    figures: entries.map(({ name, summary }) => sentimentFigure(lang, name, summary)),
  });
  return { title, blocks, footer, tone: 'normal' };
}

function change(lang: Lang, s: MentionSummary, period: Period): string {
  const delta = deltaPercent(lang, s.count, s.previousCount);
  return delta === null ? '' : `, ${delta} ${t(lang, period.versusPrevious)}`;
}

function sentimentFigure(lang: Lang, name: string, s: MentionSummary): Figure {
  const n = Math.max(1, s.count);
  const pct = (k: number) => formatPercent(lang, k / n, 0);
  return {
    label: name,
    value: t(lang, {
      en: `${pct(s.sentiment.positive)} positive · ${pct(s.sentiment.neutral)} neutral · ${pct(s.sentiment.negative)} negative`,
      ru: `${pct(s.sentiment.positive)} позитив · ${pct(s.sentiment.neutral)} нейтрально · ${pct(s.sentiment.negative)} негатив`,
    }),
    ...(s.sentiment.unknown > 0
      ? {
          note: t(lang, {
            en: `${pct(s.sentiment.unknown)} not rated`,
            ru: `${pct(s.sentiment.unknown)} без оценки`,
          }),
        }
      : {}),
  };
}

function chartBlock(input: CompareInput): ReplyBlock {
  const { ctx, period, entries } = input;
  const lang = ctx.lang;
  const labels = bucketLabels(lang, ctx.timezone, input.edges, period.bucket);
  const title = t(lang, {
    en: `Mentions per ${period.bucket}, ${period.label.en}`,
    ru: `Упоминания по ${period.bucket === 'day' ? 'дням' : 'часам'}, ${period.label.ru}`,
  });
  const alt = entries
    .map(
      ({ name, summary }) =>
        `${name}: ${labels.map((l, i) => `${l} ${formatNumber(lang, summary.buckets[i] ?? 0)}`).join(', ')}`,
    )
    .join('; ');
  return {
    type: 'chart',
    chart: compareChart({
      title,
      labels,
      series: entries.map((e) => ({ name: e.name, counts: e.summary.buckets })),
      lang,
      alt,
      filename: `mentions-compare-${period.key}.png`,
    }),
  };
}
