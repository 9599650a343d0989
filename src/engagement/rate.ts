/**
 * Engagement rate (ER) of tweets: pure arithmetic, no store and no formatting.
 *
 * Per tweet, engagements = likes + retweets + replies + quotes (bookmarks and impressions are not
 * engagements). ER by followers divides them by the author's followers when the tweet was fetched;
 * ER by impressions divides them by the impressions X reported, where it reported any.
 */

/** The counters of one original tweet that ER is computed from. */
export interface EngagementInput {
  id: string;
  text: string;
  /** Epoch ms. */
  createdAt: number;
  likes: number;
  retweets: number;
  replies: number;
  quotes: number;
  /** Null where X did not report impressions. */
  impressions: number | null;
  /** The author's followers when the tweet was fetched (or the nearest snapshot); 0 when unknown. */
  followers: number;
}

/** A tweet with its engagements and both rates (null where the denominator is missing or zero). */
export interface RatedTweet extends EngagementInput {
  engagements: number;
  erByFollowers: number | null;
  erByImpressions: number | null;
}

/** Median and mean of a set of per-tweet rates, and how many tweets they cover. */
export interface RateStats {
  count: number;
  median: number;
  mean: number;
}

/** What `/engagement` reports for one period. */
export interface EngagementSummary {
  tweets: RatedTweet[];
  /** Over the tweets with a known follower count; null when there is none. */
  byFollowers: RateStats | null;
  /** Over the tweets with impressions; null when X gave none. */
  byImpressions: RateStats | null;
  /** Highest and lowest ER by followers (ties: the newer tweet); null without any ER by followers. */
  best: RatedTweet | null;
  worst: RatedTweet | null;
}

/** likes + retweets + replies + quotes. */
export function engagementsOf(t: Pick<EngagementInput, 'likes' | 'retweets' | 'replies' | 'quotes'>): number {
  return t.likes + t.retweets + t.replies + t.quotes;
}

/** Adds engagements and both rates to a tweet. */
export function rateTweet(t: EngagementInput): RatedTweet {
  const engagements = engagementsOf(t);
  return {
    ...t,
    engagements,
    erByFollowers: t.followers > 0 ? engagements / t.followers : null,
    erByImpressions: t.impressions !== null && t.impressions > 0 ? engagements / t.impressions : null,
  };
}

/** The median of the values (mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** The arithmetic mean; NaN for none. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Median and mean of the values, or null when there are none. */
export function statsOf(values: readonly number[]): RateStats | null {
  return values.length === 0 ? null : { count: values.length, median: median(values), mean: mean(values) };
}

/** Rates every tweet and summarizes the period. Tweets keep their input order. */
export function summarize(tweets: readonly EngagementInput[]): EngagementSummary {
  const rated = tweets.map(rateTweet);
  const withFollowers = rated.filter((t) => t.erByFollowers !== null);
  let best: RatedTweet | null = null;
  let worst: RatedTweet | null = null;
  for (const t of withFollowers) {
    const er = t.erByFollowers as number;
    if (best === null || er > (best.erByFollowers as number) || (er === best.erByFollowers && newer(t, best)))
      best = t;
    if (
      worst === null ||
      er < (worst.erByFollowers as number) ||
      (er === worst.erByFollowers && newer(t, worst))
    )
      worst = t;
  }
  return {
    tweets: rated,
    byFollowers: statsOf(withFollowers.map((t) => t.erByFollowers as number)),
    byImpressions: statsOf(rated.flatMap((t) => (t.erByImpressions === null ? [] : [t.erByImpressions]))),
    best,
    worst,
  };
}

function newer(a: RatedTweet, b: RatedTweet): boolean {
  return a.createdAt > b.createdAt;
}
