import type { BrandSpec } from '../classify/brands.js';
import type { PollStores } from '../monitor/stores.js';
import type { Ingestor } from './ingest.js';
import type { PageLine, PreparedPages } from './prepare.js';
import type { PreparePool } from './prepare-pool.js';

/** Pages written so far, of all pages. */
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

export interface ReplayDeps {
  stores: PollStores;
  ingestor: Ingestor;
  pool: PreparePool;
  brands: () => BrandSpec[];
  now: () => number;
  /** Pages per write transaction. */
  batchPages?: number;
}

/**
 * Stores recorded page lines through the ingest pipeline, one transaction per batch of pages. Parsing,
 * classifying and routing a batch run on the worker pool while the main thread writes the previous
 * one, so a bulk replay goes about as fast as SQLite can take the rows.
 */
export async function replayLines(
  lines: readonly PageLine[],
  shiftMs: number,
  deps: ReplayDeps,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplayReport> {
  const watches = deps.stores.watches.list();
  const brands = deps.brands();
  const batches = growingBatches(lines, deps.batchPages ?? 100);
  const report: ReplayReport = { tweets: 0, tweetsNew: 0, matchesNew: 0, perWatch: new Map() };
  const prepare = (batch: readonly PageLine[] | undefined) =>
    batch ? deps.pool.pages(batch, { shiftMs, watches, brands }) : null;
  // Two batches in flight: one being prepared while the other is written.
  const inFlight: (Promise<PreparedPages> | null)[] = [prepare(batches[0]), prepare(batches[1])];
  let done = 0;
  for (let i = 0; i < batches.length; i++) {
    const pages = await (inFlight.shift() as Promise<PreparedPages>);
    inFlight.push(prepare(batches[i + 2]));
    const readings = new Map(pages.tweets.map((t, k) => [t.id, pages.readings[k]] as const));
    deps.stores.transaction(() => {
      const result = deps.ingestor.ingest(pages.tweets, pages.authors, watches, deps.now(), {
        readings: readings as Map<string, NonNullable<(typeof pages.readings)[number]>>,
        routes: pages.routes,
      });
      report.tweetsNew += result.tweetsNew;
      report.matchesNew += result.matchesNew;
      for (const [id, n] of result.perWatch) report.perWatch.set(id, (report.perWatch.get(id) ?? 0) + n);
    });
    report.tweets += pages.tweets.length;
    done += (batches[i] as readonly PageLine[]).length;
    onProgress?.({ done, total: lines.length });
  }
  return report;
}

/**
 * Batches of pages that start small and double up to `max`: the first write starts as soon as a few
 * pages are read, and later batches are large enough to keep commits few.
 */
function growingBatches(lines: readonly PageLine[], max: number): (readonly PageLine[])[] {
  const batches: (readonly PageLine[])[] = [];
  let size = Math.min(4, max);
  for (let i = 0; i < lines.length; i += size, size = Math.min(max, size * 2)) {
    batches.push(lines.slice(i, i + size));
  }
  return batches;
}
