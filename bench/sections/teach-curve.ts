/**
 * The learning curve of a team model: a simulated reader goes through a labelled stream day by day, sees what
 * that day's digest and top-mention lists show (the items the current model puts in the digest's sections,
 * plus the day's first `topPerDay` tweets standing for the top mentions, whatever their label), and corrects
 * the wrong ones, at most `perDay` a day. The team model is retrained after every `retrainEvery` corrections
 * and used only if the guard lets it. After 0, 50, 100, … corrections, the team model trained on exactly
 * those corrections and the starting model are measured on the rest of the stream (the days not yet seen).
 */

import { LABELS } from '../../src/classify/classes.js';
import type { TrainingItem } from '../../src/classify/train/train-model.js';
import { examplesOf } from '../../src/classify/train/train-model.js';
import type { LinearModelFile } from '../../src/learn/model-file.js';
import type { SparseExample } from '../../src/learn/softmax-regression.js';
import { type Figures, predict, scoreModel } from '../../src/teach/team-figures.js';
import { type TeamRecipe, trainTeamModel } from '../../src/teach/team-trainer.js';
import type { StreamTweet } from './teach-stream.js';

/** Labels a digest has a section for. */
const SHOWN = new Set(['vacancy', 'help_wanted', 'discussion'].map((l) => LABELS.indexOf(l as never)));

export interface CurveOptions {
  steps: readonly number[];
  perDay: number;
  topPerDay: number;
  retrainEvery: number;
  margin: number;
  recipe: TeamRecipe;
}

export interface CurvePoint {
  corrections: number;
  /** Tweets of the days after the one the last of these corrections was made on. */
  remainder: number;
  shipped: Figures;
  team: Figures;
  /** Whether the guard let this team model be used (if not, `team` is the starting model's figures). */
  accepted: boolean;
}

export interface Curve {
  points: CurvePoint[];
  /** Corrections the reader made over the whole stream. */
  corrections: number;
  /** Of them, how many gave each label (what the reader said the tweet is). */
  correctedTo: Record<string, number>;
  retrainings: number;
  rejected: number;
  days: number;
}

interface Guard {
  examples: readonly SparseExample[];
  base: Figures;
  margin: number;
}

const passes = (g: Guard, model: LinearModelFile) => {
  const f = scoreModel(model, g.examples);
  return f.macroF1 >= g.base.macroF1 - g.margin && f.accuracy >= g.base.accuracy - g.margin;
};

export function learningCurve(
  base: LinearModelFile,
  stream: readonly StreamTweet[],
  guardItems: readonly TrainingItem[],
  options: CurveOptions,
): Curve {
  const examples = examplesOf(stream.map((s) => s.item));
  const guardExamples = examplesOf(guardItems);
  const guard: Guard = {
    examples: guardExamples,
    base: scoreModel(base, guardExamples),
    margin: options.margin,
  };
  const days = [...new Set(stream.map((s) => s.day))];
  const corrections: TrainingItem[] = [];
  /** For each correction, the index of the first stream tweet after its day. */
  const seenUpTo: number[] = [];
  let current = base;
  let trainedAt = 0;
  let retrainings = 0;
  let rejected = 0;
  let start = 0;
  for (const day of days) {
    let end = start;
    while (end < stream.length && stream[end]!.day === day) end++;
    const todays = examples.slice(start, end);
    const predicted = predict(current, todays);
    let made = 0;
    for (let i = 0; i < todays.length && made < options.perDay; i++) {
      const shown = i < options.topPerDay || SHOWN.has(predicted[i]!);
      if (!shown || predicted[i] === todays[i]!.label) continue;
      corrections.push(stream[start + i]!.item);
      seenUpTo.push(end);
      made++;
    }
    if (corrections.length - trainedAt >= options.retrainEvery) {
      const team = trainTeamModel(base, corrections, options.recipe);
      retrainings++;
      trainedAt = corrections.length;
      if (passes(guard, team)) current = team;
      else rejected++;
    }
    start = end;
  }
  const points: CurvePoint[] = [];
  for (const step of options.steps) {
    if (step > corrections.length) break;
    const from = step === 0 ? 0 : seenUpTo[step - 1]!;
    const rest = examples.slice(from);
    if (rest.length === 0) break;
    const shipped = scoreModel(base, rest);
    if (step === 0) {
      points.push({ corrections: 0, remainder: rest.length, shipped, team: shipped, accepted: true });
      continue;
    }
    const team = trainTeamModel(base, corrections.slice(0, step), options.recipe);
    const accepted = passes(guard, team);
    points.push({
      corrections: step,
      remainder: rest.length,
      shipped,
      team: accepted ? scoreModel(team, rest) : shipped,
      accepted,
    });
  }
  const correctedTo = Object.fromEntries(
    base.classes.map((name, k) => [name, corrections.filter((c) => c.label === k).length]),
  );
  return { points, corrections: corrections.length, correctedTo, retrainings, rejected, days: days.length };
}
