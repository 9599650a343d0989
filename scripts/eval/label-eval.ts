/**
 * Labels, cross-validated on the real set and on the development set, beside the two baselines measured on
 * the same tweets: always `other`, and the previous hand-weighted rules.
 */
import { LABELS } from '../../src/classify/classes.js';
import { LABEL_RECIPE } from '../../src/classify/train/train-model.js';
import { confusionOf } from '../../src/learn/metrics.js';
import type { LabelItem } from '../data/labelled-sets.js';
import { labelItem } from '../data/training-sets.js';
import { crossValidated, FOLDS } from './cross-validated.js';
import { confusionTable, perClassTable, reliabilityTable, summaryTable } from './report.js';
import { classifyLabel } from './rules-labeller.js';

const OTHER = LABELS.indexOf('other');

function evalSet(title: string, scored: readonly LabelItem[], extra: readonly LabelItem[]): void {
  const held = crossValidated(scored.map(labelItem), extra.map(labelItem), LABEL_RECIPE);
  const rules = scored.map((i) => LABELS.indexOf(classifyLabel(i.text).label));
  console.log(
    `\n## ${title}: ${scored.length} tweets, ${FOLDS}-fold cross-validation (folds keep near-duplicates together)\n`,
  );
  console.log(
    summaryTable(LABELS, held.truth, [
      { name: 'learned model', predicted: held.predicted },
      { name: 'baseline: previous rules', predicted: rules },
      { name: 'baseline: always other', predicted: scored.map(() => OTHER) },
    ]),
  );
  const c = confusionOf(held.truth, held.predicted, LABELS.length);
  console.log(`\nlearned model, per label\n${perClassTable(LABELS, c)}`);
  console.log(
    `\nprevious rules, per label\n${perClassTable(LABELS, confusionOf(held.truth, rules, LABELS.length))}`,
  );
  console.log(`\nlearned model, confusion\n${confusionTable(LABELS, c)}`);
  const correct = Array.from(held.predicted, (p, i) => p === held.truth[i]);
  console.log(
    `\nlearned model, reliability (held-out confidence at the fitted temperature ${held.temperature})\n${reliabilityTable(held.confidence, correct)}`,
  );
}

/** Prints both sets' figures; the real set is skipped (with a line saying so) when it is absent. */
export function evalLabels(real: readonly LabelItem[] | null, dev: readonly LabelItem[]): void {
  console.log('# Labels');
  if (real) evalSet('Real tweets (SentiRuEval-2015, our labels)', real, dev);
  else console.log('\n(real set skipped: ../shared/data/sentirueval-2015 is absent)');
  evalSet('Development set (written for Kestrel, ru + en)', dev, real ?? []);
}
