import type { QueryNode } from '../query/ast.js';

/**
 * Which tweets count as mentions: those the classifier found a configured brand in (read from the brand's
 * own tables), or those a parsed query finds (compiled by `mention-search.ts`; brands inside it too).
 */
export type MentionFilter = { kind: 'brand'; brand: string } | { kind: 'query'; root: QueryNode };

/** The period asked about and how its chart is cut. */
export interface MentionWindow {
  /** Current period `[from, to)`, epoch ms; the previous period is the same length just before `from`. */
  from: number;
  to: number;
  /** Bucket edges of the current period: first `from`, last `to`. Previous buckets are these shifted back. */
  edges: readonly number[];
  /** How many top mentions and top authors to return (default 5 each). */
  top?: number;
  authors?: number;
}

/** Tweets by sentiment, as the classifier read them. */
export interface SentimentSplit {
  positive: number;
  neutral: number;
  negative: number;
  /** Tweets with no classification stored. */
  unknown: number;
}

/** A mention with its public counters. */
export interface TopMention {
  /** The stored tweet (for `/feedback` on the item). */
  seq: number;
  tweetId: string;
  username: string;
  name: string;
  text: string;
  createdAt: number;
  likes: number;
  retweets: number;
  replies: number;
  quotes: number;
}

/** An author who mentioned the target in the period, with the reach seen on their tweets. */
export interface TopAuthor {
  username: string;
  name: string;
  followers: number;
  /** Their mentions in the period. */
  mentions: number;
}

/** What `/mentions` shows. Counts are of tweets (a tweet naming a brand twice counts once). */
export interface MentionSummary {
  count: number;
  previousCount: number;
  /** Per bucket of `edges`, current period. */
  buckets: number[];
  /** Per bucket of `edges` shifted back by the period's length. */
  previousBuckets: number[];
  sentiment: SentimentSplit;
  /** Current period, by engagement (likes + retweets + replies + quotes), retweets left out. */
  top: TopMention[];
  /** Current period, by followers. */
  authors: TopAuthor[];
  /** Inflected forms of the query's words searched too. */
  forms: string[];
}

/** One mention as exported (`/mentions … csv`). */
export interface MentionRow {
  tweetId: string;
  createdAt: number;
  username: string;
  followers: number;
  text: string;
  /** The classifier's label, or null when not classified. */
  label: string | null;
  /** Toward the query's first brand when it names one, otherwise the tweet's own; null when not rated. */
  sentiment: string | null;
  likes: number;
  retweets: number;
  replies: number;
  quotes: number;
  impressions: number | null;
}

/** Read-only queries behind `/mentions`. */
export interface MentionQueries {
  /**
   * The matches of a query in `[from, to)`, oldest first, at most `limit`, read one at a time (memory stays
   * flat whatever the number of matches).
   */
  rows(root: QueryNode, from: number, to: number, limit: number): IterableIterator<MentionRow>;
  summarize(filter: MentionFilter, window: MentionWindow): MentionSummary;
  /** Tweets mentioning each brand in `[from, to)`. */
  brandCounts(brands: readonly string[], from: number, to: number): Map<string, number>;
  /**
   * Indexed words that start with `stem` and are at most `maxExtra` characters longer (inflected forms
   * for a prefix search that stays bounded), shortest first, at most `limit`.
   */
  wordForms(stem: string, maxExtra: number, limit: number): string[];
  /** Resolves once a big store's search helper thread can take work (at once without one). */
  ready(): Promise<void>;
  /** Stops the search helper thread, if one was started. */
  close(): Promise<void>;
}
