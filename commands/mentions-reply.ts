/** The reply of `/mentions`: figures, chart, top mentions, top authors, share of voice, in ru and en. */

import { mentionVolumeChart } from '../src/charts/mention-volume.js';
import type { CommandContext } from '../src/chat/context.js';
import { countOf, formatNumber, formatPercent, type Lang, t } from '../src/chat/i18n.js';
import type { Figure, Reply, ReplyBlock, ReplyItem } from '../src/chat/reply.js';
import { tweetLink } from '../src/digest/format.js';
import type { XVolumeResult } from '../src/monitor/x-volume.js';
import type { MentionSummary } from '../src/store/mention-queries.js';
import type { Period } from './args/period.js';
import type { BrandResolver, Target } from './args/target.js';
import { volumeBlock } from './mentions-volume.js';

/** The configured brands at the time of the command. */
export interface BrandSet {
  resolver: BrandResolver;
  names: string[];
  competitors: string[];
}

export interface MentionsReplyInput {
  ctx: CommandContext;
  target: Target;
  period: Period;
  edges: readonly number[];
  summary: MentionSummary;
  /** Tweets per brand for share of voice (the target first), or null when not a brand or no rivals. */
  share: Map<string, number> | null;
  /** Inflected forms also searched (full-text search of one Russian word). */
  forms: readonly string[];
  renderChart: boolean;
  /** X's own count of the query (config `x.countsForMentions`), or null when not asked. */
  volume?: XVolumeResult | null;
}

const SNIPPET = 160;

/** "Yandex", "@kate_backend" or "«code review»" — how the reply names what was asked for. */
export function displayOf(target: Target, lang: Lang): string {
  if (target.kind === 'brand') return target.brand;
  if (target.kind === 'handle') return `@${target.handle}`;
  const text = clip(target.kind === 'text' ? target.words.join(' ') : target.input.replace(/\s+/g, ' '), 60);
  return lang === 'ru' ? `«${text}»` : `"${text}"`;
}

/** Signed change in whole percent: "+12%", "−8%", or null when there was nothing before. */
export function deltaPercent(lang: Lang, count: number, previous: number): string | null {
  if (previous === 0) return null;
  const pct = Math.round(((count - previous) / previous) * 100);
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  return `${sign}${formatNumber(lang, Math.abs(pct))}%`;
}

