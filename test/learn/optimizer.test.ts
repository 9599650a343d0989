import { describe, expect, it } from 'vitest';
import { minimize } from '../../src/learn/lbfgs.js';
import { type SparseExample, scoreSparse, trainSoftmax } from '../../src/learn/softmax-regression.js';

describe('L-BFGS', () => {
  it('finds the minimum of a badly scaled quadratic', () => {
    const target = [3, -2, 0.5, 10];
    const scale = [1, 100, 0.01, 5];
    const result = minimize(
      (x, grad) => {
        let f = 0;
        for (let i = 0; i < x.length; i++) {
          const d = x[i]! - target[i]!;
          f += scale[i]! * d * d;
          grad[i] = 2 * scale[i]! * d;
        }
        return f;
      },
      new Float64Array(4),
      { maxIterations: 200, tolerance: 1e-14 },
    );
    for (let i = 0; i < 4; i++) expect(result.x[i]).toBeCloseTo(target[i]!, 3);
  });
});

/** Three classes, each marked by its own feature, plus a noise feature shared by all. */
function toyExamples(): SparseExample[] {
  const out: SparseExample[] = [];
  for (let i = 0; i < 60; i++) {
    const label = i % 3;
    out.push({ index: Int32Array.of(label, 7), value: Float32Array.of(1, 1), label, weight: 1 });
  }
  return out;
}

describe('softmax regression', () => {
  const options = { classes: 3, dimension: 16, l2: 1e-3 };

  it('learns a separable problem and scores new vectors with its weights', () => {
    const model = trainSoftmax(toyExamples(), options);
    const out = new Float64Array(3);
    for (const label of [0, 1, 2]) {
      scoreSparse(model, [label], [1], 1, out);
      expect(out.indexOf(Math.max(...out))).toBe(label);
    }
  });

  it('is deterministic: the same examples give the same weights', () => {
    const a = trainSoftmax(toyExamples(), options);
    const b = trainSoftmax(toyExamples(), options);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
  });

  it('gives unseen features no weight, and stronger regularisation smaller weights', () => {
    const loose = trainSoftmax(toyExamples(), options);
    const tight = trainSoftmax(toyExamples(), { ...options, l2: 1 });
    expect(loose.weights.slice(3 * 3, 7 * 3).every((w) => w === 0)).toBe(true);
    const norm = (w: Float32Array) => Math.hypot(...w);
    expect(norm(tight.weights)).toBeLessThan(norm(loose.weights));
  });

  it('weighs examples: a heavier class wins a feature both classes share', () => {
    const examples: SparseExample[] = [
      { index: Int32Array.of(1), value: Float32Array.of(1), label: 0, weight: 1 },
      { index: Int32Array.of(1), value: Float32Array.of(1), label: 1, weight: 5 },
    ];
    const model = trainSoftmax(examples, { classes: 2, dimension: 4, l2: 1e-3 });
    const out = new Float64Array(2);
    scoreSparse(model, [1], [1], 1, out);
    expect(out[1]).toBeGreaterThan(out[0]!);
  });
});
