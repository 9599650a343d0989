/**
 * Ranking authors by reach (the highest follower count seen in the period), then mentions, then id: the one
 * order of "top authors" for brands (candidates from rows by followers) and for any other search (a tally's
 * author table).
 */
import type { AuthorCounts } from './author-counts.js';

/** An author with their reach (highest follower count seen) and mentions in the period. */
export interface AuthorReach {
  id: string;
  followers: number;
  mentions: number;
}

/**
 * The authors that may be among the `n` with the most reach, with their reach, from the first `limit` rows
 * by followers (highest first): the first `n` authors and everyone tied with the `n`-th. Null when the rows
 * end before that is known (there may be more rows tied).
 */
export function candidatesByReach(
  rows: readonly [id: string, followers: number][],
  n: number,
  limit: number,
): Map<string, number> | null {
  const best = new Map<string, number>();
  let threshold = 0;
  for (const [id, followers] of [...rows].sort((a, b) => b[1] - a[1])) {
    if (best.size >= n && followers < threshold) return best;
    if (!best.has(id)) {
      best.set(id, followers);
      if (best.size === n) threshold = followers;
    }
  }
  return rows.length < limit ? best : null;
}

/**
 * The `n` authors with the most reach, then mentions, and every author tied with the `n`-th (the id decides
 * among them, and the ids are not in the tally): one pass, without sorting them all.
 */
export function mostReach(
  authors: AuthorCounts,
  n: number,
): { key: number; followers: number; mentions: number }[] {
  type Entry = { key: number; followers: number; mentions: number };
  const order = (a: Entry, b: Entry) => b.followers - a.followers || b.mentions - a.mentions;
  let best: Entry[] = [];
  if (n <= 0) return best;
  authors.forEach((key, mentions, followers) => {
    const nth = best[n - 1];
    if (nth && (nth.followers > followers || (nth.followers === followers && nth.mentions > mentions)))
      return;
    const entry = { key, followers, mentions };
    let i = best.length;
    while (i > 0 && order(entry, best[i - 1] as Entry) < 0) i--;
    best.splice(i, 0, entry);
    const last = best[n - 1];
    if (last && best.length > n) best = best.filter((b, j) => j < n || order(b, last) === 0);
  });
  return best;
}

/** Most reach first, then most mentions, then the id. */
export function byReach(a: AuthorReach, b: AuthorReach): number {
  return b.followers - a.followers || b.mentions - a.mentions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The `n` candidates with the most reach, then mentions, then id. */
export function rankByReach(
  best: ReadonlyMap<string, number>,
  mentions: ReadonlyMap<string, number>,
  n: number,
): AuthorReach[] {
  return [...best]
    .map(([id, followers]) => ({ id, followers, mentions: mentions.get(id) ?? 0 }))
    .sort(byReach)
    .slice(0, n);
}
