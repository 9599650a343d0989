/**
 * `npm run bench -- --only teach`: how much a team's corrections improve Kestrel's reading of its own stream
 * (the learning curve, see `teach-curve.ts`), and how long retraining takes.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SHIPPED_MODELS } from '../../src/classify/classifier.js';
import { LABEL_RECIPE, type TrainingItem, trainModelFile } from '../../src/classify/train/train-model.js';
import { retrainInWorker } from '../../src/teach/retrain-in-worker.js';
import { TEAM_RECIPE, type TeamRecipe } from '../../src/teach/team-trainer.js';
import { type CurvePoint, learningCurve } from './teach-curve.js';
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
  return { curve, baseSeconds, stream: data.stream.length, shipped: data.shipped.length, data };
}

/**
 * One retraining of the shipped label model with `count` corrections, as the bot runs it: on a worker thread,
 * guarded on `guard`. Reports the training alone (one core, the worker's), the whole job, and the longest
 * event-loop delay of the main thread meanwhile (what a chat command would wait).
 */
async function retrainTiming(corrections: TrainingItem[], guard: TrainingItem[]) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  const { figures } = await retrainInWorker({
    base: SHIPPED_MODELS.label,
    corrections,
    guard,
    margin: 0.01,
    recipe: TEAM_RECIPE,
    crossValidate: false,
  });
  const wall = (performance.now() - started) / 1000;
  lag.disable();
  return {
    corrections: corrections.length,
    train_s: figures.trainSeconds,
    job_with_guard_s: Math.round(wall * 100) / 100,
    guard_items: guard.length,
    main_thread_max_lag_ms: Math.round(lag.max / 1e5) / 10,
  };
}

/** Macro-F1 gain at 200 corrections and the largest drop below the shipped model, of one curve. */
function curveFigures(points: readonly CurvePoint[]) {
  const at200 = points.find((p) => p.corrections === 200);
  const drops = points.map((p) => p.shipped.macroF1 - p.team.macroF1);
  return {
    macro_f1_gain_at_200: at200
      ? Math.round((at200.team.macroF1 - at200.shipped.macroF1) * 10_000) / 10_000
      : null,
    max_drop: Math.round(Math.max(0, ...drops) * 10_000) / 10_000,
  };
}

export async function runTeachBench() {
  const run = runTeachCurve('telecoms');
  if (!run) return { skipped: 'needs ../shared/data/sentirueval-2015 beside the checkout' };
  const { curve, data } = run;
  // The half the recipe was chosen on, reported beside the held-out one.
  const tuning = runTeachCurve('banks');
  const retrain5000 = await retrainTiming(
    data.stream.slice(0, 5000).map((t) => t.item),
    data.shipped,
  );
  return {
    curve: curve.points,
    ...curveFigures(curve.points),
    stream: {
      domain: 'telecoms',
      tweets: run.stream,
      days: curve.days,
      corrections: curve.corrections,
      corrected_to: curve.correctedTo,
    },
    tuning_half: tuning
      ? { domain: 'banks', ...curveFigures(tuning.curve.points), curve: tuning.curve.points }
      : null,
    retrainings: curve.retrainings,
    rejected_by_guard: curve.rejected,
    starting_model: { trained_on: run.shipped, seconds: Math.round(run.baseSeconds * 10) / 10 },
    retrain_5000: retrain5000,
  };
}
