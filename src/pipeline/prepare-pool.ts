import { Worker } from 'node:worker_threads';
import type { BrandSpec } from '../classify/brands.js';
import type { Classification } from '../classify/classifier.js';
import { KestrelError } from '../errors.js';
import type { Watch } from '../watch/types.js';
import { createPreparer, type PageLine, type PagesOptions, type PreparedPages } from './prepare.js';
import type { PrepareRequest, PrepareResponse } from './prepare-worker.js';
import { fromPreparedJson } from './prepared-json.js';

/** Classification and page preparation on worker threads, so the thread that writes SQLite is not held up. */
export interface PreparePool {
  classify(
    items: readonly { text: string; lang: string | null }[],
    brands: readonly BrandSpec[],
  ): Promise<Classification[]>;
  /**
   * Prepares pages on a worker. The result is opened when called: a batch waiting its turn stays one
   * string instead of thousands of objects that outlive the young generation (and cost old-space GC).
   */
  pages(lines: readonly PageLine[], options: PagesOptions): Promise<() => PreparedPages>;
  /** The same work on the calling thread: for a caller that would otherwise sit waiting for a worker. */
  pagesInline(lines: readonly PageLine[], options: PagesOptions): PreparedPages;
  /** Worker threads (0: all work is done inline). */
  readonly size: number;
  /** Starts the workers and builds their classifier and router now, so the first batch does not wait. */
  warm(brands: readonly BrandSpec[], watches: readonly Watch[]): Promise<void>;
  close(): Promise<void>;
}

/** Below this many texts a round trip to a worker costs more than it saves: classify inline. */
const INLINE_BELOW = 64;

type Answer = Exclude<PrepareResponse, { error: string }>;

type Request = PrepareRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * `size` worker threads (0: everything inline on the calling thread). Requests go round-robin; large
 * classify batches are split over all workers. Workers are unref'd: an idle pool never keeps the
 * process alive.
 */
export function createPreparePool(options: { size: number }): PreparePool {
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (e: Error) => void }>();
  const inline = createPreparer();
  let nextId = 1;
  let turn = 0;

  const spawn = (): Worker => {
    // Compiled: run the .js worker. From TypeScript sources (tests, tsx): load the .ts through tsx.
    const fromSource = import.meta.url.endsWith('.ts');
    const source = new URL(`./prepare-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`,
          { eval: true },
        )
      : new Worker(source);
    worker.unref();
    worker.on('message', (message: PrepareResponse) => {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if ('error' in message) waiter.reject(new KestrelError('CLASSIFY_FAILED', message.error));
      else waiter.resolve(message);
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
      workers.splice(workers.indexOf(worker), 1);
    });
    return worker;
  };

  /** Sends a request; resolves with the worker's answer. */
  const send = (request: Request, worker?: Worker): Promise<Answer> => {
    while (workers.length < options.size) workers.push(spawn());
    const target = worker ?? (workers[turn++ % workers.length] as Worker);
    const id = nextId++;
    const transfer = request.kind === 'pages' ? buffersOf(request.lines) : [];
    return new Promise<Answer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage({ ...request, id }, transfer);
    });
  };

  return {
    size: Math.max(0, options.size),
    pagesInline: (lines, opts) => inline.pages(lines, opts),
    async classify(items, brands) {
      if (options.size <= 0 || items.length < INLINE_BELOW) return inline.classify(items, brands);
      while (workers.length < options.size) workers.push(spawn());
      const brandsKey = JSON.stringify(brands);
      const chunk = Math.ceil(items.length / workers.length);
      const parts = workers.map((worker, i) =>
        send(
          {
            kind: 'classify',
            items: items.slice(i * chunk, (i + 1) * chunk),
            brands: [...brands],
            brandsKey,
          },
          worker,
        ),
      );
      return (await Promise.all(parts)).flatMap((answer) => {
        if (!('json' in answer))
          throw new KestrelError('CLASSIFY_FAILED', 'a prepare worker answered without readings');
        return JSON.parse(answer.json) as Classification[];
      });
    },
    async warm(brands, watches) {
      if (options.size <= 0) return;
      while (workers.length < options.size) workers.push(spawn());
      const probe =
        '{"data":[{"id":"1","text":"warm-up","author_id":"1","created_at":"2026-01-01T00:00:00.000Z"}]}';
      await Promise.all(
        workers.map((worker) =>
          send(
            { kind: 'pages', lines: [probe], shiftMs: 0, watches: [...watches], brands: [...brands] },
            worker,
          ),
        ),
      );
    },
    async pages(lines, opts) {
      if (options.size <= 0) {
        const pages = inline.pages(lines, opts);
        return () => pages;
      }
      const answer = await send({
        kind: 'pages',
        lines: movable(lines),
        shiftMs: opts.shiftMs,
        watches: [...opts.watches],
        brands: [...opts.brands],
        ...(opts.origin === undefined ? {} : { origin: opts.origin }),
        ...(opts.lineNumbers === undefined ? {} : { lineNumbers: [...opts.lineNumbers] }),
      });
      if (!('pages' in answer))
        throw new KestrelError('CLASSIFY_FAILED', 'a prepare worker answered pages with no pages');
      const json = answer.pages;
      return () => fromPreparedJson(json);
    },
    async close() {
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
}

/**
 * Byte lines are moved to the worker, not copied, when their buffers hold nothing else (a recording's
 * batch: one buffer, all of it lines). Otherwise each line is copied into a buffer of its own first, so
 * moving it does not detach its neighbours.
 */
function movable(lines: readonly PageLine[]): PageLine[] {
  let bytes = 0;
  for (const line of lines) if (typeof line !== 'string') bytes += line.byteLength;
  const owned = buffersOf(lines).reduce((sum, buffer) => sum + buffer.byteLength, 0);
  if (owned <= bytes) return [...lines];
  return lines.map((line) => (typeof line === 'string' ? line : new Uint8Array(line)));
}

/** The distinct buffers under the byte lines: what a pages request transfers. */
function buffersOf(lines: readonly PageLine[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const line of lines) if (typeof line !== 'string') buffers.add(line.buffer as ArrayBuffer);
  return [...buffers];
}
