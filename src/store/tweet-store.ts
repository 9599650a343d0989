import type { Author, Tweet } from '../domain.js';
import type { Db } from './database.js';
import { foldForSearch } from './fold.js';
import { searchKey } from './search-key.js';

/** What one save did: which tweets were new (by seq), and how many were already stored. */
export interface SaveResult {
  newTweets: { seq: number; tweet: Tweet }[];
  updated: number;
  /** seq of every tweet in the batch, new or not, in input order. */
  seqs: number[];
}

/** Writes tweets and authors. Callers wrap calls in one transaction per poll cycle or replay batch. */
export interface TweetWriter {
  /**
   * Stores authors (with a follower snapshot) and tweets once each; a known tweet gets its metrics updated.
   * A tweet whose author is not among `authors` and not stored yet gets a minimal author row marked unknown.
   */
  save(tweets: readonly Tweet[], authors: readonly Author[], fetchedAt: number): SaveResult;
  /** The ids among `ids` that are not stored yet. */
  unknownIds(ids: readonly string[]): Set<string>;
  /** Forgets which authors were written: call when a transaction that saved has rolled back. */
  forgetWritten(): void;
}

export function createTweetWriter(db: Db): TweetWriter {
  const upsertAuthor = db.prepare(`
    INSERT INTO authors (id, username, name, description, verified, created_at, followers, following, tweet_count, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
      description = excluded.description, verified = excluded.verified, followers = excluded.followers,
      following = excluded.following, tweet_count = excluded.tweet_count, updated_at = excluded.updated_at,
      unknown = 0
    WHERE excluded.updated_at >= authors.updated_at OR authors.unknown = 1`);
  // A tweet whose author X left out of `includes` (migration 7): a row that only says "unknown", never
  // overwriting a known author, replaced by the first page that brings the real one.
  const placeholderAuthor = db.prepare(`
    INSERT OR IGNORE INTO authors (id, username, name, updated_at, unknown) VALUES (?, '', '', 0, 1)`);
  const snapshotAuthor = db.prepare(`
    INSERT OR IGNORE INTO author_snapshots (author_id, fetched_at, followers, following, tweet_count)
    VALUES (?, ?, ?, ?, ?)`);
  const insertTweet = db.prepare(`
    INSERT OR IGNORE INTO tweets (id, author_id, text, created_at, lang, conversation_id, reply_to, quote_of, retweet_of,
      urls, mentions, hashtags, likes, retweets, replies, quotes, bookmarks, impressions, author_followers,
      fetched_at, metrics_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateMetrics = db
    .prepare(`
    UPDATE tweets SET likes = ?, retweets = ?, replies = ?, quotes = ?,
      bookmarks = coalesce(?, bookmarks), impressions = coalesce(?, impressions), metrics_at = ?
    WHERE id = ? AND metrics_at <= ?
    RETURNING seq`)
    .pluck();
  // brand_mention_tweets (migration 5) and tweet_facts (migration 6) keep engagement for /mentions: follow new
  // metrics.
  const syncEngagement = db.prepare(`
    UPDATE brand_mention_tweets SET engagement = (SELECT likes + retweets + replies + quotes FROM tweets WHERE seq = @seq)
    WHERE tweet_seq = @seq`);
  const syncFacts = db.prepare(`
    UPDATE tweet_facts SET engagement = (SELECT likes + retweets + replies + quotes FROM tweets WHERE seq = @seq)
    WHERE seq = @seq`);
  const seqOf = db.prepare('SELECT seq FROM tweets WHERE id = ?').pluck();
  const snapshotMetrics = db.prepare(`
    INSERT OR IGNORE INTO tweet_metrics (tweet_seq, fetched_at, likes, retweets, replies, quotes, bookmarks, impressions)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const indexText = db.prepare('INSERT INTO tweets_fts (rowid, text) VALUES (?, ?)');
  const knownOf = db.prepare('SELECT id FROM tweets WHERE id IN (SELECT value FROM json_each(?))').pluck();

  const written = createAuthorMemory();

  return {
    forgetWritten: () => written.clear(),
    unknownIds(ids) {
      const known = new Set(knownOf.all(JSON.stringify(ids)) as string[]);
      return new Set(ids.filter((id) => !known.has(id)));
    },
    save(tweets, authors, fetchedAt) {
      const followersOf = new Map<string, number>();
      for (const author of authors) {
        followersOf.set(author.id, author.followers);
        if (!written.changed(author, fetchedAt)) continue;
        upsertAuthor.run(
          author.id,
          author.username,
          author.name,
          author.description,
          author.verified ? 1 : 0,
          author.createdAt,
          author.followers,
          author.following,
          author.tweetCount,
          fetchedAt,
        );
        snapshotAuthor.run(author.id, fetchedAt, author.followers, author.following, author.tweetCount);
      }
      for (const tweet of tweets) if (!followersOf.has(tweet.authorId)) placeholderAuthor.run(tweet.authorId);
      const result: SaveResult = { newTweets: [], updated: 0, seqs: [] };
      for (const tweet of tweets) {
        const m = tweet.metrics;
        let seq: number;
        const inserted = insertTweet.run(
          tweet.id,
          tweet.authorId,
          tweet.text,
          tweet.createdAt,
          tweet.lang,
          tweet.conversationId,
          referenceOf(tweet, 'replied_to'),
          referenceOf(tweet, 'quoted'),
          referenceOf(tweet, 'retweeted'),
          jsonList(tweet.urls),
          jsonList(tweet.mentions),
          jsonList(tweet.hashtags),
          m.likes,
          m.retweets,
          m.replies,
          m.quotes,
          m.bookmarks,
          m.impressions,
          followersOf.get(tweet.authorId) ?? 0,
          fetchedAt,
          fetchedAt,
        );
        if (inserted.changes === 1) {
          seq = Number(inserted.lastInsertRowid);
          const reply = referenceOf(tweet, 'replied_to') !== null;
          indexText.run(searchKey(seq, tweet.createdAt, tweet.lang, reply), foldForSearch(tweet.text));
          result.newTweets.push({ seq, tweet });
        } else {
          const updated = updateMetrics.get(
            m.likes,
            m.retweets,
            m.replies,
            m.quotes,
            m.bookmarks,
            m.impressions,
            fetchedAt,
            tweet.id,
            fetchedAt,
          ) as number | undefined;
          if (updated !== undefined) {
            syncEngagement.run({ seq: updated });
            syncFacts.run({ seq: updated });
          }
          seq = updated ?? (seqOf.get(tweet.id) as number);
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

const HOUR_MS = 3_600_000;
/** Authors remembered by {@link createAuthorMemory} before it starts over. */
const AUTHOR_MEMORY = 50_000;

/**
 * What this writer last wrote for each author, so an author seen again within the same hour with the same
 * profile and figures (every page of a replay or a busy poll names the same people) is not rewritten and
 * gets no duplicate snapshot. A change of any figure is written at once.
 */
function createAuthorMemory() {
  const last = new Map<string, string>();
  return {
    changed(a: Author, at: number): boolean {
      const key = `${Math.floor(at / HOUR_MS)}|${a.followers}|${a.following}|${a.tweetCount}|${a.verified}|${a.username}|${a.name}|${a.createdAt}|${a.description}`;
      if (last.get(a.id) === key) return false;
      if (last.size >= AUTHOR_MEMORY) last.clear();
      last.set(a.id, key);
      return true;
    },
    clear: () => last.clear(),
  };
}

function jsonList(values: readonly string[]): string {
  return values.length === 0 ? '[]' : JSON.stringify(values);
}

function referenceOf(tweet: Tweet, type: 'replied_to' | 'quoted' | 'retweeted'): string | null {
  for (const ref of tweet.references) if (ref.type === type) return ref.id;
  return null;
}
