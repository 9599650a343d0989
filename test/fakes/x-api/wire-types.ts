/** A URL entity as X returns it in `entities.urls`. */
export interface WireUrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url?: string;
  display_url?: string;
  unwound_url?: string;
  title?: string;
  description?: string;
  status?: number;
  images?: { url: string; width: number; height: number }[];
}

/** Tweet `entities` object (v2). */
export interface WireTweetEntities {
  urls?: WireUrlEntity[];
  hashtags?: { start: number; end: number; tag: string }[];
  cashtags?: { start: number; end: number; tag: string }[];
  mentions?: { start: number; end: number; username: string; id?: string }[];
  annotations?: { start: number; end: number; probability: number; type: string; normalized_text: string }[];
}

/** Tweet `public_metrics`. */
export interface WirePublicMetrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count?: number;
  impression_count?: number;
}

/** A tweet object exactly as the X API v2 sends it (fields present only when requested). */
export interface WireTweet {
  id: string;
  text: string;
  edit_history_tweet_ids?: string[];
  author_id?: string;
  created_at?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  lang?: string;
  possibly_sensitive?: boolean;
  reply_settings?: string;
  source?: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  entities?: WireTweetEntities;
  public_metrics?: WirePublicMetrics;
  attachments?: { media_keys?: string[]; poll_ids?: string[] };
  context_annotations?: unknown[];
  geo?: { place_id?: string; coordinates?: unknown };
  withheld?: { copyright?: boolean; country_codes: string[]; scope?: string };
  note_tweet?: { text: string; entities?: WireTweetEntities };
}

/** A user object exactly as the X API v2 sends it. */
export interface WireUser {
  id: string;
  name: string;
  username: string;
  created_at?: string;
  description?: string;
  location?: string;
  url?: string;
  verified?: boolean;
  verified_type?: string;
  protected?: boolean;
  profile_image_url?: string;
  pinned_tweet_id?: string;
  most_recent_tweet_id?: string;
  public_metrics?: {
    followers_count: number;
    following_count: number;
    tweet_count: number;
    listed_count: number;
  };
  entities?: { url?: { urls: WireUrlEntity[] }; description?: Record<string, unknown[]> };
  withheld?: { country_codes: string[]; scope?: string };
}

/** An entry of a response's `errors` array for a missing resource (HTTP 200 partial error). */
export interface WireResourceError {
  value: string;
  detail: string;
  title: string;
  resource_type: 'tweet' | 'user';
  parameter: string;
  resource_id: string;
  type: string;
}

/** `meta` of a search or timeline page. */
export interface WireMeta {
  result_count: number;
  newest_id?: string;
  oldest_id?: string;
  next_token?: string;
  previous_token?: string;
}

/** `includes` of a tweet response. */
export interface WireIncludes {
  users?: WireUser[];
  tweets?: WireTweet[];
}

/** One page of `GET /2/tweets/search/recent` or `GET /2/users/:id/tweets`. */
export interface WireSearchPage {
  data?: WireTweet[];
  includes?: WireIncludes;
  errors?: WireResourceError[];
  meta: WireMeta;
}

/** Response of `GET /2/tweets` (lookup) and `GET /2/users/by`. */
export interface WireLookup<T> {
  data?: T[];
  includes?: WireIncludes;
  errors?: WireResourceError[];
}

/** The invalid-request body (HTTP 400). */
export interface WireInvalidRequest {
  errors: { parameters: Record<string, string[]>; message: string }[];
  title: 'Invalid Request';
  detail: 'One or more parameters to your request was invalid.';
  type: 'https://api.twitter.com/2/problems/invalid-request';
}

/** An RFC 7807-like problem body (401, 429, 5xx). */
export interface WireProblem {
  title: string;
  detail: string;
  type: string;
  status: number;
}

/** Fields and expansions requested by the client. */
export interface FieldSelection {
  tweetFields: Set<string>;
  userFields: Set<string>;
  expansions: Set<string>;
}