export function mentionsReply(input: MentionsReplyInput): Reply {
  const { ctx, target, period, summary: s } = input;
  const lang = ctx.lang;
  const name = displayOf(target, lang);
  const title = t(lang, {
    en: `Mentions of ${name} · ${period.label.en}`,
    ru: `Упоминания ${name} · ${period.label.ru}`,
  });
  const footer = footerOf(input, name);
  if (s.count === 0) {
    const before =
      s.previousCount > 0
        ? t(lang, {
            en: ` ${period.previousLabel.en[0]?.toUpperCase()}${period.previousLabel.en.slice(1)} had ${s.previousCount}.`,
            ru: ` За ${period.previousLabel.ru} — ${s.previousCount}.`,
          })
        : '';
    const hint =
      period.key === '30d'
        ? ''
        : t(lang, {
            en: ` Try a longer period: /mentions ${target.input} 30d`,
            ru: ` Попробуйте период длиннее: /mentions ${target.input} 30d`,
          });
    const text =
      t(lang, {
        en: `No mentions of ${name} in the last ${period.label.en}.`,
        ru: `За последние ${period.label.ru} упоминаний ${name} нет.`,
      }) +
      before +
      hint;
    const blocks: ReplyBlock[] = [{ type: 'text', text }];
    if (input.volume) blocks.push(volumeBlock(lang, ctx.timezone, input.volume));
    return { title, blocks, footer, tone: 'normal' };
  }

  const blocks: ReplyBlock[] = [{ type: 'figures', figures: headline(input) }];
  if (input.volume) blocks.push(volumeBlock(lang, ctx.timezone, input.volume));
  if (input.renderChart) blocks.push(chartBlock(input, name));
  blocks.push({
    type: 'figures',
    heading: t(lang, { en: 'Sentiment', ru: 'Тональность' }),
    figures: sentimentFigures(lang, s),
  });
  if (s.top.length > 0) {
    blocks.push({
      type: 'items',
      heading: t(lang, { en: 'Top mentions by engagement', ru: 'Самые обсуждаемые упоминания' }),
      items: s.top.map(
        (m): ReplyItem => ({
          ...(m.username ? { author: m.name ? `${m.name} (@${m.username})` : `@${m.username}` } : {}),
          text: clip(m.text.replace(/\s+/g, ' ').trim(), SNIPPET),
          link: tweetLink({ username: m.username, id: m.tweetId }),
          metrics: [
            `♥ ${formatNumber(lang, m.likes)}`,
            `↻ ${formatNumber(lang, m.retweets)}`,
            `💬 ${formatNumber(lang, m.replies)}`,
          ],
          note: dateTime(lang, ctx.timezone, m.createdAt),
          feedback: {
            tweetSeq: m.seq,
            ...(input.target.kind === 'brand' ? { brand: input.target.brand } : {}),
          },
        }),
      ),
    });
  }
  if (s.authors.length > 0) {
    blocks.push({
      type: 'items',
      heading: t(lang, { en: 'Top authors by reach', ru: 'Авторы с самым большим охватом' }),
      items: s.authors.map(
        (a): ReplyItem => ({
          author: a.name ? `${a.name} (@${a.username})` : `@${a.username}`,
          text: countOf(
            lang,
            a.followers,
            ['follower', 'followers'],
            ['подписчик', 'подписчика', 'подписчиков'],
          ),
          note: countOf(
            lang,
            a.mentions,
            ['mention', 'mentions'],
            ['упоминание', 'упоминания', 'упоминаний'],
          ),
        }),
      ),
    });
  }
  const share = shareBlock(lang, input.share);
  if (share) blocks.push(share);
  return { title, blocks, footer, tone: 'normal' };
}

function headline(input: MentionsReplyInput): Figure[] {
  const { ctx, period, summary: s } = input;
  const lang = ctx.lang;
  const delta = deltaPercent(lang, s.count, s.previousCount);
  const note =
    delta === null
      ? t(lang, { en: `none in ${period.previousLabel.en}`, ru: `за ${period.previousLabel.ru} — ни одного` })
      : t(lang, {
          en: `${delta} ${period.versusPrevious.en} (${formatNumber(lang, s.previousCount)})`,
          ru: `${delta} ${period.versusPrevious.ru} (${formatNumber(lang, s.previousCount)})`,
        });
  const label = input.volume
    ? t(lang, { en: 'Mentions in tweets Kestrel stored', ru: 'Упоминаний в твитах, сохранённых Kestrel' })
    : t(lang, { en: 'Mentions', ru: 'Упоминаний' });
  return [{ label, value: formatNumber(lang, s.count), note }];
}

function sentimentFigures(lang: Lang, s: MentionSummary): Figure[] {
  const total = Math.max(1, s.count);
  const row = (label: string, n: number): Figure => ({
    label,
    value: formatNumber(lang, n),
    note: formatPercent(lang, n / total, 0),
  });
  const out = [
    row(t(lang, { en: 'Positive', ru: 'Позитивных' }), s.sentiment.positive),
    row(t(lang, { en: 'Neutral', ru: 'Нейтральных' }), s.sentiment.neutral),
    row(t(lang, { en: 'Negative', ru: 'Негативных' }), s.sentiment.negative),
  ];
  if (s.sentiment.unknown > 0)
    out.push(row(t(lang, { en: 'Not rated', ru: 'Без оценки' }), s.sentiment.unknown));
  return out;
}

