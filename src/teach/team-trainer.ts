/**
 * A team model: the shipped model moved toward the team's corrections. The shipped weights are the prior
 * (what the shipped labelled sets taught, kept without shipping those tweets), and each correction is a
 * training example with a weight: the objective is Σ weight · log loss over the corrections plus
 * ½ Σ_f (prior + fisher · precision_f) · ‖θ_f − θ_f,shipped‖², a Laplace approximation of the shipped training
 * (`prior` stands for its L2 penalty, `precision_f` for how firmly its data held feature f, see
 * `learn/precision.ts`), minimised with L-BFGS from the shipped weights. Words the shipped data knows well
 * stay put and words of the team's own stream move; the biases stay (they encode the shipped label mix, and
 * corrections are a biased sample: only the mistakes). Only the rows of features that occur in corrections
 * move, so retraining costs the corrections, not the shipped data. Deterministic.
 */
import { examplesOf, type TrainingItem } from '../classify/train/train-model.js';
import { minimize } from '../learn/lbfgs.js';
import { decodeModel, encodeModel, type LinearModelFile } from '../learn/model-file.js';
import { addCrossEntropy, compactRows, type SparseExample } from '../learn/softmax-regression.js';

/** How corrections are weighed against the shipped model. */
export interface TeamRecipe {
  /** Example weight of one correction. */
  correctionWeight: number;
  /** Strength of the pull back to the shipped weights (per weight, in units of example weight). */
  prior: number;
  /** Scale of the shipped data's precision in the pull back (1: the Laplace approximation itself). */
  fisher: number;
  /** Pull back of the biases, as a multiple of `prior`. */
  biasPrior: number;
  maxIterations: number;
}

/**
 * Chosen on the banks half of the real set (`bench/sections/teach.ts` run on `banks`); the telecoms half is
 * what the bench reports. `prior` 1 ≈ the shipped L2 penalty times its training weight (1e-4 · 12,000).
 */
export const TEAM_RECIPE: TeamRecipe = {
  correctionWeight: 1,
  prior: 1,
  fisher: 1,
  biasPrior: 1000,
  maxIterations: 60,
};

/** Trains a team model from `base` and the corrections (their `label` indexes `base.classes`). */
export function trainTeamModel(
  base: LinearModelFile,
  corrections: readonly TrainingItem[],
  recipe: TeamRecipe = TEAM_RECIPE,
  metadata: Record<string, unknown> = {},
): LinearModelFile {
  const expect = { featureBits: base.featureBits, featureVersion: base.featureVersion };
  const shipped = decodeModel(base, expect);
  const examples = examplesOf(corrections);
  const K = shipped.classes;
  const { compact, rows } = compactRows(examples, K);
  const size = K + compact.size * K;
  const start = new Float64Array(size);
  for (let k = 0; k < K; k++) start[k] = shipped.bias[k]!;
  for (const [f, c] of compact)
    for (let k = 0; k < K; k++) start[K + c * K + k] = shipped.weights[f * K + k]!;
  const strength = new Float64Array(size);
  strength.fill(recipe.prior * recipe.biasPrior, 0, K);
  for (const [f, c] of compact) {
    const held = recipe.prior + recipe.fisher * (shipped.precision?.[f] ?? 0);
    strength.fill(held, K + c * K, K + (c + 1) * K);
  }
  const objective = teamObjective(examples, rows, start, strength, K, recipe);
  const result = minimize(objective, start, { maxIterations: recipe.maxIterations, tolerance: 1e-7 });
  const weights = Float32Array.from(shipped.weights);
  for (const [f, c] of compact) for (let k = 0; k < K; k++) weights[f * K + k] = result.x[K + c * K + k]!;
  const bias = Float32Array.from(result.x.subarray(0, K));
  return encodeModel(
    { classes: K, dimension: shipped.dimension, weights, bias },
    {
      name: `${base.name}+team`,
      classes: base.classes,
      featureBits: base.featureBits,
      featureVersion: base.featureVersion,
      temperature: base.temperature,
      metadata: { ...metadata, base: base.name, corrections: corrections.length, recipe },
    },
  );
}

/** Weighted log loss of the corrections (a sum, not a mean: more corrections weigh more) plus the prior. */
function teamObjective(
  examples: readonly SparseExample[],
  rows: readonly Int32Array[],
  start: Float64Array,
  strength: Float64Array,
  K: number,
  recipe: TeamRecipe,
) {
  const z = new Float64Array(K);
  return (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    const loss = addCrossEntropy(x, grad, examples, rows, K, z, (e) => e.weight * recipe.correctionWeight);
    let penalty = 0;
    for (let p = 0; p < x.length; p++) {
      const d = x[p]! - start[p]!;
      penalty += strength[p]! * d * d;
      grad[p]! += strength[p]! * d;
    }
    return loss + 0.5 * penalty;
  };
}
