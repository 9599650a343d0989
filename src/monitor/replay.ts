import type { Page } from '../x/wire.js';
import type { Ingestor } from './ingest.js';
import type { PollStores } from './stores.js';

export interface ReplayProgress {
  done: number;
  total: number;
}

export interface ReplayReport {
  tweets: number;
  tweetsNew: number;
  matchesNew: number;
  perWatch: Map<number, number>;
}

/**
 * Stores recorded pages through the same pipeline as a poll (store once, classify, route to every
 * active watch), one transaction per batch of pages so a long replay shows progress and a crash keeps
 * what was done.
 */
export function replayPages(
  pages: readonly Page[],
  deps: { stores: PollStores; ingestor: Ingestor; now: () => number; batchTweets?: number },
  onProgress?: (progress: ReplayProgress) => void,
): ReplayReport {
  const watches = deps.stores.watches.list();
  const total = pages.reduce((n, p) => n + p.tweets.length, 0);
  const report: ReplayReport = { tweets: total, tweetsNew: 0, matchesNew: 0, perWatch: new Map() };
  const limit = deps.batchTweets ?? 5_000;
  let done = 0;
  let i = 0;
  while (i < pages.length) {
    const batch: Page[] = [];
    let size = 0;
    while (i < pages.length && (size === 0 || size + (pages[i]?.tweets.length ?? 0) <= limit)) {
      const page = pages[i++] as Page;
      batch.push(page);
      size += page.tweets.length;
    }
    deps.stores.transaction(() => {
      const result = deps.ingestor.ingest(
        batch.flatMap((p) => p.tweets),
        batch.flatMap((p) => p.authors),
        watches,
        deps.now(),
      );
      report.tweetsNew += result.tweetsNew;
      report.matchesNew += result.matchesNew;
      for (const [id, n] of result.perWatch) report.perWatch.set(id, (report.perWatch.get(id) ?? 0) + n);
    });
    done += size;
    onProgress?.({ done, total });
  }
  return report;
}