function shareBlock(lang: Lang, share: Map<string, number> | null): ReplyBlock | null {
  if (!share) return null;
  const total = [...share.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return {
    type: 'figures',
    heading: t(lang, { en: 'Share of voice', ru: 'Доля упоминаний' }),
    figures: [...share].map(([brand, n]) => ({
      label: brand,
      value: formatPercent(lang, n / total, 0),
      note: countOf(lang, n, ['mention', 'mentions'], ['упоминание', 'упоминания', 'упоминаний']),
    })),
  };
}

/** Bucket labels in the chat's timezone: "20 Nov" / "20 нояб." for days, "14:00" for hours. */
export function bucketLabels(
  lang: Lang,
  zone: string,
  edges: readonly number[],
  unit: 'hour' | 'day',
): string[] {
  const format =
    unit === 'day'
      ? new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
          timeZone: zone,
          day: 'numeric',
          month: 'short',
        })
      : new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' });
  return edges.slice(0, -1).map((at) => (unit === 'day' ? format.format(at) : `${format.format(at)}:00`));
}

function chartBlock(input: MentionsReplyInput, name: string): ReplyBlock {
  const { ctx, period, summary: s } = input;
  const lang = ctx.lang;
  const labels = bucketLabels(lang, ctx.timezone, input.edges, period.bucket);
  // Short: every glyph costs render time.
  const title = t(lang, {
    en: `${name} · per ${period.bucket}, ${period.label.en}`,
    ru: `${name} · по ${period.bucket === 'day' ? 'дням' : 'часам'}, ${period.label.ru}`,
  });
  const pairs = labels.map((l, i) => `${l}: ${s.buckets[i] ?? 0}`).join(', ');
  const alt = t(lang, {
    en: `Mentions per ${period.bucket}: ${pairs}. Previous period in total: ${s.previousCount}.`,
    ru: `Упоминания по ${period.bucket === 'day' ? 'дням' : 'часам'}: ${pairs}. За предыдущий период всего: ${s.previousCount}.`,
  });
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'search';
  return {
    type: 'chart',
    chart: mentionVolumeChart({
      title,
      labels,
      current: s.buckets,
      previous: s.previousBuckets,
      lang,
      alt,
      filename: `mentions-${slug}-${period.key}.png`,
    }),
  };
}

function footerOf(input: MentionsReplyInput, name: string): string {
  const { ctx, target } = input;
  const lang = ctx.lang;
  const days = t(lang, { en: `Times in ${ctx.timezone}.`, ru: `Время — ${ctx.timezone}.` });
  if (target.kind === 'brand') {
    return `${t(lang, {
      en: 'Counted from the brand mentions Kestrel found in stored tweets (all spellings and word forms).',
      ru: 'Посчитано по упоминаниям бренда, найденным Kestrel в сохранённых твитах (все написания и формы слова).',
    })} ${days}`;
  }
  if (target.kind === 'query') {
    return `${t(lang, {
      en: 'A full-text search of the tweets Kestrel stored for its watches, so it may miss some.',
      ru: 'Полнотекстовый поиск по твитам, которые Kestrel сохранил для наблюдений, часть упоминаний может не попасть.',
    })}${formsNote(lang, input.forms)} ${days}`;
  }
  const watchName = target.kind === 'handle' ? target.handle : target.words.join(' ');
  const command = /\s/.test(watchName)
    ? `/watch add brand "${watchName.replaceAll('"', '')}"`
    : `/watch add brand ${watchName}`;
  const forms = formsNote(lang, input.forms);
  return `${t(lang, {
    en: `Nothing is watched for ${name}: this is a full-text search of the tweets other watches brought in, so it may miss some. To follow it: ${command}`,
    ru: `${name} не отслеживается: это полнотекстовый поиск по твитам, собранным для других наблюдений, часть упоминаний может не попасть. Чтобы следить: ${command}`,
  })}${forms} ${days}`;
}

function formsNote(lang: Lang, forms: readonly string[]): string {
  if (forms.length === 0) return '';
  const list = `${forms.slice(0, 8).join(', ')}${forms.length > 8 ? '…' : ''}`;
  return t(lang, { en: ` Word forms searched too: ${list}.`, ru: ` Искали и формы слова: ${list}.` });
}

/** Formats of `dateTime` by language and zone (a reply formats one per top mention). */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTime(lang: Lang, zone: string, at: number): string {
  const key = `${lang}:${zone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone: zone,
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    if (dateTimeFormats.size >= 256) dateTimeFormats.clear();
    dateTimeFormats.set(key, format);
  }
  return format.format(at);
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
