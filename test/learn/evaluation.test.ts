import { describe, expect, it } from 'vitest';
import { assignFolds, groupsByKeys, seededRandom } from '../../src/learn/folds.js';
import {
  accuracy,
  calibrationError,
  classFigures,
  confusionOf,
  fitTemperature,
  macroF1,
  reliability,
} from '../../src/learn/metrics.js';

describe('group folds', () => {
  it('keeps examples that share a key, even through a chain, in one fold', () => {
    const keys = [['a'], ['b'], ['a', 'c'], ['c'], ['d'], ['e'], ['b']];
    const groups = groupsByKeys(keys);
    expect(groups[0]).toBe(groups[2]);
    expect(groups[2]).toBe(groups[3]);
    expect(groups[1]).toBe(groups[6]);
    expect(groups[4]).not.toBe(groups[5]);
    const fold = assignFolds(groups, 3, 1);
    expect(fold[0]).toBe(fold[3]);
    expect(fold[1]).toBe(fold[6]);
  });

  it('balances folds and depends only on the seed', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => [`t${i % 400}`]);
    const groups = groupsByKeys(keys);
    const fold = assignFolds(groups, 5, 42);
    const sizes = [0, 0, 0, 0, 0];
    for (const f of fold) sizes[f]!++;
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(3);
    expect(assignFolds(groups, 5, 42)).toEqual(fold);
    expect(assignFolds(groups, 5, 43)).not.toEqual(fold);
  });
});

describe('metrics', () => {
  it('counts precision, recall, F1, accuracy and macro-F1 over the classes present', () => {
    // truth:     0 0 0 1 1 2
    // predicted: 0 0 1 1 1 1
    const c = confusionOf([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 1, 1], 4);
    expect(classFigures(c, 0)).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(classFigures(c, 1)).toMatchObject({ precision: 0.5, recall: 1, support: 2 });
    expect(classFigures(c, 2)).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(accuracy(c)).toBeCloseTo(4 / 6);
    expect(macroF1(c)).toBeCloseTo((0.8 + 2 / 3 + 0) / 3);
    expect(macroF1(c, [0, 1])).toBeCloseTo((0.8 + 2 / 3) / 2);
  });

  it('fits the temperature that undoes overconfident scores', () => {
    const random = seededRandom(5);
    const n = 4000;
    const scores = new Float64Array(n * 2);
    const truth: number[] = [];
    for (let i = 0; i < n; i++) {
      const logit = (random() - 0.5) * 6;
      const p = 1 / (1 + Math.exp(-logit));
      truth.push(random() < p ? 1 : 0);
      // The model says 3× what it knows.
      scores[i * 2 + 1] = 3 * logit;
    }
    expect(fitTemperature(scores, truth, 2)).toBeGreaterThan(2.5);
    expect(fitTemperature(scores, truth, 2)).toBeLessThan(3.5);
  });

  it('bins confidences: well calibrated predictions have a small error', () => {
    const random = seededRandom(9);
    const confidence: number[] = [];
    const correct: boolean[] = [];
    for (let i = 0; i < 5000; i++) {
      const p = 0.5 + random() / 2;
      confidence.push(p);
      correct.push(random() < p);
    }
    const bins = reliability(confidence, correct);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(5000);
    expect(calibrationError(bins)).toBeLessThan(0.03);
    expect(
      calibrationError(
        reliability(
          confidence,
          confidence.map(() => true),
        ),
      ),
    ).toBeGreaterThan(0.2);
  });
});
