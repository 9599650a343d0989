import type { BrandSpec } from '../classify/brands.js';
import {
  CLASSIFIER_VERSION,
  type Classification,
  type Classifier,
  createClassifier,
} from '../classify/classifier.js';
import type { Author, Tweet } from '../domain.js';
import { createRouter, type Router } from '../planner/router.js';
import type { SignalWriter } from '../store/signal-store.js';
import type { TweetWriter } from '../store/tweet-store.js';
import type { WatchStore } from '../store/watch-store.js';
import type { Watch } from '../watch/types.js';
import type { PreparedBatch } from './prepare.js';
import { uniqueById } from './prepare.js';
import type { PreparePool } from './prepare-pool.js';

/** Runs on every tweet stored for the first time, inside the ingest transaction (alerts, say). */
export interface NewTweetHook {
  onNewTweets(
    batch: readonly { seq: number; tweet: Tweet; author: Author | undefined; reading: Classification }[],
    at: number,
  ): void;
}

export interface IngestResult {
  tweetsNew: number;
  tweetsUpdated: number;
  matchesNew: number;
  /** New matches per watch id. */
  perWatch: Map<number, number>;
}

/**
 * Stores a batch of tweets once each, reads (classifies) the new ones, routes every one to its watches
 * and runs the new-tweet hooks. `prepare` does the reading ahead, on the worker pool; `ingest` writes.
 */
export interface Ingestor {
  /** Classifies the tweets not stored yet; call before the transaction. */
  prepare(tweets: readonly Tweet[]): Promise<PreparedBatch>;
  /** Call inside a transaction. Anything `prepared` lacks is computed here, inline. */
  ingest(
    tweets: readonly Tweet[],
    authors: readonly Author[],
    watches: readonly Watch[],
    at: number,
    prepared?: PreparedBatch,
  ): IngestResult;
}

export interface IngestorDeps {
  tweets: TweetWriter;
  watches: WatchStore;
  signals: SignalWriter;
  /** The brands to look for now (they change with /watch add brand). */
  brands: () => BrandSpec[];
  pool: PreparePool;
  hooks?: NewTweetHook[];
}

export function createIngestor(deps: IngestorDeps): Ingestor {
  let routerFor: { watches: readonly Watch[]; router: Router } | null = null;
  const routerOf = (watches: readonly Watch[]): Router => {
    if (routerFor?.watches !== watches) routerFor = { watches, router: createRouter(watches) };
    return routerFor.router;
  };
  let inline: { key: string; classifier: Classifier } | null = null;
  const classifierOf = (): Classifier => {
    const brands = deps.brands();
    const key = JSON.stringify(brands);
    if (inline?.key !== key) inline = { key, classifier: createClassifier({ brands }) };
    return inline.classifier;
  };

  return {
    async prepare(tweets) {
      const readings = new Map<string, Classification>();
      if (tweets.length === 0) return { readings };
      const unknown = deps.tweets.unknownIds(tweets.map((t) => t.id));
      const candidates = uniqueById(tweets.filter((t) => unknown.has(t.id)));
      const read = await deps.pool.classify(
        candidates.map((t) => ({ text: t.text, lang: t.lang })),
        deps.brands(),
      );
      candidates.forEach((t, i) => {
        const r = read[i];
        if (r) readings.set(t.id, r);
      });
      return { readings };
    },
    ingest(tweets, authors, watches, at, prepared) {
      const authorById = new Map<string, Author>();
      for (const a of authors) authorById.set(a.id, a);
      const unique = uniqueById(tweets);
      const saved = deps.tweets.save(unique, [...authorById.values()], at);

      const routes = prepared?.routes;
      const router = routes ? null : routerOf(watches);
      const pairs: { watchId: number; tweetSeq: number }[] = [];
      for (let i = 0; i < unique.length; i++) {
        const tweet = unique[i] as Tweet;
        const ids = routes?.[i] ?? router?.route(tweet, authorById.get(tweet.authorId)) ?? [];
        for (const watchId of ids) pairs.push({ watchId, tweetSeq: saved.seqs[i] as number });
      }
      const perWatch = new Map<number, number>();
      const matchesNew = deps.watches.addMatches(pairs, at, (watchId) =>
        perWatch.set(watchId, (perWatch.get(watchId) ?? 0) + 1),
      );

      const fresh = saved.newTweets.map(({ seq, tweet }) => {
        const reading = prepared?.readings.get(tweet.id) ?? classifierOf().classify(tweet.text, tweet.lang);
        return { seq, tweet, author: authorById.get(tweet.authorId), reading };
      });
      deps.signals.insertMany(
        fresh.map(({ seq, tweet, author, reading }) => ({
          seq,
          createdAt: tweet.createdAt,
          reading,
          engagement:
            tweet.metrics.likes + tweet.metrics.retweets + tweet.metrics.replies + tweet.metrics.quotes,
          original: !tweet.references.some((r) => r.type === 'retweeted'),
          authorId: tweet.authorId,
          authorFollowers: author?.followers ?? 0,
        })),
        CLASSIFIER_VERSION,
      );
      if (fresh.length > 0) for (const hook of deps.hooks ?? []) hook.onNewTweets(fresh, at);
      return { tweetsNew: saved.newTweets.length, tweetsUpdated: saved.updated, matchesNew, perWatch };
    },
  };
}
