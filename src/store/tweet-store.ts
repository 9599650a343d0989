import type { Author, Tweet } from '../domain.js';
import type { Db } from './database.js';
import { foldForSearch } from './fold.js';

/** What one save did: which tweets were new (by seq), and how many were already stored. */
export interface SaveResult {
  newTweets: { seq: number; tweet: Tweet }[];
  updated: number;
  /** seq of every tweet in the batch, new or not, in input order. */
  seqs: number[];
}

/** Writes tweets and authors. Callers wrap calls in one transaction per poll cycle or replay batch. */
export interface TweetWriter {
  /** Stores authors (with a follower snapshot) and tweets once each; a known tweet gets its metrics updated. */
  save(tweets: readonly Tweet[], authors: readonly Author[], fetchedAt: number): SaveResult;
}

export function createTweetWriter(db: Db): TweetWriter {
  const upsertAuthor = db.prepare(`
    INSERT INTO authors (id, username, name, description, verified, created_at, followers, following, tweet_count, updated_at)
    VALUES (@id, @username, @name, @description, @verified, @createdAt, @followers, @following, @tweetCount, @at)
    ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
      description = excluded.description, verified = excluded.verified, followers = excluded.followers,
      following = excluded.following, tweet_count = excluded.tweet_count, updated_at = excluded.updated_at
    WHERE excluded.updated_at >= authors.updated_at`);
  const snapshotAuthor = db.prepare(`
    INSERT OR IGNORE INTO author_snapshots (author_id, fetched_at, followers, following, tweet_count)
    VALUES (?, ?, ?, ?, ?)`);
  const insertTweet = db.prepare(`
    INSERT OR IGNORE INTO tweets (id, author_id, text, created_at, lang, conversation_id, reply_to, quote_of, retweet_of,
      urls, mentions, hashtags, likes, retweets, replies, quotes, bookmarks, impressions, author_followers,
      fetched_at, metrics_at)
    VALUES (@id, @authorId, @text, @createdAt, @lang, @conversationId, @replyTo, @quoteOf, @retweetOf,
      @urls, @mentions, @hashtags, @likes, @retweets, @replies, @quotes, @bookmarks, @impressions, @followers,
      @at, @at)`);
  const updateMetrics = db.prepare(`
    UPDATE tweets SET likes = @likes, retweets = @retweets, replies = @replies, quotes = @quotes,
      bookmarks = coalesce(@bookmarks, bookmarks), impressions = coalesce(@impressions, impressions), metrics_at = @at
    WHERE id = @id AND metrics_at <= @at
    RETURNING seq`);
  const seqOf = db.prepare('SELECT seq FROM tweets WHERE id = ?').pluck();
  const snapshotMetrics = db.prepare(`
    INSERT OR IGNORE INTO tweet_metrics (tweet_seq, fetched_at, likes, retweets, replies, quotes, bookmarks, impressions)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const indexText = db.prepare('INSERT INTO tweets_fts (rowid, text) VALUES (?, ?)');

  return {
    save(tweets, authors, fetchedAt) {
      const followersOf = new Map<string, number>();
      for (const author of authors) {
        followersOf.set(author.id, author.followers);
        upsertAuthor.run({
          ...author,
          verified: author.verified ? 1 : 0,
          at: fetchedAt,
        });
        snapshotAuthor.run(author.id, fetchedAt, author.followers, author.following, author.tweetCount);
      }
      const result: SaveResult = { newTweets: [], updated: 0, seqs: [] };
      for (const tweet of tweets) {
        const m = tweet.metrics;
        const row = {
          id: tweet.id,
          authorId: tweet.authorId,
          text: tweet.text,
          createdAt: tweet.createdAt,
          lang: tweet.lang,
          conversationId: tweet.conversationId,
          replyTo: referenceOf(tweet, 'replied_to'),
          quoteOf: referenceOf(tweet, 'quoted'),
          retweetOf: referenceOf(tweet, 'retweeted'),
          urls: JSON.stringify(tweet.urls),
          mentions: JSON.stringify(tweet.mentions),
          hashtags: JSON.stringify(tweet.hashtags),
          likes: m.likes,
          retweets: m.retweets,
          replies: m.replies,
          quotes: m.quotes,
          bookmarks: m.bookmarks,
          impressions: m.impressions,
          followers: followersOf.get(tweet.authorId) ?? 0,
          at: fetchedAt,
        };
        let seq: number;
        const inserted = insertTweet.run(row);
        if (inserted.changes === 1) {
          seq = Number(inserted.lastInsertRowid);
          indexText.run(seq, foldForSearch(tweet.text));
          result.newTweets.push({ seq, tweet });
        } else {
          const updated = updateMetrics.get(row) as { seq: number } | undefined;
          seq = updated?.seq ?? (seqOf.get(tweet.id) as number);
          result.updated++;
        }
        snapshotMetrics.run(
          seq,
          fetchedAt,
          m.likes,
          m.retweets,
          m.replies,
          m.quotes,
          m.bookmarks,
          m.impressions,
        );
        result.seqs.push(seq);
      }
      return result;
    },
  };
}

function referenceOf(tweet: Tweet, type: 'replied_to' | 'quoted' | 'retweeted'): string | null {
  for (const ref of tweet.references) if (ref.type === type) return ref.id;
  return null;
}
