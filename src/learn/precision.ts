/**
 * How firmly the training data holds each feature's weights: the diagonal of the log-loss Hessian at the
 * trained weights (Σ weight · x_f² · p_k(1 − p_k) over the examples, averaged over the classes), in units of
 * example weight. A team model is pulled back to the shipped weights by this much (see `team-trainer.ts`), so
 * words the shipped data knows well stay put while words only the team's stream has are free to move. The
 * file keeps it as one byte per stored row, on a log scale (steps of about 4%).
 */
import {
  type SoftmaxWeights,
  type SparseExample,
  scoreSparse,
  softmaxInPlace,
} from './softmax-regression.js';

const STEPS_PER_DOUBLING = 16;
const MAX_BYTE = 255;

/** Per-feature precision of `model` on `examples` (dense, `model.dimension` long). */
export function fisherPrecision(model: SoftmaxWeights, examples: readonly SparseExample[]): Float32Array {
  const K = model.classes;
  const out = new Float64Array(model.dimension);
  const z = new Float64Array(K);
  for (const e of examples) {
    scoreSparse(model, e.index, e.value, e.index.length, z);
    softmaxInPlace(z);
    let curvature = 0;
    for (let k = 0; k < K; k++) curvature += z[k]! * (1 - z[k]!);
    curvature *= e.weight / K;
    for (let j = 0; j < e.index.length; j++) {
      const v = e.value[j]!;
      out[e.index[j]!]! += curvature * v * v;
    }
  }
  return Float32Array.from(out);
}

/** One byte for a precision: round(16 · log2(1 + p)), capped. */
export function precisionByte(p: number): number {
  return Math.min(MAX_BYTE, Math.max(0, Math.round(STEPS_PER_DOUBLING * Math.log2(1 + p))));
}

/** The precision a byte stands for. */
export function precisionOfByte(b: number): number {
  return 2 ** (b / STEPS_PER_DOUBLING) - 1;
}
