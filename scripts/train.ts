/**
 * `npm run train`: trains Kestrel's label and sentiment models from the labelled sets (see
 * `scripts/data/labelled-sets.ts`) and writes them to `src/classify/models/`. Deterministic: the same labels
 * and code give the same files byte for byte (a test checks the committed ones). Needs `../shared`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABEL_RECIPE, SENTIMENT_RECIPE, trainModelFile } from '../src/classify/train/train-model.js';
import type { LinearModelFile } from '../src/learn/model-file.js';
import { buildTrainingSets } from './data/training-sets.js';

export const MODEL_DIR = join(import.meta.dirname, '..', 'src', 'classify', 'models');

/** Trains both models; null when `../shared` is absent. */
export function trainModels(): { label: LinearModelFile; sentiment: LinearModelFile } | null {
  const sets = buildTrainingSets();
  if (!sets) return null;
  const label = trainModelFile('label', sets.label.items, LABEL_RECIPE, sets.label.counts, (i) =>
    sets.label.isReal(i),
  );
  const sentiment = trainModelFile(
    'sentiment',
    sets.sentiment.items,
    SENTIMENT_RECIPE,
    sets.sentiment.counts,
    (i) => sets.sentiment.isReal(i),
  );
  return { label, sentiment };
}

/** The exact text written for a model file. */
export function modelText(file: LinearModelFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const models = trainModels();
  if (!models) {
    console.error('npm run train needs ../shared/data/sentirueval-2015 beside the checkout');
    process.exit(1);
  }
  for (const [name, file] of Object.entries(models)) {
    const path = join(MODEL_DIR, `${name}-model.json`);
    writeFileSync(path, modelText(file));
    console.log(`${path}: ${file.classes.length} classes, temperature ${file.temperature}`);
  }
  console.log(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
