/**
 * The labelled stream of the teach benchmark: the real labelled set (SentiRuEval-2015 tweets with our labels)
 * split by domain. A team watching telecom operators reads its stream in time order; the model it starts
 * from is trained by the shipped recipe on everything else (the banks tweets and the development set), so
 * every figure is measured on tweets the starting model never saw.
 */
import {
  type LabelItem,
  loadDevLabelItems,
  loadRealLabelItems,
  loadSentiRuEvalRows,
} from '../../scripts/data/labelled-sets.js';
import { labelItem } from '../../scripts/data/training-sets.js';
import type { TrainingItem } from '../../src/classify/train/train-model.js';

export interface StreamTweet {
  item: TrainingItem;
  /** Day number (UTC) it was posted. */
  day: number;
}

export interface TeachData {
  /** What the starting model is trained on, and what the guard measures: the other domain and the dev set. */
  shipped: TrainingItem[];
  /** Those of `shipped` that are real tweets (their held-out scores calibrate the model). */
  shippedReal: Set<TrainingItem>;
  stream: StreamTweet[];
}

/** The stream of one domain (`telecoms` or `banks`) and the shipped sets without it; null without ../shared. */
export function loadTeachData(domain: 'telecoms' | 'banks'): TeachData | null {
  const rows = loadSentiRuEvalRows();
  const real = loadRealLabelItems();
  if (!rows || !real) return null;
  const dates = new Map(rows.map((r) => [`${r.file}:${r.row.id}`, r.row.date ?? 0]));
  const inDomain = (i: LabelItem) => i.id.startsWith(domain);
  const shippedReal = real.filter((i) => !inDomain(i)).map(labelItem);
  const stream = real
    .filter(inDomain)
    .map((i) => ({ item: labelItem(i), date: dates.get(i.id) ?? 0, id: i.id }))
    .sort((a, b) => a.date - b.date || a.id.localeCompare(b.id))
    .map(({ item, date }) => ({ item, day: Math.floor(date / 86_400) }));
  return {
    shipped: [...shippedReal, ...loadDevLabelItems().map(labelItem)],
    shippedReal: new Set(shippedReal),
    stream,
  };
}
