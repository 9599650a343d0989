import { CLASSIFIER_VERSION, type Classifier } from '../classify/classifier.js';
import { applyOverrides } from '../feedback/apply-overrides.js';
import type { Override } from '../store/feedback-store.js';
import type { MetaStore } from '../store/meta-store.js';
import type { SignalWriter } from '../store/signal-store.js';
import type { TweetReader } from '../store/tweet-reader.js';

/** Where a stopped `kestrel reclassify` got to: saved with each batch, so a new run goes on from there. */
export interface ReclassifyCheckpoint {
  /** The last tweet re-read and how many were, when a run with the same readings stopped midway. */
  resume(): { after: number; done: number } | null;
  save(after: number, done: number): void;
  clear(): void;
}

const CHECKPOINT_KEY = 'reclassify-progress';

/**
 * A checkpoint in the store's meta table for readings of `readingKey` (classifier version, label model,
 * brands): a run under other readings starts from the first tweet, and so does one after a finished run.
 */
export function createReclassifyCheckpoint(meta: MetaStore, readingKey: string): ReclassifyCheckpoint {
  return {
    resume() {
      const saved = meta.get(CHECKPOINT_KEY);
      if (!saved) return null;
      const at = JSON.parse(saved) as { key?: unknown; after?: unknown; done?: unknown };
      if (at.key !== readingKey || typeof at.after !== 'number' || typeof at.done !== 'number') return null;
      return { after: at.after, done: at.done };
    },
    save: (after, done) => meta.set(CHECKPOINT_KEY, JSON.stringify({ key: readingKey, after, done })),
    clear: () => meta.set(CHECKPOINT_KEY, ''),
  };
}

/**
 * Re-reads every stored tweet with the current classifier, one transaction per batch, so a change to
 * the classifier reaches the whole store with one command (`kestrel reclassify`). The team's decisions
 * (`overridesOf`) stay over the new readings. With a checkpoint, each batch commits with its position and
 * a run that was stopped (a kill, a crash) goes on after the last committed batch.
 */
export function reclassifyAll(
  deps: {
    reader: TweetReader;
    signals: SignalWriter;
    classifier: Classifier;
    transaction: <T>(fn: () => T) => T;
    overridesOf?: (seq: number) => Override[];
    checkpoint?: ReclassifyCheckpoint;
  },
  onProgress?: (done: number, total: number) => void,
  batchSize = 2_000,
): { done: number; resumedAt: number } {
  const total = deps.reader.count();
  const resumed = deps.checkpoint?.resume() ?? null;
  let done = resumed?.done ?? 0;
  let after = resumed?.after ?? 0;
  for (;;) {
    const batch = deps.reader.textsAfter(after, batchSize);
    if (batch.length === 0) break;
    deps.transaction(() => {
      for (const t of batch) {
        const reading = deps.classifier.classify(t.text, t.lang);
        const overrides = deps.overridesOf?.(t.seq) ?? [];
        deps.signals.replace(
          t.seq,
          t.createdAt,
          overrides.length > 0 ? applyOverrides(reading, overrides, t.text, t.lang) : reading,
          CLASSIFIER_VERSION,
        );
      }
      deps.checkpoint?.save(batch[batch.length - 1]?.seq ?? after, done + batch.length);
    });
    after = batch[batch.length - 1]?.seq ?? after;
    done += batch.length;
    onProgress?.(done, total);
  }
  deps.checkpoint?.clear();
  return { done, resumedAt: resumed?.done ?? 0 };
}
