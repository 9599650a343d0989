import type {
  FieldSelection,
  WireIncludes,
  WirePublicMetrics,
  WireResourceError,
  WireTweet,
  WireUser,
} from './wire-types.js';

/** X's snowflake epoch (ms). */
export const TWITTER_EPOCH = 1288834974657n;

/** Creation time in ms encoded in a snowflake id. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
}

/** A snowflake id for a given time (ms); `seq` (0..4194303) keeps ids unique within one millisecond. */
export function snowflakeAt(ms: number, seq = 0): string {
  return ((BigInt(Math.floor(ms)) - TWITTER_EPOCH) * 4194304n + BigInt(seq)).toString();
}

const ALWAYS_TWEET = ['id', 'text', 'edit_history_tweet_ids'];
const ALWAYS_USER = ['id', 'name', 'username'];

export function notFound(
  resource: 'tweet' | 'user',
  parameter: string,
  value: string,
  by = parameter,
): WireResourceError {
  return {
    value,
    detail: `Could not find ${resource} with ${by}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resource,
    parameter,
    resource_id: value,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}

function pick<T extends object>(obj: T, keys: Iterable<string>): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (obj as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = structuredClone(v);
  }
  return out as Partial<T>;
}

interface StoredTweet {
  tweet: WireTweet;
  seq: number;
}

/** The fake's in-memory data: tweets (by id) and users (by id and lower-cased username). */
export class FakeXStore {
  private readonly tweets = new Map<string, StoredTweet>();
  private readonly users = new Map<string, WireUser>();
  private readonly byUsername = new Map<string, WireUser>();
  private seq = 0;

  /** Insertion counter; a page cursor remembers it so later additions never leak into older pages. */
  get currentSeq(): number {
    return this.seq;
  }

  addUsers(users: WireUser[]): void {
    for (const u of users) {
      const copy = structuredClone(u);
      const old = this.users.get(u.id);
      if (old) this.byUsername.delete(old.username.toLowerCase());
      this.users.set(u.id, copy);
      this.byUsername.set(u.username.toLowerCase(), copy);
    }
  }

  addTweets(tweets: WireTweet[]): void {
    for (const t of tweets) {
      if (!/^\d{1,19}$/.test(t.id)) throw new Error(`tweet id must be numeric: ${t.id}`);
      const tweet = structuredClone(t);
      tweet.edit_history_tweet_ids ??= [t.id];
      tweet.created_at ??= new Date(snowflakeTime(t.id)).toISOString().replace(/\.\d+Z$/, '.000Z');
      this.tweets.set(t.id, { tweet, seq: ++this.seq });
    }
  }

  updateMetrics(id: string, metrics: WirePublicMetrics): void {
    const stored = this.tweets.get(id);
    if (!stored) throw new Error(`unknown tweet ${id}`);
    stored.tweet.public_metrics = { ...metrics };
  }

  tweet(id: string): WireTweet | undefined {
    return this.tweets.get(id)?.tweet;
  }

  user(id: string): WireUser | undefined {
    return this.users.get(id);
  }

  userByName(username: string): WireUser | undefined {
    return this.byUsername.get(username.toLowerCase());
  }

  /** Tweets inserted up to `maxSeq` passing `filter`, newest (largest id) first. */
  list(filter: (t: WireTweet, author: WireUser | undefined) => boolean, maxSeq = this.seq): WireTweet[] {
    const out: WireTweet[] = [];
    for (const { tweet, seq } of this.tweets.values()) {
      const author = tweet.author_id ? this.users.get(tweet.author_id) : undefined;
      if (seq <= maxSeq && filter(tweet, author)) out.push(tweet);
    }
    return out.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0));
  }

  shapeTweet(t: WireTweet, sel: FieldSelection): WireTweet {
    return pick(t, [...ALWAYS_TWEET, ...sel.tweetFields]) as WireTweet;
  }

  shapeUser(u: WireUser, sel: FieldSelection): WireUser {
    return pick(u, [...ALWAYS_USER, ...sel.userFields]) as WireUser;
  }

  /** `includes` and partial `errors` for the requested expansions of `tweets`. */
  expand(
    tweets: WireTweet[],
    sel: FieldSelection,
  ): { includes?: WireIncludes; errors?: WireResourceError[] } {
    const users = new Map<string, WireUser>();
    const refs = new Map<string, WireTweet>();
    const errors: WireResourceError[] = [];
    const addUser = (id: string | undefined, parameter: string): void => {
      if (!id || users.has(id)) return;
      const u = this.users.get(id);
      if (u) users.set(id, this.shapeUser(u, sel));
      else errors.push(notFound('user', parameter, id));
    };
    const e = sel.expansions;
    for (const t of tweets) {
      if (e.has('author_id')) addUser(t.author_id, 'author_id');
      if (e.has('in_reply_to_user_id')) addUser(t.in_reply_to_user_id, 'in_reply_to_user_id');
      if (e.has('entities.mentions.username')) {
        for (const m of t.entities?.mentions ?? []) {
          const u = this.userByName(m.username);
          if (u) users.set(u.id, this.shapeUser(u, sel));
          else errors.push(notFound('user', 'entities.mentions.username', m.username));
        }
      }
      if (e.has('referenced_tweets.id') || e.has('referenced_tweets.id.author_id')) {
        for (const r of t.referenced_tweets ?? []) {
          const ref = this.tweets.get(r.id)?.tweet;
          if (!ref) {
            if (e.has('referenced_tweets.id')) errors.push(notFound('tweet', 'referenced_tweets.id', r.id));
            continue;
          }
          if (e.has('referenced_tweets.id')) refs.set(ref.id, this.shapeTweet(ref, sel));
          if (e.has('referenced_tweets.id.author_id'))
            addUser(ref.author_id, 'referenced_tweets.id.author_id');
        }
      }
    }
    const includes: WireIncludes = {};
    if (users.size > 0) includes.users = [...users.values()];
    if (refs.size > 0) includes.tweets = [...refs.values()];
    return {
      ...(Object.keys(includes).length > 0 ? { includes } : {}),
      ...(errors.length > 0 ? { errors } : {}),
    };
  }
}
