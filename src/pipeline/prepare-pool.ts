import { Worker } from 'node:worker_threads';
import type { BrandSpec } from '../classify/brands.js';
import type { Classification } from '../classify/classifier.js';
import { KestrelError } from '../errors.js';
import type { Watch } from '../watch/types.js';
import {
  createPreparer,
  type LabelModelChoice,
  type PageLine,
  type PagesOptions,
  type PreparedPages,
} from './prepare.js';
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
  /** Reads with this label model from the next batch on, inline and on every worker (null: the shipped one). */
  useLabelModel(choice: LabelModelChoice | null): void;
  /** Starts the workers and builds their classifier and router now, so the first batch does not wait. */
  warm(brands: readonly BrandSpec[], watches: readonly Watch[]): Promise<void>;
  close(): Promise<void>;
}

/** Below this many texts a round trip to a worker costs more than it saves: classify inline. */
const INLINE_BELOW = 64;

type Answer = Exclude<PrepareResponse, { error: string }>;

type Request = PrepareRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** A request in flight and what to do with its answer. */
interface Job {
  request: Request;
  resolve: (answer: Answer) => void;
  reject: (e: Error) => void;
  /** True once it was sent again after a worker crashed under it. */
  retried: boolean;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  dead: boolean;
  /** The key of the label model this worker was last sent (undefined: none yet, it reads with the shipped one). */
  modelKey?: string;
}

/** What a pool needs besides its size; tests give a worker module that crashes on purpose. */
export interface PreparePoolOptions {
  size: number;
  /** The worker's module (default `prepare-worker`, .ts from sources, .js compiled). */
  workerModule?: URL;
  /** Told when a worker died under work (the batch is retried once on a fresh worker). */
  onWorkerCrash?: (error: Error) => void;
}

/**
 * `size` worker threads (0: everything inline on the calling thread). Requests go round-robin; large
 * classify batches are split over all workers. A worker that crashes (an error thrown outside the request
 * handler, out of memory, exit) fails only its own batches: each is sent once more to a fresh worker, and
 * rejected if that one dies too. Workers are unref'd: an idle pool never keeps the process alive.
 */
export function createPreparePool(options: PreparePoolOptions): PreparePool {
  const slots: Slot[] = [];
  const inline = createPreparer();
  let nextId = 1;
  let turn = 0;
  let labelModel: LabelModelChoice | null = null;
  const keyOf = (choice: LabelModelChoice | null) => choice?.key ?? 'shipped';

  const spawn = (): Slot => {
    // Compiled: run the .js worker. From TypeScript sources (tests, tsx): load the .ts through tsx.
    const fromSource = import.meta.url.endsWith('.ts');
    const source =
      options.workerModule ?? new URL(`./prepare-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
    const worker = source.href.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`,
          { eval: true },
        )
      : new Worker(source);
    worker.unref();
    const slot: Slot = { worker, jobs: new Map(), dead: false };
    worker.on('message', (message: PrepareResponse) => {
      const job = slot.jobs.get(message.id);
      if (!job) return;
      slot.jobs.delete(message.id);
      if ('error' in message) job.reject(new KestrelError('CLASSIFY_FAILED', message.error));
      else job.resolve(message);
    });
    worker.on('error', (error) => died(slot, error));
    worker.on('exit', (code) => died(slot, new Error(`a prepare worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  };

  /** A worker is gone: its batches go once more to a fresh worker; a batch that kills two is rejected. */
  const died = (slot: Slot, error: Error): void => {
    if (slot.dead) return;
    slot.dead = true;
    const at = slots.indexOf(slot);
    // Not in the pool any more: close() took it away.
    const closed = at < 0;
    if (!closed) slots.splice(at, 1);
    const jobs = [...slot.jobs.entries()];
    slot.jobs.clear();
    if (closed) {
      for (const [, job] of jobs) job.reject(new KestrelError('CLASSIFY_FAILED', 'the prepare pool closed'));
      return;
    }
    if (jobs.length > 0) options.onWorkerCrash?.(error);
    for (const [, job] of jobs) {
      if (job.retried) {
        job.reject(
          new KestrelError(
            'CLASSIFY_FAILED',
            `a prepare worker crashed twice on one batch: ${error.message}`,
            {
              cause: error,
            },
          ),
        );
        continue;
      }
      job.retried = true;
      post(spawn(), job);
    }
  };

  const post = (slot: Slot, job: Job): void => {
    const id = nextId++;
    slot.jobs.set(id, job);
    const key = keyOf(labelModel);
    const switchModel = (slot.modelKey ?? 'shipped') !== key ? { labelModel: { choice: labelModel } } : {};
    slot.modelKey = key;
    // Not transferred but copied: the batch must still be here if the worker dies and it is sent again.
    slot.worker.postMessage({ ...job.request, ...switchModel, id });
  };

  const fill = (): void => {
    while (slots.length < options.size) spawn();
  };

  /** Sends a request; resolves with the worker's answer. */
  const send = (request: Request, slot?: Slot): Promise<Answer> => {
    fill();
    const target = slot && !slot.dead ? slot : (slots[turn++ % slots.length] as Slot);
    return new Promise<Answer>((resolve, reject) =>
      post(target, { request, resolve, reject, retried: false }),
    );
  };

  return {
    size: Math.max(0, options.size),
    useLabelModel(choice) {
      labelModel = choice;
      inline.useLabelModel(choice);
    },
    pagesInline: (lines, opts) => inline.pages(lines, opts),
    async classify(items, brands) {
      if (options.size <= 0 || items.length < INLINE_BELOW) return inline.classify(items, brands);
      fill();
      const brandsKey = JSON.stringify(brands);
      const chunk = Math.ceil(items.length / slots.length);
      const parts = [...slots].map((slot, i) =>
        send(
          {
            kind: 'classify',
            items: items.slice(i * chunk, (i + 1) * chunk),
            brands: [...brands],
            brandsKey,
          },
          slot,
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
      fill();
      const probe =
        '{"data":[{"id":"1","text":"warm-up","author_id":"1","created_at":"2026-01-01T00:00:00.000Z"}]}';
      await Promise.all(
        [...slots].map((slot) =>
          send(
            { kind: 'pages', lines: [probe], shiftMs: 0, watches: [...watches], brands: [...brands] },
            slot,
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
        lines: [...lines],
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
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
