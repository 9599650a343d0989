/**
 * How good a label model is, and whether a team model may be used: accuracy and macro-F1 on labelled items,
 * the team's corrections cross-validated (before: the shipped model, which never saw them; after: team models
 * each trained without the fold they score), and the guard on the shipped labelled sets.
 */
import { examplesOf, type TrainingItem } from '../classify/train/train-model.js';
import { assignFolds, groupsByKeys } from '../learn/folds.js';
import { accuracy, confusionOf, macroF1 } from '../learn/metrics.js';
import { decodeModel, type LinearModelFile } from '../learn/model-file.js';
import { type SparseExample, scoreSparse } from '../learn/softmax-regression.js';
import { type TeamRecipe, trainTeamModel } from './team-trainer.js';

export interface Figures {
  items: number;
  accuracy: number;
  macroF1: number;
}

/** What one retraining found: cross-validated on the corrections, and on the guard set, before and after. */
export interface TeamFigures {
  corrections: number;
  crossValidated: { before: Figures; after: Figures } | null;
  guard: { before: Figures; after: Figures; margin: number };
  accepted: boolean;
  /** Seconds spent training the model that is kept (not counting the cross-validation). */
  trainSeconds: number;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Predicted class of each example under `file`. */
export function predict(file: LinearModelFile, examples: readonly SparseExample[]): Int32Array {
  const model = decodeModel(file, file);
  const out = new Float64Array(model.classes);
  return Int32Array.from(examples, (e) => {
    scoreSparse(model, e.index, e.value, e.index.length, out);
    let best = 0;
    for (let k = 1; k < out.length; k++) if (out[k]! > out[best]!) best = k;
    return best;
  });
}

export function figuresOf(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): Figures {
  const c = confusionOf(truth, predicted, classes);
  return { items: truth.length, accuracy: round(accuracy(c)), macroF1: round(macroF1(c)) };
}

/** Accuracy and macro-F1 of a model on labelled items (features read once by the caller: `examplesOf`). */
export function scoreModel(file: LinearModelFile, examples: readonly SparseExample[]): Figures {
  return figuresOf(
    examples.map((e) => e.label),
    predict(file, examples),
    file.classes.length,
  );
}

/**
 * The corrections in `folds` group folds (near-duplicates together): the base model's figures on them, and
 * those of team models each trained on the other folds. Null with fewer corrections than folds.
 */
export function crossValidateTeam(
  base: LinearModelFile,
  corrections: readonly TrainingItem[],
  recipe: TeamRecipe,
  folds = 5,
): { before: Figures; after: Figures } | null {
  if (corrections.length < folds) return null;
  const fold = assignFolds(groupsByKeys(corrections.map((c) => c.keys)), folds, 1);
  const examples = examplesOf(corrections);
  const truth = examples.map((e) => e.label);
  const held = new Int32Array(corrections.length);
  for (let k = 0; k < folds; k++) {
    const team = trainTeamModel(
      base,
      corrections.filter((_, i) => fold[i] !== k),
      recipe,
    );
    const scored = examples.filter((_, i) => fold[i] === k);
    const predicted = predict(team, scored);
    let j = 0;
    for (let i = 0; i < examples.length; i++) if (fold[i] === k) held[i] = predicted[j++]!;
  }
  const K = base.classes.length;
  return { before: figuresOf(truth, predict(base, examples), K), after: figuresOf(truth, held, K) };
}

/** Input of one retraining (what the worker receives). */
export interface RetrainInput {
  base: LinearModelFile;
  corrections: TrainingItem[];
  /** The shipped labelled sets the team model must not get worse on. */
  guard: TrainingItem[];
  /** Largest drop of macro-F1 (and of accuracy) on the guard set that is accepted, e.g. 0.01. */
  margin: number;
  recipe: TeamRecipe;
  /** Cross-validate the corrections too (for `kestrel model status`). */
  crossValidate: boolean;
}

/** Trains the team model, measures it, and says whether the guard lets it be used. */
export function retrainTeam(input: RetrainInput): { model: LinearModelFile; figures: TeamFigures } {
  const started = performance.now();
  const model = trainTeamModel(input.base, input.corrections, input.recipe);
  const trainSeconds = (performance.now() - started) / 1000;
  const guardExamples = examplesOf(input.guard);
  const before = scoreModel(input.base, guardExamples);
  const after = scoreModel(model, guardExamples);
  const accepted =
    input.corrections.length > 0 &&
    after.macroF1 >= before.macroF1 - input.margin &&
    after.accuracy >= before.accuracy - input.margin;
  return {
    model,
    figures: {
      corrections: input.corrections.length,
      crossValidated: input.crossValidate
        ? crossValidateTeam(input.base, input.corrections, input.recipe)
        : null,
      guard: { before, after, margin: input.margin },
      accepted,
      trainSeconds: Math.round(trainSeconds * 1000) / 1000,
    },
  };
}
