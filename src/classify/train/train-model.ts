/**
 * Training a model file from labelled texts: features as the classifier reads them, class weights, L-BFGS,
 * a calibration temperature from a group-held-out fifth, and the compact file form. Deterministic: the same
 * items in the same order give the same file, byte for byte.
 */
import { groupsByKeys } from '../../learn/folds.js';
import { encodeModel, type LinearModelFile } from '../../learn/model-file.js';
import { fisherPrecision } from '../../learn/precision.js';
import { holdoutTemperature, type Recipe, trainByRecipe } from '../../learn/recipe.js';
import type { SparseExample } from '../../learn/softmax-regression.js';
import { LABELS, SENTIMENT_CLASSES } from '../classes.js';
import { FEATURE_BITS, FEATURE_DIMENSION, FEATURE_VERSION, type SentimentTarget } from '../tweet-features.js';
import { createFeatureReader, type FeatureReader } from './feature-reader.js';

/** One labelled text for training: its class (an index into the recipe's classes) and its example weight. */
export interface TrainingItem {
  text: string;
  label: number;
  target?: SentimentTarget | undefined;
  /** Offsets of the brand accounts the text names (see `handlesOf`). */
  handles?: readonly number[] | undefined;
  /** Near-duplicate keys (see `template-key.ts`). */
  keys: readonly string[];
  weight: number;
}

/** How the label model is trained (chosen by cross-validation, see `npm run eval`). */
export const LABEL_RECIPE: Recipe = {
  classes: LABELS,
  dimension: FEATURE_DIMENSION,
  l2: 1e-4,
  classWeightPower: 0.75,
  maxIterations: 60,
};

/** How the sentiment model is trained. */
export const SENTIMENT_RECIPE: Recipe = {
  classes: SENTIMENT_CLASSES,
  dimension: FEATURE_DIMENSION,
  l2: 1e-4,
  classWeightPower: 0.5,
  maxIterations: 40,
};

/** Feature vectors of the items, in order. */
export function examplesOf(items: readonly TrainingItem[], reader: FeatureReader = createFeatureReader()) {
  return items.map((item): SparseExample => {
    const { index, value } = reader(item.text, item.target, item.handles);
    return { index, value, label: item.label, weight: item.weight };
  });
}

/** Trains a model file on `items`; `scoredFor` picks the items whose held-out scores fit the temperature. */
export function trainModelFile(
  name: string,
  items: readonly TrainingItem[],
  recipe: Recipe,
  metadata: Record<string, unknown>,
  scoredFor: (item: TrainingItem) => boolean = () => true,
): LinearModelFile {
  const examples = examplesOf(items);
  const scored = examples.filter((_, i) => scoredFor(items[i]!));
  const extra = examples.filter((_, i) => !scoredFor(items[i]!));
  const groups = groupsByKeys(items.filter(scoredFor).map((i) => i.keys));
  const temperature = holdoutTemperature(scored, groups, recipe, extra);
  const model = trainByRecipe(examples, recipe);
  return encodeModel(model, {
    precision: fisherPrecision(model, examples),
    name,
    classes: recipe.classes,
    featureBits: FEATURE_BITS,
    featureVersion: FEATURE_VERSION,
    temperature,
    metadata: { ...metadata, examples: items.length, recipe: { ...recipe, classes: undefined } },
  });
}
