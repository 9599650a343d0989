/** `/mentions … csv`: every mention of the query in the period as a CSV file, one row per tweet. */
import type { CommandContext } from '../src/chat/context.js';
import { formatNumber, t } from '../src/chat/i18n.js';
import type { Reply } from '../src/chat/reply.js';
import { tweetLink } from '../src/digest/format.js';
import { createCsvWriter } from '../src/export/csv.js';
import type { QueryNode } from '../src/query/ast.js';
import type { MentionQueries } from '../src/store/mention-queries.js';
import type { Period } from './args/period.js';

/** The most rows one file holds (~15 MB at tweet length, well inside Telegram's 50 MB and Slack's 1 GB). */
export const MAX_EXPORT_ROWS = 50_000;

export const EXPORT_COLUMNS = [
  'time_utc',
  'url',
  'author',
  'followers',
  'text',
  'label',
  'sentiment',
  'likes',
  'retweets',
  'replies',
  'quotes',
  'impressions',
] as const;

export interface ExportInput {
  ctx: CommandContext;
  queries: MentionQueries;
  root: QueryNode;
  /** How the reply names the query. */
  name: string;
  period: Period;
  from: number;
  to: number;
  maxRows?: number;
}

export function exportReply(input: ExportInput): Reply {
  const { ctx, name, period } = input;
  const lang = ctx.lang;
  const max = input.maxRows ?? MAX_EXPORT_ROWS;
  const csv = createCsvWriter(EXPORT_COLUMNS);
  let more = false;
  for (const row of input.queries.rows(input.root, input.from, input.to, max + 1)) {
    if (csv.rows >= max) {
      more = true;
      break;
    }
    csv.add([
      new Date(row.createdAt).toISOString(),
      tweetLink({ username: row.username, id: row.tweetId }),
      row.username,
      row.followers,
      row.text,
      row.label,
      row.sentiment,
      row.likes,
      row.retweets,
      row.replies,
      row.quotes,
      row.impressions,
    ]);
  }
  const title = t(lang, {
    en: `Export: ${name} · ${period.label.en}`,
    ru: `Выгрузка: ${name} · ${period.label.ru}`,
  });
  const count = formatNumber(lang, csv.rows);
  const text =
    t(lang, {
      en: `${count} mentions, one row each (times in UTC).`,
      ru: `${count} упоминаний, по строке на каждое (время в UTC).`,
    }) +
    (more
      ? t(lang, {
          en: ` Only the first ${formatNumber(lang, max)}, oldest first: shorten the period for the rest.`,
          ru: ` Только первые ${formatNumber(lang, max)}, от старых к новым: для остальных сократите период.`,
        })
      : '');
  return {
    title,
    blocks: [
      { type: 'text', text },
      {
        type: 'file',
        file: {
          filename: `mentions-${slug(name)}-${period.key === 'range' ? 'range' : period.key}.csv`,
          mime: 'text/csv',
          bytes: csv.bytes(),
          title,
        },
      },
    ],
    tone: 'normal',
  };
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'query'
  );
}
