/**
 * K-fold cross-validation of a softmax-regression recipe: every example is scored by a model that did not
 * see its fold. Extra examples (another labelled set) can join every training side without being scored.
 */
import { type SoftmaxWeights, type SparseExample, scoreSparse } from './softmax-regression.js';

export interface CrossValidation {
  /** Raw held-out scores, `scores[i * classes + k]`. */
  scores: Float64Array;
  /** Argmax of each example's held-out scores. */
  predicted: Int32Array;
}

/**
 * Trains `folds` models, each on the examples outside one fold (plus `extra`), and scores the fold's examples.
 * `fold[i]` is the fold of `examples[i]`.
 */
export function crossValidate(
  examples: readonly SparseExample[],
  fold: Int32Array,
  folds: number,
  classes: number,
  train: (examples: readonly SparseExample[]) => SoftmaxWeights,
  extra: readonly SparseExample[] = [],
): CrossValidation {
  const scores = new Float64Array(examples.length * classes);
  const predicted = new Int32Array(examples.length);
  const out = new Float64Array(classes);
  for (let k = 0; k < folds; k++) {
    const side = examples.filter((_, i) => fold[i] !== k);
    const model = train(extra.length > 0 ? [...side, ...extra] : side);
    examples.forEach((e, i) => {
      if (fold[i] !== k) return;
      scoreSparse(model, e.index, e.value, e.index.length, out);
      let best = 0;
      for (let c = 0; c < classes; c++) {
        scores[i * classes + c] = out[c]!;
        if (out[c]! > out[best]!) best = c;
      }
      predicted[i] = best;
    });
  }
  return { scores, predicted };
}
