/** Plain-text tables for `npm run eval`. */
import {
  accuracy,
  type Confusion,
  calibrationError,
  classFigures,
  confusionOf,
  macroF1,
  type ReliabilityBin,
  reliability,
} from '../../src/learn/metrics.js';

export const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');

/** One method's predictions on a set. */
export interface Scored {
  name: string;
  predicted: ArrayLike<number>;
}

/** Accuracy and macro-F1 (over the labels present) of each method, side by side. */
export function summaryTable(
  classes: readonly string[],
  truth: ArrayLike<number>,
  methods: readonly Scored[],
): string {
  const lines = ['method                     accuracy  macro-F1'];
  for (const m of methods) {
    const c = confusionOf(truth, m.predicted, classes.length);
    lines.push(`${m.name.padEnd(26)} ${pct(accuracy(c)).padStart(8)}  ${pct(macroF1(c)).padStart(8)}`);
  }
  return lines.join('\n');
}

/** Per-class precision, recall, F1 and support of one method. */
export function perClassTable(classes: readonly string[], c: Confusion): string {
  const lines = ['label         precision  recall     F1  support'];
  classes.forEach((label, k) => {
    const f = classFigures(c, k);
    lines.push(
      `${label.padEnd(12)}  ${pct(f.precision).padStart(9)}  ${pct(f.recall).padStart(6)}  ${pct(f.f1)}  ${String(f.support).padStart(7)}`,
    );
  });
  return lines.join('\n');
}

export function confusionTable(classes: readonly string[], c: Confusion): string {
  const head = `${'truth \\ predicted'.padEnd(18)}${classes.map((l) => l.slice(0, 9).padStart(10)).join('')}`;
  const rows = classes.map(
    (g, i) =>
      `${g.padEnd(18)}${classes.map((_, j) => String(c.cells[i * classes.length + j]).padStart(10)).join('')}`,
  );
  return [head, ...rows].join('\n');
}

export function reliabilityTable(confidence: ArrayLike<number>, correct: ArrayLike<boolean>): string {
  const bins: ReliabilityBin[] = reliability(confidence, correct);
  const lines = ['confidence    tweets  mean conf.  right'];
  for (const b of bins) {
    if (b.count === 0) continue;
    lines.push(
      `${b.from.toFixed(2)}–${b.to.toFixed(2)}  ${String(b.count).padStart(8)}  ${pct(b.meanConfidence).padStart(10)}  ${pct(b.accuracy).padStart(5)}`,
    );
  }
  lines.push(`expected calibration error ${pct(calibrationError(bins))}`);
  return lines.join('\n');
}
