/**
 * The query shapes of issue 15 timed on a built store, in a process of their own so that `peak_rss_mb` is the
 * peak of `/mentions` calls above that process's idle (the parent's build of a million tweets would hide it).
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMentionsCommand } from '../../commands/mentions.js';
import type { CommandContext } from '../../src/chat/context.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createMentionQueries } from '../../src/store/mention-queries.js';
import { createSearchHelper } from '../../src/store/search-helper.js';
import { AUTHOR_LIMIT } from '../../src/store/search-tally.js';
import { createWatchStore } from '../../src/store/watch-store.js';

/** Shape → the `/mentions` arguments, and the text a naive `LIKE '%…%'` scan would look for (if one). */
export const SHAPES: Record<string, [args: string, like: string | null]> = {
  brand: ['yandex 7d', 'яндекс'],
  word_common: ['команда 7d', 'команда'],
  phrase: ['"code review" 7d', 'code review'],
  brand_minus_word: ['yandex -релиз 7d', null],
  or_lang: ['(python OR golang) lang:ru 7d', null],
  from_handle: ['from:@user_0 7d', null],
};

export interface ShapeFigures {
  p50_ms: number;
  p99_ms: number;
  /** Peak RSS of a process running only this shape, above its idle (store open, nothing asked yet). */
  peak_rss_mb: number;
  /** Matches in the period (current 7 days). */
  matches: number;
  like_p50_ms?: number;
}

export interface ShapesResult {
  shapes: Record<string, ShapeFigures>;
  idle_rss_mb: number;
  /** The highest of the shapes' peaks above idle. */
  peak_rss_mb: number;
}

const DAY = 86_400_000;
/** Calls of a shape on the unmapped connection whose peak RSS is recorded. */
const MEMORY_RUNS = 5;

/** What the bench's `/mentions` calls run as: an English private chat in Moscow time. */
export function benchContext(now: number): CommandContext {
  return {
    user: { id: 'bench', name: 'bench' },
    chat: { id: 'bench', kind: 'private' },
    lang: 'en',
    timezone: 'Europe/Moscow',
    isAdmin: true,
    now,
  };
}

/**
 * Runs the shapes `names` on the store at `path`, "now" being `now`: first for memory, on a connection that
 * reads pages into SQLite's cache instead of mapping the file (mapped file pages would count in RSS as the index
 * is read, though they are the OS's page cache, not the call's memory); then `runs` times each for latency, on a
 * connection opened as Kestrel opens it (file mapped).
 */
export async function measureShapes(
  path: string,
  now: number,
  runs: number,
  names: readonly string[],
): Promise<ShapesResult> {
  const ctx = benchContext(now);
  // As the app builds it: a store this big gets a search helper thread (file mapped as its connection is).
  const commandOn = async (db: Db, mapped: boolean) => {
    const helper = createSearchHelper(path, { authorLimit: AUTHOR_LIMIT, mmapBytes: mapped ? 2 ** 30 : 0 });
    const queries = createMentionQueries(db, { helper });
    await queries.ready();
    return { queries, command: createMentionsCommand({ queries, watches: createWatchStore(db) }) };
  };
  // Garbage of one call is collected before the next (the child runs with --expose-gc): the peak is what a
  // call needs, not what many calls leave for a lazy collector. The event loop turns once after each
  // collection, as it does between two chat commands: native memory (the chart renderer's) is released by
  // finalizers Node runs there, and a loop that never yields would pile it up (about 1.5 MB a chart).
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const collect = async () => {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const unmapped = openDatabase(path);
  unmapped.pragma('mmap_size = 0');
  const { queries: unmappedQueries, command: counting } = await commandOn(unmapped, false);
  await collect();
  const idle = process.memoryUsage().rss;
  const shapes: Record<string, ShapeFigures> = {};
  for (const name of names) {
    const [args] = SHAPES[name] as [string, string | null];
    resetPeak();
    let matches = 0;
    for (let i = 0; i < MEMORY_RUNS; i++) {
      const reply = await counting.run(ctx, args);
      if (reply.tone !== 'normal') throw new Error(`/mentions ${args} answered ${reply.tone}`);
      matches = Number(
        (reply.blocks[0]?.type === 'figures' ? reply.blocks[0].figures[0]?.value : '0')?.replace(/\D/g, '') ??
          0,
      );
      await collect();
    }
    shapes[name] = { p50_ms: 0, p99_ms: 0, peak_rss_mb: mb(Math.max(0, peakRss() - idle)), matches };
  }
  await unmappedQueries.close();
  unmapped.close();
  const db = openDatabase(path);
  const { queries, command } = await commandOn(db, true);
  const like = db
    .prepare(
      "SELECT count(*) FROM tweets WHERE text LIKE '%' || ? || '%' AND created_at >= ? AND created_at < ?",
    )
    .pluck();
  for (const name of names) {
    const [args, likeTerm] = SHAPES[name] as [string, string | null];
    await command.run(ctx, args);
    await collect();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await command.run(ctx, args);
      times.push(performance.now() - t);
      await collect();
    }
    const figures = shapes[name] as ShapeFigures;
    figures.p50_ms = round(quantile(times, 0.5));
    figures.p99_ms = round(quantile(times, 0.99));
    if (likeTerm) {
      const likeTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        like.get(likeTerm, now - 14 * DAY, now);
        likeTimes.push(performance.now() - t);
      }
      figures.like_p50_ms = round(quantile(likeTimes, 0.5));
    }
  }
  await queries.close();
  db.close();
  const highest = Math.max(0, ...Object.values(shapes).map((f) => f.peak_rss_mb));
  return { shapes, idle_rss_mb: mb(idle), peak_rss_mb: highest };
}

/**
 * Every shape in a child process of its own (compiled `mentions-probe.js` beside this file), so each peak is
 * that shape's alone.
 */
export async function measureShapesApart(path: string, now: number, runs: number): Promise<ShapesResult> {
  const out: ShapesResult = { shapes: {}, idle_rss_mb: 0, peak_rss_mb: 0 };
  for (const name of Object.keys(SHAPES)) {
    const one = await inChild(path, now, runs, name);
    Object.assign(out.shapes, one.shapes);
    out.idle_rss_mb = Math.max(out.idle_rss_mb, one.idle_rss_mb);
    out.peak_rss_mb = Math.max(out.peak_rss_mb, one.peak_rss_mb);
  }
  return out;
}

function inChild(path: string, now: number, runs: number, name: string): Promise<ShapesResult> {
  return new Promise((resolve, reject) => {
    const probe = fileURLToPath(new URL('./mentions-probe.js', import.meta.url));
    const child = fork(probe, [path, String(now), String(runs), name], { execArgv: ['--expose-gc'] });
    let result: ShapesResult | null = null;
    child.on('message', (m) => {
      result = m as ShapesResult;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`mentions probe exited with ${code}`)),
    );
  });
}

/**
 * The highest RSS since {@link resetPeak}: Linux's VmHWM of this process (getrusage's maxrss would keep the
 * parent's high-water mark across fork and exec); elsewhere maxrss.
 */
function peakRss(): number {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    if (line) return Number(line[1]) * 1024;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Starts the high-water mark again at the current RSS (Linux `clear_refs` 5), where the system allows it. */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EPERM') throw error;
  }
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024);
}
