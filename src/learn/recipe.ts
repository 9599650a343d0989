/**
 * A training recipe: class weights against imbalance, the L2 penalty and the iteration budget, applied the
 * same way by `npm run train`, by cross-validation in `npm run eval`, and by a team's retraining.
 */
import { assignFolds } from './folds.js';
import { fitTemperature } from './metrics.js';
import { type SoftmaxWeights, type SparseExample, scoreSparse, trainSoftmax } from './softmax-regression.js';

export interface Recipe {
  classes: readonly string[];
  dimension: number;
  l2: number;
  /** Class weight = (mean class size / class size) ^ power: 0 ignores imbalance, 1 balances it fully. */
  classWeightPower: number;
  maxIterations: number;
}

/** Copies of `examples` with their weight multiplied by their class's weight (computed from these examples). */
export function weighClasses(examples: readonly SparseExample[], recipe: Recipe): SparseExample[] {
  const K = recipe.classes.length;
  const mass = new Float64Array(K);
  for (const e of examples) mass[e.label]! += e.weight;
  const present = mass.filter((m) => m > 0).length || 1;
  const mean = mass.reduce((a, b) => a + b, 0) / present;
  const factor = Array.from(mass, (m) => (m > 0 ? (mean / m) ** recipe.classWeightPower : 0));
  return examples.map((e) => ({ ...e, weight: e.weight * factor[e.label]! }));
}

/** Trains one model by the recipe. */
export function trainByRecipe(examples: readonly SparseExample[], recipe: Recipe): SoftmaxWeights {
  return trainSoftmax(weighClasses(examples, recipe), {
    classes: recipe.classes.length,
    dimension: recipe.dimension,
    l2: recipe.l2,
    maxIterations: recipe.maxIterations,
  });
}

/**
 * The softmax temperature that calibrates the recipe's confidence: a model trained without one group-held-out
 * fifth of `scored` (plus all of `extra`) scores that fifth, and the temperature is fitted to those scores.
 */
export function holdoutTemperature(
  scored: readonly SparseExample[],
  groups: Int32Array,
  recipe: Recipe,
  extra: readonly SparseExample[] = [],
  seed = 1,
): number {
  const fold = assignFolds(groups, 5, seed);
  const train = scored.filter((_, i) => fold[i] !== 0);
  const held = scored.filter((_, i) => fold[i] === 0);
  const model = trainByRecipe([...train, ...extra], recipe);
  const K = recipe.classes.length;
  const scores = new Float64Array(held.length * K);
  const out = new Float64Array(K);
  held.forEach((e, i) => {
    scoreSparse(model, e.index, e.value, e.index.length, out);
    scores.set(out, i * K);
  });
  return fitTemperature(
    scores,
    held.map((e) => e.label),
    K,
  );
}
