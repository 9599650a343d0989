import type { BrandSpec } from '../classify/brands.js';
import type { Classification } from '../classify/classifier.js';
import type { PollStores } from '../monitor/stores.js';
import type { Watch } from '../watch/types.js';
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
 * Stores recorded page lines through the ingest pipeline, one transaction per batch of pages, in order.
 * Parsing, classifying and routing run on the worker pool while this thread writes; whenever the next
 * batch is not ready yet, this thread prepares a later batch itself instead of waiting, so on a small
 * machine both cores stay busy. Runs as a bulk load (see `PollStores.bulk`).
 */
export function replayLines(
  lines: readonly PageLine[],
  shiftMs: number,
  deps: ReplayDeps,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplayReport> {
  return deps.stores.bulk(() => replayBatches(lines, shiftMs, deps, onProgress));
}

async function replayBatches(
  lines: readonly PageLine[],
  shiftMs: number,
  deps: ReplayDeps,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplayReport> {
  const watches = deps.stores.watches.list();
  const brands = deps.brands();
  const options = { shiftMs, watches, brands };
  const batches = growingBatches(lines, deps.batchPages ?? 20);
  const report: ReplayReport = { tweets: 0, tweetsNew: 0, matchesNew: 0, perWatch: new Map() };
  const slots: BatchSlot[] = [];
  const maxQueued = QUEUED_PER_WORKER * deps.pool.size;
  let queued = 0;
  let claimed = 0;
  const topUp = () => {
    while (queued < maxQueued && claimed < batches.length) {
      const slot: BatchSlot = { ready: null, promise: null };
      slot.promise = deps.pool.pages(batches[claimed] as readonly PageLine[], options).then((open) => {
        slot.ready = open;
        queued--;
        return open;
      });
      slots[claimed++] = slot;
      queued++;
    }
  };
  let done = 0;
  for (let i = 0; i < batches.length; i++) {
    topUp();
    while (!slots[i]?.ready && claimed < batches.length) {
      // Let finished worker results in; if the next batch is still not back, prepare a later one here.
      await yieldToEvents();
      if (slots[i]?.ready) break;
      const own = claimed++;
      const pages = deps.pool.pagesInline(batches[own] as readonly PageLine[], options);
      slots[own] = { ready: () => pages, promise: null };
    }
    const slot = slots[i] as BatchSlot;
    const open = slot.ready ?? (await (slot.promise as Promise<() => PreparedPages>));
    slots[i] = { ready: null, promise: null };
    write(open(), deps, watches, report);
    done += (batches[i] as readonly PageLine[]).length;
    onProgress?.({ done, total: lines.length });
  }
  return report;
}

/**
 * Batches waiting at each worker: enough that a worker never runs dry while this thread is busy writing or
 * preparing a batch of its own (it only sees finished batches between its own pieces of work).
 */
const QUEUED_PER_WORKER = 4;

/** One batch: ready to be opened (prepared here, or back from a worker), or on its way back from a worker. */
interface BatchSlot {
  ready: (() => PreparedPages) | null;
  promise: Promise<() => PreparedPages> | null;
}

function write(
  pages: PreparedPages,
  deps: ReplayDeps,
  watches: readonly Watch[],
  report: ReplayReport,
): void {
  const readings = new Map<string, Classification>();
  pages.tweets.forEach((t, k) => {
    const reading = pages.readings[k];
    if (reading) readings.set(t.id, reading);
  });
  deps.stores.transaction(() => {
    const result = deps.ingestor.ingest(pages.tweets, pages.authors, watches, deps.now(), {
      readings,
      routes: pages.routes,
    });
    report.tweetsNew += result.tweetsNew;
    report.matchesNew += result.matchesNew;
    for (const [id, n] of result.perWatch) report.perWatch.set(id, (report.perWatch.get(id) ?? 0) + n);
  });
  report.tweets += pages.tweets.length;
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
