/**
 * The training items of both models, in a fixed order: the real labelled set and the development set for
 * labels; SentiRuEval's per-brand sentiment and the development set's for sentiment. The development set
 * weighs more per tweet: it is the only source of IT jobs, engineering discussion and English.
 */
import { LABELS, SENTIMENT_CLASSES } from '../../src/classify/classes.js';
import type { TrainingItem } from '../../src/classify/train/train-model.js';
import {
  type LabelItem,
  loadDevLabelItems,
  loadDevSentimentItems,
  loadRealLabelItems,
  loadRealSentimentItems,
  type SentimentItem,
} from './labelled-sets.js';

/** Example weight of a development-set tweet against a real one. */
export const DEV_WEIGHT = 2;

export interface TrainingSet {
  items: TrainingItem[];
  /** True for items of the real set (their held-out scores calibrate the model). */
  isReal(item: TrainingItem): boolean;
  counts: Record<string, number>;
}

export const labelItem = (i: LabelItem): TrainingItem => ({
  text: i.text,
  label: LABELS.indexOf(i.label),
  keys: i.keys,
  handles: i.handles,
  weight: i.set === 'dev' ? DEV_WEIGHT : 1,
});

/**
 * Extra weight of a brand item whose tweet gives its brands different tones: rare (about 1% of pairs), and
 * the only examples that teach the words around a brand to outweigh the rest of the tweet.
 */
export const CONTRAST_WEIGHT = 3;

export const sentimentItem = (i: SentimentItem): TrainingItem => ({
  text: i.text,
  label: SENTIMENT_CLASSES.indexOf(i.label),
  target: i.target,
  handles: i.handles,
  keys: i.keys,
  weight: (i.set === 'dev' ? DEV_WEIGHT : 1) * (i.contrast ? CONTRAST_WEIGHT : 1),
});

/** Both training sets; null without `../shared`. */
export function buildTrainingSets(
  realLabels?: string,
): { label: TrainingSet; sentiment: TrainingSet } | null {
  const real = loadRealLabelItems(realLabels);
  const realSentiment = loadRealSentimentItems();
  if (!real || !realSentiment) return null;
  const dev = loadDevLabelItems();
  const devSentiment = loadDevSentimentItems();
  const labelItems = [...real.map(labelItem), ...dev.map(labelItem)];
  const sentimentItems = [...realSentiment.map(sentimentItem), ...devSentiment.map(sentimentItem)];
  const realLabel = new Set(labelItems.slice(0, real.length));
  const realTone = new Set(sentimentItems.slice(0, realSentiment.length));
  return {
    label: {
      items: labelItems,
      isReal: (item) => realLabel.has(item),
      counts: { real: real.length, dev: dev.length },
    },
    sentiment: {
      items: sentimentItems,
      isReal: (item) => realTone.has(item),
      counts: { real: realSentiment.length, dev: devSentiment.length },
    },
  };
}
