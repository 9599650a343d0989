/** What a reading of a tweet can say: one of six labels, and a tone (of the tweet, or toward a brand). */

/** The labels a tweet can get; exactly one per tweet. */
export const LABELS = ['vacancy', 'help_wanted', 'job_seeker', 'discussion', 'promo', 'other'] as const;

/** One of {@link LABELS}. */
export type Label = (typeof LABELS)[number];

/** The tones, in the order of a sentiment model's classes. */
export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;

/** A tweet's tone, or its tone toward one brand. */
export type SentimentLabel = (typeof SENTIMENT_CLASSES)[number];
