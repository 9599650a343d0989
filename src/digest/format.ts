import type { Lang } from '../chat/i18n.js';
import { formatNumber, t } from '../chat/i18n.js';
import type { ReplyItem } from '../chat/reply.js';
import type { Salary } from '../classify/salary.js';
import type { DigestTweet } from '../store/digest-queries.js';

const SYMBOL: Record<string, string> = { RUB: '₽', USD: '$', EUR: '€', GBP: '£' };
const PERIOD: Record<string, { en: string; ru: string }> = {
  month: { en: '/mo', ru: '/мес' },
  year: { en: '/yr', ru: '/год' },
  hour: { en: '/hr', ru: '/час' },
};

/** "200–250k ₽/mo", "from 180k ₽", "up to $5k". */
export function formatSalary(salary: Salary, lang: Lang): string {
  const { min, max } = salary;
  const round = (n: number | null) => n === null || (n >= 10_000 && n % 1000 === 0);
  const inThousands = round(min) && round(max);
  const money = (n: number) => formatNumber(lang, inThousands ? n / 1000 : n);
  const unit = inThousands ? t(lang, { en: 'k', ru: 'к' }) : '';
  const currency = salary.currency ? ` ${SYMBOL[salary.currency] ?? salary.currency}` : '';
  const per = salary.period ? (PERIOD[salary.period]?.[lang] ?? '') : '';
  let amount: string;
  if (min !== null && max !== null) amount = min === max ? money(min) : `${money(min)}–${money(max)}`;
  else if (min !== null) amount = `${t(lang, { en: 'from', ru: 'от' })} ${money(min)}`;
  else if (max !== null) amount = `${t(lang, { en: 'up to', ru: 'до' })} ${money(max)}`;
  else return '';
  return `${amount}${unit}${currency}${per}`;
}

export function formatRemote(remote: string | null, lang: Lang): string | null {
  if (remote === 'remote') return t(lang, { en: 'remote', ru: 'удалённо' });
  if (remote === 'hybrid') return t(lang, { en: 'hybrid', ru: 'гибрид' });
  if (remote === 'office') return t(lang, { en: 'office', ru: 'офис' });
  return null;
}

/** Link to a tweet on X (`x.com/i/status/…` when the author is unknown: X left it out of the page). */
export function tweetLink(tweet: Pick<DigestTweet, 'username' | 'id'>): string {
  return `https://x.com/${tweet.username || 'i'}/status/${tweet.id}`;
}

/** `{ author: '@handle' }`, or nothing for an author X did not describe (stored unknown, username ''). */
export function authorOf(username: string): Pick<ReplyItem, 'author'> {
  return username ? { author: `@${username}` } : {};
}

/** A tweet as a reply item: author, a snippet, link and its public counters. */
export function tweetItem(tweet: DigestTweet, extra: Partial<ReplyItem> = {}, maxChars = 220): ReplyItem {
  return {
    ...authorOf(tweet.username),
    text: snippet(tweet.text, maxChars),
    link: tweetLink(tweet),
    metrics: [`♥ ${tweet.likes}`, `↻ ${tweet.retweets}`, `💬 ${tweet.replies}`],
    feedback: { tweetSeq: tweet.seq },
    ...extra,
  };
}

/** The text cut at a word boundary to at most `max` characters, on one line. */
export function snippet(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
