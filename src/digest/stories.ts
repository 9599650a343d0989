import type { DigestTweet } from '../store/digest-queries.js';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, nearDuplicateGroups } from './near-duplicates.js';

/** One thing to read in a digest: a post, with the retweets, quotes and reposts folded into it. */
export interface Story {
  main: DigestTweet;
  /** Other accounts that posted the same thing (near-duplicates), by username. */
  alsoBy: string[];
  /** Retweets and quotes of it among the candidates. */
  shares: number;
  members: DigestTweet[];
}

/**
 * Folds retweets and quotes into their originals, then near-duplicate reposts (same text with small
 * edits, other accounts) into the earliest one. Nobody reads the same post twice in a digest.
 */
export function foldStories(
  tweets: readonly DigestTweet[],
  options: { nearDuplicates?: boolean } = {},
): Story[] {
  const byRoot = new Map<string, DigestTweet[]>();
  for (const t of tweets) {
    const root = t.retweetOf ?? t.quoteOf ?? t.id;
    const group = byRoot.get(root);
    if (group) group.push(t);
    else byRoot.set(root, [t]);
  }
  let stories: Story[] = [...byRoot.entries()].map(([root, members]) => {
    const original = members.find((m) => m.id === root);
    const main = original ?? earliest(members.filter((m) => !m.retweetOf)) ?? earliest(members);
    return { main: main as DigestTweet, alsoBy: [], shares: members.length - 1, members };
  });
  if (options.nearDuplicates !== false && stories.length > 1) {
    const groups = nearDuplicateGroups(
      stories.map((s) => s.main.text),
      DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    );
    stories = groups.map((indices) => {
      const group = indices
        .map((i) => stories[i] as Story)
        .sort((a, b) => a.main.createdAt - b.main.createdAt);
      const [first, ...rest] = group as [Story, ...Story[]];
      const others = new Set(rest.map((s) => s.main.username).filter((u) => u !== first.main.username));
      return {
        main: first.main,
        alsoBy: [...others],
        shares: group.reduce((n, s) => n + s.shares, 0),
        members: group.flatMap((s) => s.members),
      };
    });
  }
  return stories;
}

function earliest(tweets: readonly DigestTweet[]): DigestTweet | undefined {
  let best: DigestTweet | undefined;
  for (const t of tweets) if (!best || t.createdAt < best.createdAt) best = t;
  return best;
}
