/**
 * Kestrel's domain types: what the rest of the code talks about, free of the X API's wire shape.
 * Ids of tweets and users are X's decimal strings (19-digit ids exceed 2^53); times are epoch ms in UTC.
 */

/** Public counters of a tweet at the moment it was fetched. `null` where the API did not say. */
export interface TweetMetrics {
  likes: number;
  retweets: number;
  replies: number;
  quotes: number;
  bookmarks: number | null;
  impressions: number | null;
}

export type ReferenceType = 'retweeted' | 'quoted' | 'replied_to';

export interface TweetReference {
  type: ReferenceType;
  id: string;
}

/** A tweet as Kestrel stores it. */
export interface Tweet {
  id: string;
  authorId: string;
  text: string;
  /** Epoch ms, UTC. */
  createdAt: number;
  lang: string | null;
  conversationId: string | null;
  references: TweetReference[];
  /** Expanded URLs, mentioned usernames, hashtags and cashtags from the API's `entities`. */
  urls: string[];
  mentions: string[];
  hashtags: string[];
  metrics: TweetMetrics;
}

/** An X account as Kestrel stores it, with the follower count seen at `fetchedAt`. */
export interface Author {
  id: string;
  username: string;
  name: string;
  description: string;
  followers: number;
  following: number;
  tweetCount: number;
  verified: boolean;
  /** Epoch ms of account creation, or null if the API did not say. */
  createdAt: number | null;
}

/** Order of X ids: numerically, which for decimal strings without leading zeros is length, then text. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
