/**
 * `npm run bench -- --only teach`: how much a team's corrections improve Kestrel's reading of its own stream
 * (the learning curve, see `teach-curve.ts`), and how long retraining takes.
 */
import { LABEL_RECIPE, trainModelFile } from '../../src/classify/train/train-model.js';
import { TEAM_RECIPE, type TeamRecipe } from '../../src/teach/team-trainer.js';
import { learningCurve } from './teach-curve.js';
import { loadTeachData } from './teach-stream.js';

const STEPS = [0, 50, 100, 200, 500];

export function runTeachCurve(domain: 'telecoms' | 'banks', recipe: TeamRecipe = TEAM_RECIPE) {
  const data = loadTeachData(domain);
  if (!data) return null;
  const started = performance.now();
  const base = trainModelFile('label', data.shipped, LABEL_RECIPE, {}, (i) => data.shippedReal.has(i));
  const baseSeconds = (performance.now() - started) / 1000;
  const curve = learningCurve(base, data.stream, data.shipped, {
    steps: STEPS,
    perDay: 20,
    topPerDay: Number.POSITIVE_INFINITY,
    retrainEvery: 20,
    margin: 0.01,
    recipe,
  });
  return { curve, baseSeconds, stream: data.stream.length, shipped: data.shipped.length };
}

export async function runTeachBench() {
  const run = runTeachCurve('telecoms');
  if (!run) return { skipped: 'needs ../shared/data/sentirueval-2015 beside the checkout' };
  const { curve } = run;
  const at200 = curve.points.find((p) => p.corrections === 200);
  const drops = curve.points.map((p) => p.shipped.macroF1 - p.team.macroF1);
  return {
    curve: curve.points,
    macro_f1_gain_at_200: at200
      ? Math.round((at200.team.macroF1 - at200.shipped.macroF1) * 10_000) / 10_000
      : null,
    max_drop: Math.round(Math.max(0, ...drops) * 10_000) / 10_000,
    stream: { domain: 'telecoms', tweets: run.stream, days: curve.days, corrections: curve.corrections },
    retrainings: curve.retrainings,
    rejected_by_guard: curve.rejected,
    starting_model: { trained_on: run.shipped, seconds: Math.round(run.baseSeconds * 10) / 10 },
  };
}
