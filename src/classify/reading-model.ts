/**
 * Kestrel's two learned models read together: the label model (six labels, calibrated confidence, reasons) and
 * the sentiment model (the tweet's tone, and its tone toward each brand), both softmax regressions over the same
 * hashed features. Their weights are interleaved per feature, so scoring a tweet touches each feature's row once.
 */
import { decodeModel, type LinearModelFile } from '../learn/model-file.js';
import { LABELS, type Label, SENTIMENT_CLASSES, type SentimentLabel } from './classes.js';
import type { DetectedCues } from './cue-detect.js';
import { labelReasons } from './label-reasons.js';
import type { PreparedText } from './text.js';
import { FEATURE_BITS, FEATURE_VERSION, type FeatureVector } from './tweet-features.js';

/** The label of a tweet, how sure the model is (0..1, calibrated) and why. */
export interface LabelResult {
  label: Label;
  confidence: number;
  reasons: string[];
}

export interface ReadingModel {
  /** Label and tone of a tweet from its features; `prepared` and `cues` give the words of the reasons. */
  read(
    prepared: PreparedText,
    cues: DetectedCues,
    features: FeatureVector,
  ): LabelResult & { sentiment: SentimentLabel };
  /** The tone toward one brand of the tweet last read, from that brand's own features (`targetFeatures`). */
  toneToward(brand: FeatureVector): SentimentLabel;
}

const L = LABELS.length;
const S = SENTIMENT_CLASSES.length;
const ROW = L + S;

function checkClasses(file: LinearModelFile, expected: readonly string[]): void {
  if (file.classes.join(',') !== expected.join(','))
    throw new Error(
      `model "${file.name}" has classes ${file.classes.join(',')}, expected ${expected.join(',')}`,
    );
}

/** Loads the two model files (they must have Kestrel's label and tone classes, in order). */
export function createReadingModel(files: {
  label: LinearModelFile;
  sentiment: LinearModelFile;
}): ReadingModel {
  checkClasses(files.label, LABELS);
  checkClasses(files.sentiment, SENTIMENT_CLASSES);
  const expect = { featureBits: FEATURE_BITS, featureVersion: FEATURE_VERSION };
  const label = decodeModel(files.label, expect);
  const tone = decodeModel(files.sentiment, expect);
  const rows = label.dimension;
  const w = new Float32Array(rows * ROW);
  for (let f = 0; f < rows; f++) {
    for (let k = 0; k < L; k++) w[f * ROW + k] = label.weights[f * L + k]!;
    for (let k = 0; k < S; k++) w[f * ROW + L + k] = tone.weights[f * S + k]!;
  }
  const temperature = files.label.temperature;
  const scores = new Float64Array(ROW);
  const probabilities = new Float64Array(L);
  const brandScores = new Float64Array(S);

  const lift = (bucket: number, k: number): number => {
    let others = 0;
    for (let j = 0; j < L; j++) if (j !== k) others += w[bucket * ROW + j]!;
    return w[bucket * ROW + k]! - others / (L - 1);
  };

  const argmaxTone = (s: Float64Array, offset: number): SentimentLabel => {
    let best = 0;
    for (let k = 1; k < S; k++) if (s[offset + k]! > s[offset + best]!) best = k;
    return SENTIMENT_CLASSES[best]!;
  };

  return {
    read(prepared, cues, features) {
      for (let k = 0; k < L; k++) scores[k] = label.bias[k]!;
      for (let k = 0; k < S; k++) scores[L + k] = tone.bias[k]!;
      const index = features.index;
      const value = features.value;
      // Unrolled over the nine classes (six labels, three tones): this loop is most of a reading's arithmetic.
      let s0 = scores[0]!,
        s1 = scores[1]!,
        s2 = scores[2]!,
        s3 = scores[3]!,
        s4 = scores[4]!;
      let s5 = scores[5]!,
        s6 = scores[6]!,
        s7 = scores[7]!,
        s8 = scores[8]!;
      for (let j = 0; j < features.count; j++) {
        const o = index[j]! * ROW;
        const v = value[j]!;
        s0 += v * w[o]!;
        s1 += v * w[o + 1]!;
        s2 += v * w[o + 2]!;
        s3 += v * w[o + 3]!;
        s4 += v * w[o + 4]!;
        s5 += v * w[o + 5]!;
        s6 += v * w[o + 6]!;
        s7 += v * w[o + 7]!;
        s8 += v * w[o + 8]!;
      }
      scores[0] = s0;
      scores[1] = s1;
      scores[2] = s2;
      scores[3] = s3;
      scores[4] = s4;
      scores[5] = s5;
      scores[6] = s6;
      scores[7] = s7;
      scores[8] = s8;
      let best = 0;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < L; k++) if (scores[k]! > max) [best, max] = [k, scores[k]!];
      let sum = 0;
      for (let k = 0; k < L; k++) sum += probabilities[k] = Math.exp((scores[k]! - max) / temperature);
      return {
        label: LABELS[best]!,
        confidence: Math.round((probabilities[best]! / sum) * 1000) / 1000,
        reasons: labelReasons(best, LABELS[best] === 'other', lift, prepared, cues, features),
        sentiment: argmaxTone(scores, L),
      };
    },
    toneToward(brand) {
      for (let k = 0; k < S; k++) brandScores[k] = scores[L + k]!;
      for (let j = 0; j < brand.count; j++) {
        const o = brand.index[j]! * ROW + L;
        const v = brand.value[j]!;
        for (let k = 0; k < S; k++) brandScores[k]! += v * w[o + k]!;
      }
      return argmaxTone(brandScores, 0);
    },
  };
}
