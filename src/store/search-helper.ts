/**
 * A second thread for big searches: while the caller counts its share of a search, the helper counts the other
 * on a read-only connection of its own, so a word in a fifth of a million tweets uses both cores. The caller
 * waits for the answer synchronously (`Atomics.wait` on a shared counter, then `receiveMessageOnPort`), so a
 * summary stays one synchronous call. A helper not ready yet, failing or slower than `timeoutMs` (30 s) gives
 * no answer, and the caller counts that share itself: nothing is lost, only time.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Db } from './database.js';
import type { SearchShare } from './search-share.js';
import type { PartialTally, TallySpec } from './search-tally.js';

/** A share counted by the helper, and how long the helper took (ms). */
export interface HelperAnswer {
  partial: PartialTally;
  ms: number;
}

export interface SearchHelper {
  /** Sends `share` to the helper; null when it is not ready (the caller counts the share itself). */
  start(share: SearchShare, spec: Omit<TallySpec, 'authors'>): { wait(): HelperAnswer | null } | null;
  /** Resolves once the helper can take shares (at once if it failed to start). */
  ready(): Promise<void>;
  /** Shares the helper counted and answered in time. */
  readonly answered: number;
  close(): Promise<void>;
}

export function createSearchHelper(
  path: string,
  options: { authorLimit: number; timeoutMs?: number; mmapBytes?: number },
): SearchHelper {
  // A share of a month over ten million tweets takes seconds; only a helper that died is waited out this long
  // (its exit cannot be seen during a synchronous wait), once.
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = new SharedArrayBuffer(4);
  const done = new Int32Array(signal);
  const channel = new MessageChannel();
  const port: MessagePort = channel.port1;
  const setup = {
    path,
    authorLimit: options.authorLimit,
    mmapBytes: options.mmapBytes ?? 2 ** 30,
    port: channel.port2,
    signal,
  };
  const worker = startWorker(setup, [channel.port2]);
  let state: 'starting' | 'ready' | 'gone' = 'starting';
  let nextId = 0;
  let answered = 0;
  const readiness = new Promise<void>((resolve) => {
    worker.once('message', () => {
      if (state === 'starting') state = 'ready';
      // Held while it starts (someone may be waiting for it); after that it never keeps the process alive.
      worker.unref();
      resolve();
    });
    const gone = () => {
      state = 'gone';
      resolve();
    };
    worker.once('error', gone);
    worker.once('exit', gone);
  });
  port.unref();
  return {
    start(share, spec) {
      if (state !== 'ready') return null;
      const id = ++nextId;
      port.postMessage({ id, share, spec });
      return {
        wait() {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            // The count is read before the port: a message sent after this read moves the count, so the wait
            // below cannot sleep through it.
            const count = Atomics.load(done, 0);
            const answer = receiveMessageOnPort(port)?.message as
              | { id: number; partial?: PartialTally; ms?: number; error?: string }
              | undefined;
            if (answer?.id === id) {
              if (!answer.partial) return null;
              answered++;
              return { partial: answer.partial, ms: answer.ms ?? 0 };
            }
            if (answer) continue;
            const left = deadline - Date.now();
            if (left <= 0 || state === 'gone') return null;
            Atomics.wait(done, 0, count, left);
          }
        },
      };
    },
    ready: () => readiness,
    get answered() {
      return answered;
    },
    async close() {
      state = 'gone';
      port.close();
      await worker.terminate();
    },
  };
}

/** The helper allocates little per share: a small young generation keeps its memory from growing with use. */
const LIMITS = { maxYoungGenerationSizeMb: 2 };

function startWorker(data: unknown, transferList: MessagePort[]): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const source = new URL(`./search-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  return fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`,
        { eval: true, workerData: data, transferList, resourceLimits: LIMITS },
      )
    : new Worker(source, { workerData: data, transferList, resourceLimits: LIMITS });
}

/** Stores smaller than this answer any search fast enough on one thread: no helper is started for them. */
const HELPER_MIN_TWEETS = 100_000;

/**
 * The search helper of a store on disk holding at least {@link HELPER_MIN_TWEETS} tweets: started with the
 * queries when the store is that big already, else by the first search after it has grown so. A helper passed
 * in is used as it is.
 */
export function createHelperOnDemand(db: Db, option: boolean | SearchHelper, authorLimit: number) {
  const stored = db.prepare('SELECT coalesce(max(seq), 0) FROM tweets').pluck();
  const onDisk = !db.memory && db.name !== '';
  let helper: SearchHelper | null = typeof option === 'object' ? option : null;
  let wanted = option === true;
  const get = (): SearchHelper | null => {
    if (helper || !wanted || !onDisk) return helper;
    if ((stored.get() as number) < HELPER_MIN_TWEETS) return null;
    helper = createSearchHelper(db.name, { authorLimit });
    return helper;
  };
  get();
  return {
    get,
    close: async () => {
      wanted = false;
      await helper?.close();
      helper = null;
    },
  };
}
