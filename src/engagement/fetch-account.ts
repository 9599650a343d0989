import type { Author, Tweet } from '../domain.js';
import type { Ingestor } from '../pipeline/ingest.js';
import type { UsageStore } from '../store/usage-store.js';
import type { Watch } from '../watch/types.js';
import type { TweetSource } from '../x/source.js';

/** Tweets one timeline page can hold (`max_results=100`): what a page may cost of the read budget. */
export const TIMELINE_PAGE_SIZE = 100;

/** What fetching one account needs: the source, the ingest pipeline and the read budget. */
export interface AccountFetchDeps {
  source: TweetSource;
  ingestor: Ingestor;
  usage: UsageStore;
  /** Runs `fn` in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  /** The active watches, for routing the fetched tweets like polled ones. */
  watches: () => readonly Watch[];
  /** Tweets Kestrel may read per UTC month (config `x.monthlyReadBudget`). */
  monthlyReadBudget: number;
  /** Most timeline pages one fetch reads (default 5, i.e. at most 500 tweets). */
  maxPages?: number;
}

/** How a fetch ended. `over-budget` means nothing (or only the user lookup) was read. */
export type AccountFetchResult =
  | { kind: 'fetched'; author: Author; requests: number; tweetsRead: number; tweetsNew: number }
  | { kind: 'not-found'; requests: number }
  | { kind: 'over-budget'; remaining: number; needed: number; requests: number };

/**
 * Reads an account's timeline from X back to `since` (epoch ms) and ingests it (stored once, classified,
 * routed) in one transaction. Every response is counted in usage as it arrives. Refuses before reading
 * when the worst case (pages it may read × 100 tweets) exceeds what is left of this month's read budget.
 * If X fails midway, the reads made so far stay counted and nothing is stored; the error is rethrown.
 */
export async function fetchAccount(
  deps: AccountFetchDeps,
  username: string,
  since: number,
  now: number,
): Promise<AccountFetchResult> {
  const maxPages = Math.max(1, deps.maxPages ?? 5);
  const remaining = () => Math.max(0, deps.monthlyReadBudget - deps.usage.month(now).tweetsRead);
  if (remaining() < TIMELINE_PAGE_SIZE) {
    return { kind: 'over-budget', remaining: remaining(), needed: TIMELINE_PAGE_SIZE, requests: 0 };
  }

  let requests = 0;
  let tweetsRead = 0;
  requests++;
  const author = await deps.source.userByUsername(username);
  deps.usage.recordRead(now, []);
  if (!author) return { kind: 'not-found', requests };
  // An account with 12 tweets in all cannot cost more than one page.
  const pagesAtMost = Math.min(maxPages, Math.max(1, Math.ceil(author.tweetCount / TIMELINE_PAGE_SIZE)));
  const needed = pagesAtMost * TIMELINE_PAGE_SIZE;
  if (needed > remaining()) return { kind: 'over-budget', remaining: remaining(), needed, requests };

  const tweets: Tweet[] = [];
  const authors = new Map<string, Author>([[author.id, author]]);
  let nextToken: string | null = null;
  for (let page = 0; page < pagesAtMost; page++) {
    requests++;
    const result = await deps.source.timeline(author.id, { nextToken });
    tweetsRead += deps.usage.recordRead(
      now,
      result.tweets.map((t) => t.id),
    ).size;
    tweets.push(...result.tweets);
    for (const a of result.authors) if (!authors.has(a.id)) authors.set(a.id, a);
    nextToken = result.nextToken;
    const oldest = result.tweets.reduce((min, t) => Math.min(min, t.createdAt), Number.POSITIVE_INFINITY);
    if (!nextToken || result.tweets.length === 0 || oldest < since) break;
  }

  const prepared = await deps.ingestor.prepare(tweets);
  const tweetsNew = deps.transaction(
    () => deps.ingestor.ingest(tweets, [...authors.values()], deps.watches(), now, prepared).tweetsNew,
  );
  return { kind: 'fetched', author, requests, tweetsRead, tweetsNew };
}
