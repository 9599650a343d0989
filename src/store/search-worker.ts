/**
 * The search helper's thread (started by {@link createSearchHelper}): a read-only connection to the store that
 * counts the shares of searches it is sent and answers each on its port, then bumps the shared counter the
 * caller waits on. It never writes.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createAuthorCounts } from './author-counts.js';
import { registerSearchFunctions } from './mention-search.js';
import { applyShare, type SearchShare } from './search-share.js';
import { createTally, type TallySpec } from './search-tally.js';
import { tallyRunner } from './tally-runner.js';

interface Setup {
  path: string;
  authorLimit: number;
  /** `mmap_size`, as the caller's connection maps the file. */
  mmapBytes: number;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

const { path, authorLimit, mmapBytes, port, signal } = workerData as Setup;
const done = new Int32Array(signal);
const db = new Database(path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma(`mmap_size = ${Math.max(0, Math.floor(mmapBytes))}`);
db.pragma('cache_size = -500');
registerSearchFunctions(db);
const run = tallyRunner(db);
const authors = createAuthorCounts(authorLimit);
const statements = new Map<string, ReturnType<typeof db.prepare>>();
const prepare = (sql: string) => {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql).raw();
    if (statements.size >= 64) statements.delete(statements.keys().next().value as string);
    statements.set(sql, statement);
  }
  return statement;
};

port.on('message', (request: { id: number; share: SearchShare; spec: Omit<TallySpec, 'authors'> }) => {
  try {
    const started = performance.now();
    const tally = createTally({ ...request.spec, authors });
    applyShare(prepare, run, request.share, tally);
    const partial = tally.partial();
    const arrays = partial.authors;
    // The author arrays move to the caller instead of being copied.
    port.postMessage(
      { id: request.id, partial, ms: performance.now() - started },
      arrays
        ? [
            arrays.keys.buffer as ArrayBuffer,
            arrays.mentions.buffer as ArrayBuffer,
            arrays.reach.buffer as ArrayBuffer,
          ]
        : [],
    );
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).message });
  }
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
parentPort?.postMessage('ready');
