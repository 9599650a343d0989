import { CLASSIFIER_VERSION, type Classifier } from '../classify/classifier.js';
import { applyOverrides } from '../feedback/apply-overrides.js';
import type { Override } from '../store/feedback-store.js';
import type { SignalWriter } from '../store/signal-store.js';
import type { TweetReader } from '../store/tweet-reader.js';

/**
 * Re-reads every stored tweet with the current classifier, one transaction per batch, so a change to
 * the classifier reaches the whole store with one command (`kestrel reclassify`). The team's decisions
 * (`overridesOf`) stay over the new readings.
 */
export function reclassifyAll(
  deps: {
    reader: TweetReader;
    signals: SignalWriter;
    classifier: Classifier;
    transaction: <T>(fn: () => T) => T;
    overridesOf?: (seq: number) => Override[];
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
    });
    after = batch[batch.length - 1]?.seq ?? after;
    done += batch.length;
    onProgress?.(done, total);
  }
  return done;
}
