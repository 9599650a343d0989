import { z } from 'zod';
import type { Author, Tweet, TweetReference } from '../domain.js';
import { KestrelError } from '../errors.js';
import { snowflakeTime } from './snowflake.js';

/** The parts of X API v2 objects Kestrel reads. Unknown fields are ignored; missing required ones fail. */
const publicMetrics = z.object({
  like_count: z.number(),
  retweet_count: z.number(),
  reply_count: z.number(),
  quote_count: z.number(),
  bookmark_count: z.number().optional(),
  impression_count: z.number().optional(),
});

const wireEntities = z.object({
  urls: z.array(z.object({ url: z.string(), expanded_url: z.string().optional() })).optional(),
  mentions: z.array(z.object({ username: z.string() })).optional(),
  hashtags: z.array(z.object({ tag: z.string() })).optional(),
});

const wireTweet = z.object({
  id: z.string().regex(/^\d{1,20}$/, 'is not an X id (digits)'),
  text: z.string(),
  author_id: z.string(),
  /** Absent when not requested: then it is read from the id (a snowflake holds its creation time). */
  created_at: z.string().optional(),
  lang: z.string().optional(),
  conversation_id: z.string().optional(),
  public_metrics: publicMetrics.optional(),
  referenced_tweets: z
    .array(z.object({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: z.string() }))
    .optional(),
  entities: wireEntities.optional(),
  /** A long post (over 280 characters): `text` holds its start, `note_tweet.text` all of it. */
  note_tweet: z.object({ text: z.string(), entities: wireEntities.optional() }).optional(),
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

/**
 * Checks and converts a wire page. A body that is not a page fails with UPSTREAM_MALFORMED and one line
 * naming `what` (the response, or a file's line) and the field: `pages.jsonl line 7: data[3].author_id is
 * missing (a string was expected)`.
 */
export function parsePage(body: unknown, what = 'X API response'): Page {
  const result = wirePage.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new KestrelError('UPSTREAM_MALFORMED', `${what}: ${describeIssue(issue, body)}`, {
      details: { path: issue?.path ?? [] },
    });
  }
  const page = result.data;
  return {
    tweets: (page.data ?? []).map(toTweet),
    authors: (page.includes?.users ?? []).map(toAuthor),
    newestId: page.meta?.newest_id ?? null,
    nextToken: page.meta?.next_token ?? null,
  };
}

/** `data[3].author_id is missing (a string was expected)`: the first thing wrong with a page, in one line. */
function describeIssue(issue: z.core.$ZodIssue | undefined, body: unknown): string {
  if (!issue) return 'is not an X API page';
  if (issue.path.length === 0) return `is not an X API page (${issue.message})`;
  const field = issue.path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
  if (issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined)
    return `${field} is missing (${article(issue.expected)} was expected)`;
  return `${field}: ${issue.message}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current = body;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A `counts/recent` answer (see `counts.jsonl` in the shared recordings): buckets oldest first and a total. */
const wireCounts = z.object({
  data: z.array(z.object({ start: z.string(), end: z.string(), tweet_count: z.number() })).optional(),
  meta: z.object({ total_tweet_count: z.number() }),
});

/** Checks and converts a `counts/recent` answer; another shape fails with UPSTREAM_MALFORMED naming the field. */
export function parseCounts(
  body: unknown,
  what = 'counts/recent response',
): { buckets: { start: number; end: number; count: number }[]; total: number } {
  const result = wireCounts.safeParse(body);
  if (!result.success)
    throw new KestrelError('UPSTREAM_MALFORMED', `${what}: ${describeIssue(result.error.issues[0], body)}`);
  return {
    buckets: (result.data.data ?? []).map((b) => ({
      start: Date.parse(b.start),
      end: Date.parse(b.end),
      count: b.tweet_count,
    })),
    total: result.data.meta.total_tweet_count,
  };
}

/** Checks and converts one wire user. */
export function parseUser(body: unknown): Author {
  const result = wireUser.safeParse(body);
  if (!result.success)
    throw new KestrelError('UPSTREAM_MALFORMED', 'X API user is not in the expected shape');
  return toAuthor(result.data);
}

/** A wire tweet in Kestrel's terms; a long post gets its full text and the entities of the full text. */
export function toTweet(w: WireTweet): Tweet {
  const createdAt = w.created_at === undefined ? snowflakeTime(w.id) : Date.parse(w.created_at);
  if (Number.isNaN(createdAt)) {
    throw new KestrelError('UPSTREAM_MALFORMED', `Tweet ${w.id} has an invalid created_at "${w.created_at}"`);
  }
  const m = w.public_metrics;
  const note = w.note_tweet;
  const entities = note?.entities ?? w.entities;
  return {
    id: w.id,
    authorId: w.author_id,
    text: unescapeText(note?.text ?? w.text),
    createdAt,
    lang: w.lang ?? null,
    conversationId: w.conversation_id ?? null,
    references: (w.referenced_tweets ?? []) as TweetReference[],
    urls: (entities?.urls ?? []).map((u) => u.expanded_url ?? u.url),
    mentions: (entities?.mentions ?? []).map((u) => u.username),
    hashtags: (entities?.hashtags ?? []).map((h) => h.tag),
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
  'note_tweet',
] as const;

export const USER_FIELDS = [
  'username',
  'name',
  'description',
  'public_metrics',
  'verified',
  'created_at',
] as const;
