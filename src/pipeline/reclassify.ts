import { CLASSIFIER_VERSION, type Classifier } from '../classify/classifier.js';
import type { SignalWriter } from '../store/signal-store.js';
import type { TweetReader } from '../store/tweet-reader.js';

/**
 * Re-reads every stored tweet with the current classifier, one transaction per batch, so a change to
 * the classifier reaches the whole store with one command (`kestrel reclassify`).
 */
export function reclassifyAll(
  deps: {
    reader: TweetReader;
    signals: SignalWriter;
    classifier: Classifier;
    transaction: <T>(fn: () => T) => T;
  },
  onProgress?: (done: number, total: number) => void,
  batchSize = 2_000,
): number {
  const total = deps.reader.count();
  let done = 0;
  let after = 0;
  for (;;) {
    const batch = deps.reader.textsAfter(after, batchSize);
    if (batch.length === 0) break;
    deps.transaction(() => {
      for (const t of batch)
        deps.signals.replace(
          t.seq,
          t.createdAt,
          deps.classifier.classify(t.text, t.lang),
          CLASSIFIER_VERSION,
        );
    });
    after = batch[batch.length - 1]?.seq ?? after;
    done += batch.length;
    onProgress?.(done, total);
  }
  return done;
}
