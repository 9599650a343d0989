/**
 * The file form of a trained linear model: only the hashed feature rows with a weight worth keeping, rows as
 * delta-encoded varints, weights as 16-bit integers with one scale per class, both base64 in a JSON document
 * (so the model ships with the code and loads with a JSON import). Decoding gives the dense weights back.
 */
import { KestrelError } from '../errors.js';
import { precisionByte, precisionOfByte } from './precision.js';
import type { SoftmaxWeights } from './softmax-regression.js';

/** What a model file holds. `metadata` says what it was trained on and how well it did. */
export interface LinearModelFile {
  format: 'kestrel-linear-model';
  version: 1;
  name: string;
  classes: string[];
  featureBits: number;
  /** Version of the feature extractor the weights belong to. */
  featureVersion: number;
  temperature: number;
  bias: number[];
  scales: number[];
  rows: string;
  weights: string;
  /** One byte per stored row: how firmly the training data holds it (see `precision.ts`); absent in old files. */
  precision?: string;
  metadata: Record<string, unknown>;
}

const LIMIT = 32767;

export interface EncodeOptions {
  name: string;
  classes: readonly string[];
  featureBits: number;
  featureVersion: number;
  temperature: number;
  /** Rows whose largest |weight| is below this are dropped (default 1e-3). */
  prune?: number;
  /** Per-feature precision (`fisherPrecision`), kept for the stored rows. */
  precision?: Float32Array;
  metadata: Record<string, unknown>;
}

/** Dense weights of a model file, and the per-feature precision when the file has it. */
export interface DecodedModel extends SoftmaxWeights {
  precision?: Float32Array;
}

/** Encodes trained weights; deterministic for the same weights. */
export function encodeModel(model: SoftmaxWeights, options: EncodeOptions): LinearModelFile {
  const K = model.classes;
  const prune = options.prune ?? 1e-3;
  const scales = new Array<number>(K).fill(0);
  const kept: number[] = [];
  for (let f = 0; f < model.dimension; f++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(model.weights[f * K + k]!));
    if (max < prune) continue;
    kept.push(f);
    for (let k = 0; k < K; k++) scales[k] = Math.max(scales[k]!, Math.abs(model.weights[f * K + k]!));
  }
  for (let k = 0; k < K; k++) scales[k] = (scales[k]! || 1) / LIMIT;
  const rowBytes: number[] = [];
  let previous = -1;
  for (const f of kept) {
    let delta = f - previous;
    previous = f;
    while (delta >= 0x80) {
      rowBytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    rowBytes.push(delta);
  }
  const weights = new Int16Array(kept.length * K);
  kept.forEach((f, r) => {
    for (let k = 0; k < K; k++) weights[r * K + k] = Math.round(model.weights[f * K + k]! / scales[k]!);
  });
  const precision = options.precision;
  const precisionBytes = precision && Uint8Array.from(kept, (f) => precisionByte(precision[f]!));
  return {
    format: 'kestrel-linear-model',
    version: 1,
    name: options.name,
    classes: [...options.classes],
    featureBits: options.featureBits,
    featureVersion: options.featureVersion,
    temperature: options.temperature,
    bias: Array.from(model.bias, (b) => Math.round(b * 1e6) / 1e6),
    scales: scales.map((s) => Number(s.toPrecision(8))),
    rows: Buffer.from(Uint8Array.from(rowBytes)).toString('base64'),
    weights: Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).toString('base64'),
    ...(precisionBytes ? { precision: Buffer.from(precisionBytes).toString('base64') } : {}),
    metadata: options.metadata,
  };
}

/** Decodes a model file into dense weights, checking that it is whole and of the expected shape. */
export function decodeModel(
  file: LinearModelFile,
  expect: { featureBits: number; featureVersion: number },
): DecodedModel {
  const fail = (why: string) =>
    new KestrelError('CLASSIFY_FAILED', `model "${file.name}" cannot be used: ${why}; run npm run train`);
  if (file.format !== 'kestrel-linear-model' || file.version !== 1) throw fail('unknown model file format');
  if (file.featureBits !== expect.featureBits || file.featureVersion !== expect.featureVersion)
    throw fail(`it was trained for features v${file.featureVersion}/${file.featureBits} bits`);
  const K = file.classes.length;
  const dimension = 2 ** file.featureBits;
  const rowBytes = Buffer.from(file.rows, 'base64');
  const raw = Buffer.from(file.weights, 'base64');
  const quantized = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const weights = new Float32Array(dimension * K);
  const precisionBytes = file.precision === undefined ? undefined : Buffer.from(file.precision, 'base64');
  const precision = precisionBytes && new Float32Array(dimension);
  let f = -1;
  let r = 0;
  for (let i = 0; i < rowBytes.length; r++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const b = rowBytes[i++]!;
      delta |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    f += delta;
    if (f >= dimension || (r + 1) * K > quantized.length) throw fail('its rows do not match its weights');
    for (let k = 0; k < K; k++) weights[f * K + k] = quantized[r * K + k]! * file.scales[k]!;
    if (precision) precision[f] = precisionOfByte(precisionBytes![r]!);
  }
  if (r * K !== quantized.length) throw fail('its rows do not match its weights');
  if (precisionBytes && precisionBytes.length !== r) throw fail('its precision does not match its rows');
  const bias = Float32Array.from(file.bias);
  return precision
    ? { classes: K, dimension, weights, bias, precision }
    : { classes: K, dimension, weights, bias };
}
