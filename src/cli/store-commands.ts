import type { Writable } from 'node:stream';
import type { Kestrel } from '../app.js';
import { replayShift } from '../app.js';
import { KestrelError } from '../errors.js';
import { createReclassifyCheckpoint, reclassifyAll } from '../pipeline/reclassify.js';
import { createSignalWriter } from '../store/signal-store.js';
import { createTweetReader } from '../store/tweet-reader.js';
import { openPageRecording } from '../x/page-recording.js';
import { dbStatsText } from './db-stats.js';
import { createProgress } from './progress.js';

/** `kestrel poll --once`: one cycle and a one-line report; exit code 1 when a query failed. */
export async function runPollOnce(kestrel: Kestrel, out: Writable): Promise<number> {
  const r = await kestrel.poller.runOnce();
  const paused = r.paused.size > 0 ? `, ${r.paused.size} watches paused (kestrel db stats says why)` : '';
  out.write(
    `${r.status}: ${r.queries} queries, ${r.requests} requests, ${r.tweetsRead} read, ${r.tweetsNew} new, ` +
      `${r.matchesNew} new matches${paused}${r.reason ? ` (${r.reason})` : ''}\n`,
  );
  return r.status === 'failed' || r.status === 'partial' ? 1 : 0;
}

/** `kestrel db stats`. */
export function runDbStats(kestrel: Kestrel, out: Writable): number {
  out.write(`${dbStatsText(kestrel)}\n`);
  return 0;
}

/** `kestrel replay FILE [--no-shift]`: recorded pages through the ingest pipeline, with progress. */
export async function runReplay(kestrel: Kestrel, file: string | undefined, shift: boolean, out: Writable) {
  if (!file) throw new KestrelError('INPUT_INVALID', 'usage: kestrel replay FILE.jsonl [--no-shift]');
  const recording = openPageRecording(file);
  const progress = createProgress('replay (pages)');
  let report: Awaited<ReturnType<Kestrel['replay']>>;
  try {
    report = await kestrel.replay(
      recording,
      shift ? replayShift(recording.newest, kestrel.meta, kestrel.clock) : 0,
      (p) => progress.update(p.done, p.total),
      `${file} line`,
    );
  } finally {
    progress.stop();
  }
  out.write(`replayed ${report.tweets} tweets: ${report.tweetsNew} new, ${report.matchesNew} new matches\n`);
  return 0;
}

/** `kestrel reclassify`: every stored tweet read again by the current classifier, with progress. */
export function runReclassify(kestrel: Kestrel, out: Writable): number {
  const checkpoint = createReclassifyCheckpoint(kestrel.meta, kestrel.readingKey());
  const stopped = checkpoint.resume();
  if (stopped) out.write(`going on after ${stopped.done} tweets re-read by a run that was stopped\n`);
  const progress = createProgress('reclassify');
  const { done } = reclassifyAll(
    {
      reader: createTweetReader(kestrel.db),
      signals: createSignalWriter(kestrel.db),
      classifier: kestrel.classifier(),
      transaction: kestrel.stores.transaction,
      overridesOf: kestrel.feedback.overridesOf,
      checkpoint,
    },
    (d, t) => progress.update(d, t),
  );
  progress.stop();
  out.write(`reclassified ${done} tweets\n`);
  return 0;
}
