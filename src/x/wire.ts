import { z } from 'zod';
import type { Author, Tweet, TweetReference } from '../domain.js';
import { KestrelError } from '../errors.js';

/** The parts of X API v2 objects Kestrel reads. Unknown fields are ignored; missing required ones fail. */
const publicMetrics = z.object({
  like_count: z.number(),
  retweet_count: z.number(),
  reply_count: z.number(),
  quote_count: z.number(),
  bookmark_count: z.number().optional(),
  impression_count: z.number().optional(),
});

const wireTweet = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  text: z.string(),
  author_id: z.string(),
  created_at: z.string(),
  lang: z.string().optional(),
  conversation_id: z.string().optional(),
  public_metrics: publicMetrics.optional(),
  referenced_tweets: z
    .array(z.object({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: z.string() }))
    .optional(),
  entities: z
    .object({
      urls: z.array(z.object({ url: z.string(), expanded_url: z.string().optional() })).optional(),
      mentions: z.array(z.object({ username: z.string() })).optional(),
      hashtags: z.array(z.object({ tag: z.string() })).optional(),
    })
    .optional(),
});

const wireUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  description: z.string().optional(),
  verified: z.boolean().optional(),
  created_at: z.string().optional(),
  public_metrics: z
    .object({ followers_count: z.number(), following_count: z.number(), tweet_count: z.number() })
    .optional(),
});

const wireError = z.object({ title: z.string().optional(), detail: z.string().optional() }).loose();

/** A page of `search/recent`, `users/:id/tweets` or `tweets?ids=`. */
export const wirePage = z.object({
  data: z.array(wireTweet).optional(),
  includes: z.object({ users: z.array(wireUser).optional() }).optional(),
  meta: z
    .object({
      result_count: z.number().optional(),
      newest_id: z.string().optional(),
      oldest_id: z.string().optional(),
      next_token: z.string().optional(),
    })
    .optional(),
  errors: z.array(wireError).optional(),
});

export type WireTweet = z.infer<typeof wireTweet>;
export type WireUser = z.infer<typeof wireUser>;

/** A page in Kestrel's terms. */
export interface Page {
  tweets: Tweet[];
  authors: Author[];
  newestId: string | null;
  nextToken: string | null;
}

/** Checks and converts a wire page. A body that is not a page fails with UPSTREAM_MALFORMED. */
export function parsePage(body: unknown, what = 'X API response'): Page {
  const result = wirePage.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new KestrelError(
      'UPSTREAM_MALFORMED',
      `${what} is not in the expected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  const page = result.data;
  return {
    tweets: (page.data ?? []).map(toTweet),
    authors: (page.includes?.users ?? []).map(toAuthor),
    newestId: page.meta?.newest_id ?? null,
    nextToken: page.meta?.next_token ?? null,
  };
}

/** Checks and converts one wire user. */
export function parseUser(body: unknown): Author {
  const result = wireUser.safeParse(body);
  if (!result.success)
    throw new KestrelError('UPSTREAM_MALFORMED', 'X API user is not in the expected shape');
  return toAuthor(result.data);
}

export function toTweet(w: WireTweet): Tweet {
  const createdAt = Date.parse(w.created_at);
  if (Number.isNaN(createdAt)) {
    throw new KestrelError('UPSTREAM_MALFORMED', `Tweet ${w.id} has an invalid created_at "${w.created_at}"`);
  }
  const m = w.public_metrics;
  return {
    id: w.id,
    authorId: w.author_id,
    text: unescapeText(w.text),
    createdAt,
    lang: w.lang ?? null,
    conversationId: w.conversation_id ?? null,
    references: (w.referenced_tweets ?? []) as TweetReference[],
    urls: (w.entities?.urls ?? []).map((u) => u.expanded_url ?? u.url),
    mentions: (w.entities?.mentions ?? []).map((u) => u.username),
    hashtags: (w.entities?.hashtags ?? []).map((h) => h.tag),
    metrics: {
      likes: m?.like_count ?? 0,
      retweets: m?.retweet_count ?? 0,
      replies: m?.reply_count ?? 0,
      quotes: m?.quote_count ?? 0,
      bookmarks: m?.bookmark_count ?? null,
      impressions: m?.impression_count ?? null,
    },
  };
}

/** X sends tweet text with `&`, `<` and `>` escaped as HTML entities; Kestrel stores the text as written. */
export function unescapeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

export function toAuthor(w: WireUser): Author {
  const created = w.created_at ? Date.parse(w.created_at) : Number.NaN;
  return {
    id: w.id,
    username: w.username,
    name: w.name,
    description: w.description ?? '',
    followers: w.public_metrics?.followers_count ?? 0,
    following: w.public_metrics?.following_count ?? 0,
    tweetCount: w.public_metrics?.tweet_count ?? 0,
    verified: w.verified ?? false,
    createdAt: Number.isNaN(created) ? null : created,
  };
}

/** The fields Kestrel asks X for on every tweet request. */
export const TWEET_FIELDS = [
  'created_at',
  'public_metrics',
  'lang',
  'conversation_id',
  'referenced_tweets',
  'entities',
  'author_id',
] as const;

export const USER_FIELDS = [
  'username',
  'name',
  'description',
  'public_metrics',
  'verified',
  'created_at',
] as const;
