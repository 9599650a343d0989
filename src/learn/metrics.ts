/**
 * Quality figures of a classifier: confusion matrix, per-class precision/recall/F1, accuracy, macro-F1 over
 * chosen classes, and calibration (a reliability table and the temperature that calibrates softmax scores).
 */

/** Counts of (truth, prediction) pairs over `classes` labels: `cells[truth * classes + predicted]`. */
export interface Confusion {
  classes: number;
  cells: Int32Array;
}

export function confusionOf(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): Confusion {
  const cells = new Int32Array(classes * classes);
  for (let i = 0; i < truth.length; i++) cells[truth[i]! * classes + predicted[i]!]!++;
  return { classes, cells };
}

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Precision, recall and F1 of one class (0 where undefined, e.g. never predicted). */
export function classFigures(c: Confusion, k: number): ClassFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let j = 0; j < c.classes; j++) {
    if (j === k) tp = c.cells[k * c.classes + k]!;
    else {
      fp += c.cells[j * c.classes + k]!;
      fn += c.cells[k * c.classes + j]!;
    }
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

export function accuracy(c: Confusion): number {
  let right = 0;
  let all = 0;
  for (let k = 0; k < c.classes; k++) right += c.cells[k * c.classes + k]!;
  for (const n of c.cells) all += n;
  return all === 0 ? 0 : right / all;
}

/** Mean F1 over `over` (default: every class with support, i.e. "the labels present"). */
export function macroF1(c: Confusion, over?: readonly number[]): number {
  const classes = over ?? [...Array(c.classes).keys()].filter((k) => classFigures(c, k).support > 0);
  if (classes.length === 0) return 0;
  return classes.reduce((s, k) => s + classFigures(c, k).f1, 0) / classes.length;
}

/** One row of a reliability table: predictions whose confidence fell in [from, to). */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Buckets predictions by confidence; well calibrated when each bin's accuracy ≈ its mean confidence. */
export function reliability(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  edges: readonly number[] = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001],
): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    let count = 0;
    let sumConfidence = 0;
    let right = 0;
    for (let i = 0; i < confidence.length; i++) {
      const p = confidence[i]!;
      if (p < edges[b]! || p >= edges[b + 1]!) continue;
      count++;
      sumConfidence += p;
      if (correct[i]) right++;
    }
    bins.push({
      from: edges[b]!,
      to: Math.min(edges[b + 1]!, 1),
      count,
      meanConfidence: count === 0 ? 0 : sumConfidence / count,
      accuracy: count === 0 ? 0 : right / count,
    });
  }
  return bins;
}

/** Expected calibration error: the support-weighted gap between confidence and accuracy over the bins. */
export function calibrationError(bins: readonly ReliabilityBin[]): number {
  const total = bins.reduce((s, b) => s + b.count, 0);
  if (total === 0) return 0;
  return bins.reduce((s, b) => s + (b.count / total) * Math.abs(b.accuracy - b.meanConfidence), 0);
}

/**
 * The softmax temperature that minimises the log loss of held-out raw scores (`scores[i * classes + k]`),
 * searched on a log grid from 0.25 to 8 and refined once around the best point.
 */
export function fitTemperature(scores: Float64Array, truth: ArrayLike<number>, classes: number): number {
  const loss = (t: number): number => {
    let sum = 0;
    for (let i = 0; i < truth.length; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < classes; k++) max = Math.max(max, scores[i * classes + k]! / t);
      let z = 0;
      for (let k = 0; k < classes; k++) z += Math.exp(scores[i * classes + k]! / t - max);
      sum += Math.log(z) + max - scores[i * classes + truth[i]!]! / t;
    }
    return sum;
  };
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let e = -2; e <= 3; e += 0.25) {
    const t = 2 ** e;
    const l = loss(t);
    if (l < bestLoss) [best, bestLoss] = [t, l];
  }
  for (let f = 0.9; f <= 1.1001; f += 0.02) {
    const t = best * f;
    const l = loss(t);
    if (l < bestLoss) [best, bestLoss] = [t, l];
  }
  return Math.round(best * 1000) / 1000;
}
