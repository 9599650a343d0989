import type { Author, Tweet } from '../domain.js';
import { createRouter, type Router } from '../planner/router.js';
import type { TweetWriter } from '../store/tweet-store.js';
import type { WatchStore } from '../store/watch-store.js';
import type { Watch } from '../watch/types.js';

/** Runs on every tweet stored for the first time, inside the ingest transaction (e.g. classification). */
export interface NewTweetHook {
  onNewTweets(batch: readonly { seq: number; tweet: Tweet; author: Author | undefined }[], at: number): void;
}

export interface IngestResult {
  tweetsNew: number;
  tweetsUpdated: number;
  matchesNew: number;
  /** New matches per watch id. */
  perWatch: Map<number, number>;
}

/** Stores a batch of tweets once each, routes them to watches and runs the new-tweet hooks. */
export interface Ingestor {
  /** Call inside a transaction. */
  ingest(
    tweets: readonly Tweet[],
    authors: readonly Author[],
    watches: readonly Watch[],
    at: number,
  ): IngestResult;
}

export function createIngestor(deps: {
  tweets: TweetWriter;
  watches: WatchStore;
  hooks?: NewTweetHook[];
}): Ingestor {
  let routerFor: { watches: readonly Watch[]; router: Router } | null = null;
  const routerOf = (watches: readonly Watch[]): Router => {
    if (routerFor?.watches !== watches) routerFor = { watches, router: createRouter(watches) };
    return routerFor.router;
  };

  return {
    ingest(tweets, authors, watches, at) {
      const authorById = new Map<string, Author>();
      for (const a of authors) authorById.set(a.id, a);
      const unique = dedupeById(tweets);
      const saved = deps.tweets.save(unique, [...authorById.values()], at);
      const router = routerOf(watches);
      const pairs: { watchId: number; tweetSeq: number }[] = [];
      for (let i = 0; i < unique.length; i++) {
        const tweet = unique[i] as Tweet;
        for (const watchId of router.route(tweet, authorById.get(tweet.authorId))) {
          pairs.push({ watchId, tweetSeq: saved.seqs[i] as number });
        }
      }
      const perWatch = new Map<number, number>();
      const matchesNew = deps.watches.addMatches(pairs, at, (watchId) =>
        perWatch.set(watchId, (perWatch.get(watchId) ?? 0) + 1),
      );
      if (saved.newTweets.length > 0 && deps.hooks) {
        const batch = saved.newTweets.map((n) => ({ ...n, author: authorById.get(n.tweet.authorId) }));
        for (const hook of deps.hooks) hook.onNewTweets(batch, at);
      }
      return { tweetsNew: saved.newTweets.length, tweetsUpdated: saved.updated, matchesNew, perWatch };
    },
  };
}

/** A batch may hold a tweet twice (two packed queries found it); keep the last copy (freshest metrics). */
function dedupeById(tweets: readonly Tweet[]): Tweet[] {
  const byId = new Map<string, Tweet>();
  for (const t of tweets) byId.set(t.id, t);
  return byId.size === tweets.length ? (tweets as Tweet[]) : [...byId.values()];
}
