import type { EngagementInput } from '../engagement/rate.js';
import type { Db } from './database.js';

/** An X account as stored, with its latest known follower count. */
export interface StoredAccount {
  id: string;
  username: string;
  name: string;
  followers: number;
}

/** The reads `/engagement` needs: accounts by username and their original tweets in a time range. */
export interface EngagementQueries {
  /** The stored account with this username (any case); the most recently updated one if renamed. */
  accountByUsername(username: string): StoredAccount | null;
  /**
   * The account's original tweets (neither replies nor retweets; quotes count) created in
   * [from, to), oldest first. `followers` is the author's followers when the tweet was fetched; where
   * that was not recorded (0), the follower snapshot nearest in time to the fetch, else 0.
   */
  originalTweets(authorId: string, from: number, to: number): EngagementInput[];
}

/** The engagement reads over a Kestrel database. */
export function createEngagementQueries(db: Db): EngagementQueries {
  const account = db.prepare(`
    SELECT id, username, name, followers FROM authors
    WHERE username = ? COLLATE NOCASE
    ORDER BY updated_at DESC, id LIMIT 1`);
  const originals = db.prepare(`
    SELECT t.id, t.text, t.created_at AS createdAt, t.likes, t.retweets, t.replies, t.quotes, t.impressions,
      CASE WHEN t.author_followers > 0 THEN t.author_followers ELSE coalesce((
        SELECT s.followers FROM author_snapshots s
        WHERE s.author_id = t.author_id AND s.followers > 0
        ORDER BY abs(s.fetched_at - t.fetched_at), s.fetched_at DESC LIMIT 1
      ), 0) END AS followers
    FROM tweets t
    WHERE t.author_id = ? AND t.created_at >= ? AND t.created_at < ?
      AND t.reply_to IS NULL AND t.retweet_of IS NULL
    ORDER BY t.created_at, t.seq`);
  return {
    accountByUsername: (username) => (account.get(username) as StoredAccount | undefined) ?? null,
    originalTweets: (authorId, from, to) => originals.all(authorId, from, to) as EngagementInput[],
  };
}
