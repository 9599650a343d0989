/**
 * Cross-validated readings of the labelled sets: every tweet is read by a model trained without its fold
 * (folds grouped so that near-duplicates and spam templates stay on one side), the other set joining every
 * training side. Calibrated with the temperature fitted on the held-out scores themselves for the reliability
 * table; the shipped model fits its own temperature the same way (`train-model.ts`).
 */

import { examplesOf, type TrainingItem } from '../../src/classify/train/train-model.js';
import { crossValidate } from '../../src/learn/cross-validate.js';
import { assignFolds, groupsByKeys } from '../../src/learn/folds.js';
import { fitTemperature } from '../../src/learn/metrics.js';
import { type Recipe, trainByRecipe } from '../../src/learn/recipe.js';
import { softmaxInPlace } from '../../src/learn/softmax-regression.js';

export const FOLDS = 5;
export const FOLD_SEED = 20141;

/** Held-out predictions of one set: truth, prediction and calibrated confidence per item. */
export interface HeldOut {
  truth: Int32Array;
  predicted: Int32Array;
  confidence: Float64Array;
  temperature: number;
}

/** Cross-validates `recipe` on `scored`, with `extra` added to every training side (never scored). */
export function crossValidated(
  scored: readonly TrainingItem[],
  extra: readonly TrainingItem[],
  recipe: Recipe,
): HeldOut {
  const examples = examplesOf(scored);
  const extraExamples = examplesOf(extra);
  const fold = assignFolds(groupsByKeys(scored.map((i) => i.keys)), FOLDS, FOLD_SEED);
  const K = recipe.classes.length;
  const cv = crossValidate(examples, fold, FOLDS, K, (e) => trainByRecipe(e, recipe), extraExamples);
  const truth = Int32Array.from(scored, (i) => i.label);
  const temperature = fitTemperature(cv.scores, truth, K);
  const confidence = new Float64Array(scored.length);
  const row = new Float64Array(K);
  for (let i = 0; i < scored.length; i++) {
    row.set(cv.scores.subarray(i * K, (i + 1) * K));
    softmaxInPlace(row, temperature);
    confidence[i] = row[cv.predicted[i]!]!;
  }
  return { truth, predicted: cv.predicted, confidence, temperature };
}
