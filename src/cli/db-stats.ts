import type { Kestrel } from '../app.js';
import { CLASSIFIER_VERSION } from '../classify/classifier.js';
import { formatUsd } from '../monitor/estimate.js';
import { outdatedReadings, readStoreStats } from '../store/stats-store.js';

/** `kestrel db stats`: what the store holds, API usage against the budget, the last poll. */
export function dbStatsText(kestrel: Kestrel): string {
  const s = readStoreStats(kestrel.db, kestrel.dbPath);
  const now = kestrel.clock.now();
  const today = kestrel.stores.usage.day(now);
  const month = kestrel.stores.usage.month(now);
  const last = kestrel.stores.runs.last();
  const lastError = kestrel.stores.runs.lastError();
  const counts = kestrel.stores.watches.matchCounts();
  const status = kestrel.pollStatus;
  const x = kestrel.config.x;
  const date = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z'));
  const lines = [
    `database        ${kestrel.dbPath} (schema v${s.schemaVersion}${s.fileBytes === null ? '' : `, ${(s.fileBytes / 1024 / 1024).toFixed(1)} MiB`})`,
    `tweets          ${s.tweets} (${date(s.oldestTweetAt)} .. ${date(s.newestTweetAt)})`,
    `authors         ${s.authors} (${s.authorSnapshots} follower snapshots)`,
    `metric snapshots ${s.metricSnapshots}`,
    `watches         ${s.activeWatches} active, ${s.matches} matches`,
    ...kestrel.stores.watches.list().map((w) => {
      const notes = [status.watchStatus(w.id, now), status.skipsOf(w.id, now)].filter(Boolean);
      return `  ${w.spec.kind.padEnd(6)} ${w.spec.name}: ${counts.get(w.id) ?? 0}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
    }),
    `X reads today   ${today.tweetsRead} posts billed in ${today.requests} requests, ${today.reReads} re-reads (free), ${today.countsRequests} counts requests; ${formatUsd(status.today(now).cost)} (UTC day; allowance ${status.allowance(now)} posts)`,
    `X reads month   ${month.tweetsRead} of ${x.monthlyReadBudget} budget, ${month.reReads} re-reads, ${month.countsRequests} counts requests; ${formatUsd(status.month(now).cost)}, by month end ≈ ${formatUsd(status.projectedMonthCost(now))}`,
    `X prices        ${formatUsd(x.pricePerRead)} a post read, ${formatUsd(x.pricePerCountsRequest)} a counts request; at most ${x.maxReadsPerWatchPerDay} posts a watch a day`,
    `last poll       ${last ? `${date(last.startedAt)} ${last.status}${last.message ? `: ${last.message}` : ''}` : 'never'}`,
  ];
  const outdated = outdatedReadings(kestrel.db, CLASSIFIER_VERSION);
  if (outdated > 0)
    lines.push(`readings        ${outdated} tweets were read by an older classifier: run kestrel reclassify`);
  if (lastError && lastError !== last)
    lines.push(`last error      ${date(lastError.startedAt)}: ${lastError.message}`);
  return lines.join('\n');
}
