import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../../src/learn/model-file.js';
import type { SoftmaxWeights } from '../../src/learn/softmax-regression.js';

const model: SoftmaxWeights = {
  classes: 2,
  dimension: 1024,
  weights: Float32Array.from({ length: 2048 }, (_, i) =>
    i % 97 === 0 ? Math.sin(i) * 3 : i % 13 === 0 ? 1e-5 : 0,
  ),
  bias: Float32Array.of(0.25, -0.25),
};
const options = {
  name: 'toy',
  classes: ['a', 'b'],
  featureBits: 10,
  featureVersion: 1,
  temperature: 1.2,
  metadata: {},
};

describe('model files', () => {
  it('round-trips weights within the quantisation step and drops negligible rows', () => {
    const file = encodeModel(model, options);
    const back = decodeModel(JSON.parse(JSON.stringify(file)), { featureBits: 10, featureVersion: 1 });
    const step = Math.max(...file.scales);
    for (let i = 0; i < 2048; i++) {
      const original = model.weights[i]!;
      if (Math.abs(original) < 1e-3) expect(back.weights[i]).toBe(0);
      else expect(Math.abs(back.weights[i]! - original)).toBeLessThanOrEqual(step);
    }
    expect(Array.from(back.bias)).toEqual([0.25, -0.25]);
  });

  it('keeps each stored row’s precision within a 5% step, and old files without it still load', () => {
    const precision = Float32Array.from({ length: 1024 }, (_, f) => (f % 3 === 0 ? 0 : f / 7));
    const file = encodeModel(model, { ...options, precision });
    const back = decodeModel(JSON.parse(JSON.stringify(file)), { featureBits: 10, featureVersion: 1 });
    expect(back.precision).toBeDefined();
    for (let f = 0; f < 1024; f++) {
      const stored = Math.max(Math.abs(model.weights[f * 2]!), Math.abs(model.weights[f * 2 + 1]!)) >= 1e-3;
      if (!stored) expect(back.precision![f]).toBe(0);
      else
        expect(Math.abs(back.precision![f]! - precision[f]!)).toBeLessThanOrEqual(
          0.05 * precision[f]! + 1e-9,
        );
    }
    expect(decodeModel(encodeModel(model, options), options).precision).toBeUndefined();
    const short = { ...file, precision: Buffer.from([1, 2]).toString('base64') };
    expect(() => decodeModel(short, options)).toThrow(/precision does not match its rows; run npm run train/);
  });

  it('encodes the same weights to the same text', () => {
    expect(JSON.stringify(encodeModel(model, options))).toBe(JSON.stringify(encodeModel(model, options)));
  });

  it('refuses a file for other features or with rows that do not match its weights, naming the fix', () => {
    const file = encodeModel(model, options);
    expect(() => decodeModel(file, { featureBits: 10, featureVersion: 2 })).toThrow(/npm run train/);
    const cut = { ...file, weights: file.weights.slice(0, 8) };
    expect(() => decodeModel(cut, { featureBits: 10, featureVersion: 1 })).toThrow(/rows do not match/);
  });
});
