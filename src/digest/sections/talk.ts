import type { Lang } from '../../chat/i18n.js';
import { formatPercent, t } from '../../chat/i18n.js';
import type { ReplyBlock } from '../../chat/reply.js';
import type { DigestTweet } from '../../store/digest-queries.js';
import { tweetItem } from '../format.js';

const HOUR = 3_600_000;

/**
 * Discussions: conversations ranked by replies and quotes per hour since they began, each thread shown
 * once (its first post) with its reply count.
 */
export function discussionsSection(
  tweets: readonly DigestTweet[],
  storedReplies: ReadonlyMap<string, number>,
  now: number,
  lang: Lang,
  cap: number,
): ReplyBlock | null {
  const threads = new Map<string, DigestTweet[]>();
  for (const tw of tweets) {
    if (tw.label !== 'discussion' || tw.retweetOf) continue;
    const key = tw.conversationId ?? tw.id;
    const list = threads.get(key);
    if (list) list.push(tw);
    else threads.set(key, [tw]);
  }
  if (threads.size === 0) return null;
  const ranked = [...threads.entries()]
    .map(([key, members]) => {
      const root =
        members.find((m) => m.id === key) ?? members.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
      const replies = Math.max(root.replies, storedReplies.get(key) ?? 0, members.length - 1);
      const hours = Math.max(1, (now - root.createdAt) / HOUR);
      return { root, replies, score: (replies + root.quotes) / hours };
    })
    .sort((a, b) => b.score - a.score || b.replies - a.replies);
  return {
    type: 'items',
    heading: t(lang, { en: 'Discussions', ru: 'Обсуждения' }),
    items: ranked.slice(0, cap).map(({ root, replies }) =>
      tweetItem(root, {
        metrics: [
          t(lang, { en: `${replies} replies`, ru: `ответов: ${replies}` }),
          `↻ ${root.retweets}`,
          `♥ ${root.likes}`,
        ],
      }),
    ),
    ...(ranked.length > cap ? { more: ranked.length - cap } : {}),
  };
}

/** The best original posts of watched experts, by engagement rate (followers at fetch time). */
export function expertsSection(
  tweets: readonly DigestTweet[],
  expertWatchIds: ReadonlySet<number>,
  lang: Lang,
  cap: number,
): ReplyBlock | null {
  const posts = tweets
    .filter((tw) => !tw.retweetOf && !tw.replyTo && tw.watchIds.some((id) => expertWatchIds.has(id)))
    .map((tw) => ({
      tw,
      er: tw.followers > 0 ? (tw.likes + tw.retweets + tw.replies + tw.quotes) / tw.followers : 0,
    }))
    .sort((a, b) => b.er - a.er);
  if (posts.length === 0) return null;
  const perAuthor = new Map<string, number>();
  const chosen = posts.filter(({ tw }) => {
    const n = perAuthor.get(tw.username) ?? 0;
    perAuthor.set(tw.username, n + 1);
    return n < 2;
  });
  return {
    type: 'items',
    heading: t(lang, { en: 'Experts', ru: 'Эксперты' }),
    items: chosen
      .slice(0, cap)
      .map(({ tw, er }) =>
        tweetItem(tw, { metrics: [`♥ ${tw.likes}`, `↻ ${tw.retweets}`, `ER ${formatPercent(lang, er)}`] }),
      ),
  };
}
