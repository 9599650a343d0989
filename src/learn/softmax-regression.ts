/**
 * Multinomial logistic regression over sparse hashed features, trained with L-BFGS (deterministic) on a
 * weighted, L2-regularised log loss. Weights are laid out feature-major: `weights[f * classes + k]`.
 */
import { minimize } from './lbfgs.js';

/** One training example: sparse feature indices and values, its class and its weight. */
export interface SparseExample {
  index: Int32Array;
  value: Float32Array;
  label: number;
  weight: number;
}

export interface SoftmaxTrainOptions {
  classes: number;
  /** Size of the hashed feature space. */
  dimension: number;
  /** L2 penalty on the weights (not the biases), per unit of example weight. */
  l2: number;
  maxIterations?: number;
  tolerance?: number;
}

/** A trained linear model: `score_k(x) = bias[k] + Σ x_f · weights[f * classes + k]`. */
export interface SoftmaxWeights {
  classes: number;
  dimension: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** Trains on `examples`; features never seen in training keep weight 0. */
export function trainSoftmax(
  examples: readonly SparseExample[],
  options: SoftmaxTrainOptions,
): SoftmaxWeights {
  const K = options.classes;
  const { compact, rows } = compactRows(examples, K);
  const size = K + compact.size * K;
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0) || 1;
  const l2 = options.l2;
  const z = new Float64Array(K);

  const objective = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    const loss = addCrossEntropy(x, grad, examples, rows, K, z, (e) => e.weight / totalWeight);
    let penalty = 0;
    for (let p = K; p < size; p++) {
      penalty += x[p]! * x[p]!;
      grad[p]! += l2 * x[p]!;
    }
    return loss + 0.5 * l2 * penalty;
  };

  const result = minimize(objective, new Float64Array(size), {
    maxIterations: options.maxIterations ?? 200,
    tolerance: options.tolerance ?? 1e-7,
  });
  const weights = new Float32Array(options.dimension * K);
  for (const [f, c] of compact) {
    for (let k = 0; k < K; k++) weights[f * K + k] = result.x[K + c * K + k]!;
  }
  const bias = Float32Array.from(result.x.subarray(0, K));
  return { classes: K, dimension: options.dimension, weights, bias };
}

/** Raw class scores of one sparse vector (before softmax), written into `out`. */
export function scoreSparse(
  model: SoftmaxWeights,
  index: ArrayLike<number>,
  value: ArrayLike<number>,
  count: number,
  out: Float64Array,
): void {
  const K = model.classes;
  const w = model.weights;
  for (let k = 0; k < K; k++) out[k] = model.bias[k]!;
  for (let j = 0; j < count; j++) {
    const o = index[j]! * K;
    const v = value[j]!;
    for (let k = 0; k < K; k++) out[k]! += v * w[o + k]!;
  }
}

/** Softmax of `scores / temperature` in place. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp((scores[k]! - max) / temperature);
    sum += scores[k]!;
  }
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
}

/**
 * Adds the weighted cross-entropy of `examples` (their feature offsets into `x` in `rows`, K classes, class biases
 * first) to `grad` and returns it; `z` is scratch of length K. The data term every softmax objective here shares.
 */
export function addCrossEntropy(
  x: Float64Array,
  grad: Float64Array,
  examples: readonly SparseExample[],
  rows: readonly Int32Array[],
  K: number,
  z: Float64Array,
  weightOf: (e: SparseExample) => number,
): number {
  let loss = 0;
  for (let i = 0; i < examples.length; i++) {
    const e = examples[i]!;
    const offsets = rows[i]!;
    for (let k = 0; k < K; k++) z[k] = x[k]!;
    for (let j = 0; j < offsets.length; j++) {
      const o = offsets[j]!;
      const v = e.value[j]!;
      for (let k = 0; k < K; k++) z[k]! += v * x[o + k]!;
    }
    let max = z[0]!;
    for (let k = 1; k < K; k++) if (z[k]! > max) max = z[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      z[k] = Math.exp(z[k]! - max);
      sum += z[k]!;
    }
    const w = weightOf(e);
    loss -= w * Math.log(z[e.label]! / sum);
    for (let k = 0; k < K; k++) z[k] = w * (z[k]! / sum - (k === e.label ? 1 : 0));
    for (let k = 0; k < K; k++) grad[k]! += z[k]!;
    for (let j = 0; j < offsets.length; j++) {
      const o = offsets[j]!;
      const v = e.value[j]!;
      for (let k = 0; k < K; k++) grad[o + k]! += v * z[k]!;
    }
  }
  return loss;
}

/**
 * Only features that occur get parameters: hashed indices remapped onto compact ones in order of first use
 * (`compact`), and each example's offsets into a parameter vector of K biases then K weights per feature (`rows`).
 */
export function compactRows(
  examples: readonly SparseExample[],
  K: number,
): { compact: Map<number, number>; rows: Int32Array[] } {
  const compact = new Map<number, number>();
  const rows = examples.map((e) => {
    const offsets = new Int32Array(e.index.length);
    for (let j = 0; j < e.index.length; j++) {
      const f = e.index[j]!;
      let c = compact.get(f);
      if (c === undefined) {
        c = compact.size;
        compact.set(f, c);
      }
      offsets[j] = K + c * K;
    }
    return offsets;
  });
  return { compact, rows };
}
