import type { BrandSpec } from '../classify/brands.js';
import type { Classification } from '../classify/classifier.js';
import type { PollStores } from '../monitor/stores.js';
import type { Watch } from '../watch/types.js';
import type { Ingestor } from './ingest.js';
import type { PageLine, PreparedPages } from './prepare.js';
import type { PreparePool } from './prepare-pool.js';

/** Page lines to replay, read a batch at a time when the batch is claimed (a recording on disk reads them then). */
export interface PageLineSource {
  readonly count: number;
  read(from: number, to: number): readonly PageLine[];
  /** Where page `index` stands in its file (1-based), for error messages; default `index + 1`. */
  lineNumber?(index: number): number;
}

/** Lines already in memory as a source. */
export function pageLinesOf(lines: readonly PageLine[]): PageLineSource {
  return { count: lines.length, read: (from, to) => lines.slice(from, to) };
}

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
  /** What error messages call the recording, e.g. `pages.jsonl line` (default `page`). */
  origin?: string;
  /** Pages per batch: the unit of work of a worker, or of this thread (default 20). */
  batchPages?: number;
  /**
   * Pages per write transaction (default 100): consecutive batches are written together until they hold this
   * many. Each commit rewrites the pages it touched (index and FTS pages above all), so larger transactions
   * write less log: a 100,000-tweet replay logs ~110 MB in transactions of 100 pages against ~190 MB in
   * transactions of 20.
   */
  transactionPages?: number;
}

/**
 * Stores recorded page lines through the ingest pipeline, in order, a few batches of pages per transaction.
 * Parsing, classifying and routing run on the worker pool while this thread writes; whenever the next
 * batch is not ready yet, this thread prepares a later batch itself instead of waiting, so on a small
 * machine both cores stay busy. Runs as a bulk load (see `PollStores.bulk`).
 */
export function replayLines(
  lines: PageLineSource | readonly PageLine[],
  shiftMs: number,
  deps: ReplayDeps,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplayReport> {
  const source = 'count' in lines ? lines : pageLinesOf(lines);
  return deps.stores.bulk(() => replayBatches(source, shiftMs, deps, onProgress));
}

async function replayBatches(
  lines: PageLineSource,
  shiftMs: number,
  deps: ReplayDeps,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplayReport> {
  const watches = deps.stores.watches.list();
  const brands = deps.brands();
  const batches = growingBatches(lines.count, deps.batchPages ?? 20);
  const linesOf = (batch: number) => {
    const { from, to } = batches[batch] as Batch;
    return lines.read(from, to);
  };
  const optionsOf = (batch: number) => {
    const { from, to } = batches[batch] as Batch;
    const lineNumbers = Array.from(
      { length: to - from },
      (_, i) => lines.lineNumber?.(from + i) ?? from + i + 1,
    );
    return { shiftMs, watches, brands, origin: deps.origin ?? 'page', lineNumbers };
  };
  const report: ReplayReport = { tweets: 0, tweetsNew: 0, matchesNew: 0, perWatch: new Map() };
  const slots: BatchSlot[] = [];
  const maxQueued = QUEUED_PER_WORKER * deps.pool.size;
  let queued = 0;
  let claimed = 0;
  const topUp = () => {
    while (queued < maxQueued && claimed < batches.length) {
      const slot: BatchSlot = { ready: null, promise: null };
      slot.promise = deps.pool.pages(linesOf(claimed), optionsOf(claimed)).then((open) => {
        slot.ready = open;
        queued--;
        return open;
      });
      slots[claimed++] = slot;
      queued++;
    }
  };
  /** Batch i, ready to be opened (see `PreparePool.pages`): opened only when it is written. */
  const ready = async (i: number): Promise<() => PreparedPages> => {
    topUp();
    while (!slots[i]?.ready && claimed < batches.length) {
      // Let finished worker results in; if batch i is still not back, prepare a later one here.
      await yieldToEvents();
      if (slots[i]?.ready) break;
      const own = claimed++;
      const pages = deps.pool.pagesInline(linesOf(own), optionsOf(own));
      slots[own] = { ready: () => pages, promise: null };
    }
    const slot = slots[i] as BatchSlot;
    const open = slot.ready ?? (await (slot.promise as Promise<() => PreparedPages>));
    slots[i] = { ready: null, promise: null };
    return open;
  };
  const perTransaction = deps.transactionPages ?? 100;
  for (let first = 0; first < batches.length; ) {
    const group: (() => PreparedPages)[] = [];
    let end = first;
    // A group grows to `perTransaction` pages; near the end, when this thread has nothing left to prepare,
    // it writes what it has instead of waiting for the worker's last batches.
    do group.push(await ready(end++));
    while (
      end < batches.length &&
      (batches[end] as Batch).to - (batches[first] as Batch).from <= perTransaction &&
      (claimed < batches.length || slots[end]?.ready)
    );
    write(group, deps, watches, report);
    first = end;
    onProgress?.({ done: (batches[end - 1] as Batch).to, total: lines.count });
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

/** Writes prepared batches in one transaction, opening each when its turn comes. */
function write(
  group: readonly (() => PreparedPages)[],
  deps: ReplayDeps,
  watches: readonly Watch[],
  report: ReplayReport,
): void {
  deps.stores.transaction(() => {
    for (const open of group) {
      const pages = open();
      report.tweets += pages.tweets.length;
      const readings = new Map<string, Classification>();
      pages.tweets.forEach((t, k) => {
        const reading = pages.readings[k];
        if (reading) readings.set(t.id, reading);
      });
      const result = deps.ingestor.ingest(pages.tweets, pages.authors, watches, deps.now(), {
        readings,
        routes: pages.routes,
      });
      report.tweetsNew += result.tweetsNew;
      report.matchesNew += result.matchesNew;
      for (const [id, n] of result.perWatch) report.perWatch.set(id, (report.perWatch.get(id) ?? 0) + n);
    }
  });
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Lines `from` to `to` (exclusive) of the source. */
interface Batch {
  from: number;
  to: number;
}

/**
 * Batches of pages that start small and double up to `max`: the first write starts as soon as a few
 * pages are read, and later batches are large enough to keep commits few.
 */
function growingBatches(count: number, max: number): Batch[] {
  const batches: Batch[] = [];
  let size = Math.min(4, max);
  for (let from = 0; from < count; from += size, size = Math.min(max, size * 2)) {
    batches.push({ from, to: Math.min(count, from + size) });
  }
  return batches;
}
