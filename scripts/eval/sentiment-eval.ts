/**
 * Sentiment toward brands on SentiRuEval-2015, with its official figure (macro-F1 over the positive and
 * negative classes, over (tweet, brand) pairs), per domain: cross-validated over all four files, and on the
 * official split (trained on the train files, measured on the test files). Baseline: the sentiment lexicon.
 */

import { SENTIMENT_CLASSES } from '../../src/classify/classes.js';
import { sentimentOf } from '../../src/classify/sentiment.js';
import { examplesOf, SENTIMENT_RECIPE, type TrainingItem } from '../../src/classify/train/train-model.js';
import { confusionOf, macroF1 } from '../../src/learn/metrics.js';
import { trainByRecipe } from '../../src/learn/recipe.js';
import { scoreSparse } from '../../src/learn/softmax-regression.js';
import type { SentimentItem } from '../data/labelled-sets.js';
import { sentimentItem } from '../data/training-sets.js';
import { crossValidated } from './cross-validated.js';
import { pct } from './report.js';

const POLAR = [SENTIMENT_CLASSES.indexOf('negative'), SENTIMENT_CLASSES.indexOf('positive')];
const lexicon = (text: string) => SENTIMENT_CLASSES.indexOf(sentimentOf(text).sentiment);

/** Official figure of the brand-level items among `items` (indexes into `predicted`). */
function official(
  items: readonly SentimentItem[],
  predicted: ArrayLike<number>,
  keep: (i: SentimentItem) => boolean,
) {
  const truth: number[] = [];
  const pred: number[] = [];
  items.forEach((item, i) => {
    if (item.brand === null || !keep(item)) return;
    truth.push(SENTIMENT_CLASSES.indexOf(item.label));
    pred.push(predicted[i]!);
  });
  return { f1: macroF1(confusionOf(truth, pred, 3), POLAR), pairs: truth.length };
}

function heldOut(scored: readonly SentimentItem[], extra: readonly SentimentItem[]) {
  const toItem = (i: SentimentItem): TrainingItem => sentimentItem(i);
  return crossValidated(scored.map(toItem), extra.map(toItem), SENTIMENT_RECIPE).predicted;
}

export function evalSentiment(
  real: readonly SentimentItem[] | null,
  dev: readonly SentimentItem[],
  english: ReadonlySet<string>,
) {
  console.log(
    '\n# Sentiment toward brands (SentiRuEval-2015 official figure: macro-F1 over positive and negative)\n',
  );
  if (!real) {
    console.log('(skipped: ../shared/data/sentirueval-2015 is absent)');
    return;
  }
  const cv = heldOut(real, dev);
  const lex = real.map((i) => lexicon(i.text));
  console.log('domain      pairs  learned (5-fold CV)  lexicon baseline');
  for (const domain of ['banks', 'telecoms'] as const) {
    const m = official(real, cv, (i) => i.set === domain);
    const b = official(real, lex, (i) => i.set === domain);
    console.log(
      `${domain.padEnd(10)} ${String(m.pairs).padStart(6)}  ${pct(m.f1).padStart(19)}  ${pct(b.f1).padStart(16)}`,
    );
  }
  const contrast = official(real, cv, (i) => i.contrast);
  const contrastLexicon = official(real, lex, (i) => i.contrast);
  console.log(
    `${'contrast'.padEnd(10)} ${String(contrast.pairs).padStart(6)}  ${pct(contrast.f1).padStart(19)}  ${pct(contrastLexicon.f1).padStart(16)}   (brands of one tweet with different tones)`,
  );
  // The official split: trained on the train files (and the development set), measured on the test files.
  const isTest = (i: SentimentItem) => i.id.includes('-test.xml');
  const test = real.filter(isTest);
  const train = [...real.filter((i) => !isTest(i)), ...dev].map(sentimentItem);
  const split = trainThenPredict(train, test.map(sentimentItem));
  console.log('\nofficial split (train files → test files)');
  for (const domain of ['banks', 'telecoms'] as const) {
    const m = official(test, split, (i) => i.set === domain);
    const b = official(
      test,
      test.map((i) => lexicon(i.text)),
      (i) => i.set === domain,
    );
    console.log(
      `${domain.padEnd(10)} ${String(m.pairs).padStart(6)}  learned ${pct(m.f1)}  lexicon ${pct(b.f1)}`,
    );
  }
  const devCv = heldOut(dev, real);
  const devTweets = (keep: (i: SentimentItem) => boolean) => {
    const truth: number[] = [];
    const pred: number[] = [];
    const base: number[] = [];
    dev.forEach((item, i) => {
      if (item.brand !== null || !keep(item)) return;
      truth.push(SENTIMENT_CLASSES.indexOf(item.label));
      pred.push(devCv[i]!);
      base.push(lexicon(item.text));
    });
    return {
      n: truth.length,
      model: macroF1(confusionOf(truth, pred, 3), POLAR),
      lexicon: macroF1(confusionOf(truth, base, 3), POLAR),
    };
  };
  console.log('\ndevelopment set, tweet sentiment (5-fold CV), macro-F1 over positive and negative');
  for (const [name, keep] of [
    ['English', (i: SentimentItem) => english.has(i.id)],
    ['Russian', (i: SentimentItem) => !english.has(i.id)],
  ] as const) {
    const r = devTweets(keep);
    console.log(
      `${name.padEnd(10)} ${String(r.n).padStart(6)}  learned ${pct(r.model)}  lexicon ${pct(r.lexicon)}`,
    );
  }
}

/** Predictions for `test` of one model trained on `train`. */
function trainThenPredict(train: readonly TrainingItem[], test: readonly TrainingItem[]): Int32Array {
  const model = trainByRecipe(examplesOf(train), SENTIMENT_RECIPE);
  const out = new Float64Array(SENTIMENT_CLASSES.length);
  return Int32Array.from(examplesOf(test), (e) => {
    scoreSparse(model, e.index, e.value, e.index.length, out);
    let best = 0;
    for (let k = 1; k < out.length; k++) if (out[k]! > out[best]!) best = k;
    return best;
  });
}
